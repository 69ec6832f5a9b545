"""A meeting read aloud from real text: QMSum's Welsh committee transcript (data/qmsum), three speakers' voices,
with the chair announcing each of three agenda items ("We move on to item 2, ...")."""

import json
import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
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


PLAYER_PAGE = (
    b"<!DOCTYPE html><html><head><title>Cabinet, 30 January 2025 - webcast</title></head><body>"
    b'<iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ" allowfullscreen></iframe></body></html>'
)


class _WebcastSite(BaseHTTPRequestHandler):
    """Paths -> (content type, body); a path under /truncated/ announces the whole body and sends half of it."""

    routes: dict[str, tuple[str, bytes]] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        found = self.routes.get(self.path.removeprefix("/truncated"))
        if found is None:
            self.send_error(404)
            return
        media_type, body = found
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2] if self.path.startswith("/truncated/") else body)
        self.close_connection = True


@pytest.fixture
def webcast_site(recording, settings) -> Iterator[str]:
    """A webcast host on 127.0.0.1: the recording as audio/x-wav and as application/octet-stream, a YouTube player
    page, a text file named .mp3, and /truncated/... of each (the connection closes halfway)."""
    settings.HTTP_RATE_LIMIT = 0
    settings.HTTP_BACKOFF = 0
    wav = recording[0].read_bytes()
    _WebcastSite.routes = {
        "/meeting.wav": ("audio/x-wav", wav),
        "/download/meeting.wav": ("application/octet-stream", wav),
        "/player.html": ("text/html; charset=utf-8", PLAYER_PAGE),
        "/notes.mp3": ("application/octet-stream", b"These are the minutes, not a recording.\n" * 40),
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _WebcastSite)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()
