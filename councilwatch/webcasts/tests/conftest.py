"""A meeting read aloud from real text: QMSum's Welsh committee transcript (data/qmsum), three speakers' voices,
with the chair announcing each of three agenda items ("We move on to item 2, ...")."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.meetings.models import AgendaItem, Meeting
from councilwatch.webcasts.synth import Spoken, Turn, build_recording

ITEMS = (
    ("1", "Coronavirus and the health of children"),
    ("2", "Access to health services"),
    ("3", "Mental health and well-being of young people"),
)


def _sentences(text: str, count: int) -> str:
    return " ".join(re.split(r"(?<=[.?!])\s+", text.replace("—", ", "))[:count])


def meeting_turns() -> list[tuple[str, Turn]]:
    """(item number, turn) in speaking order; the body of every turn is real text from the QMSum transcript."""
    said = json.loads((Path(settings.DATA_DIR) / "qmsum" / "education_0.json").read_text())["meeting_transcripts"]
    chair, member, minister = "en-gb", "en-us", "en-gb-scotland"
    return [
        ("1", Turn(chair, "Good afternoon. We start with item 1, coronavirus and the health of children.")),
        ("1", Turn(member, _sentences(said[1]["content"], 2))),
        ("1", Turn(minister, _sentences(said[2]["content"], 2))),
        ("2", Turn(chair, "Thank you. We move on to item 2, access to health services.")),
        ("2", Turn(member, _sentences(said[13]["content"], 2))),
        ("3", Turn(chair, "Thank you. We move on to item 3, mental health and well-being of young people.")),
        ("3", Turn(member, _sentences(said[26]["content"], 2))),
    ]


@pytest.fixture(scope="session")
def recording(tmp_path_factory) -> tuple[Path, list[Spoken], list[str]]:
    """The WAV, each turn's place in it, and the item each turn belongs to."""
    turns = meeting_turns()
    out = tmp_path_factory.mktemp("webcast") / "meeting.wav"
    placed = build_recording([t for _, t in turns], out)
    return out, placed, [number for number, _ in turns]


@pytest.fixture
def meeting(db) -> Meeting:
    council = Council.objects.create(
        code="WLS",
        gss_code="W00000001",
        official_name="A council",
        name="A council",
        nation="Wales",
        la_type="UA",
        la_type_name="Unitary authority",
        platform="moderngov",
        platform_base_url="http://127.0.0.1:9/",
        support_level=SupportLevel.FULL,
    )
    meeting = Meeting.objects.create(council=council, upstream_id="m1", start=datetime(2020, 5, 7, 13, tzinfo=UTC))
    for order, (number, title) in enumerate(ITEMS, start=1):
        AgendaItem.objects.create(meeting=meeting, upstream_id=f"i{number}", number=number, order=order, title=title)
    return meeting
