"""Factories for the subscriptions tests. The Kent Cabinet of 30 January 2025 comes from data/kent."""

import json
from datetime import datetime
from itertools import count
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from councilwatch.councils.models import Committee, Council, SupportLevel
from councilwatch.meetings.models import Decision, Meeting, MeetingStatus
from councilwatch.subscriptions.models import Subscriber, Subscription
from councilwatch.summaries.models import Summary, SummaryKind, Topic

LONDON = ZoneInfo("Europe/London")
_seq = count(1)
KENT_CABINET = settings.DATA_DIR / "kent" / "cabinet_2025-01-30"

# Quoted from "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf" (data/kent/cabinet_2025-01-30), items 6, 7 and 9.
KENT_CABINET_DECISIONS = [
    "Cabinet considered the proposed amendments from Cabinet Committees and endorsed the draft budget to be "
    "presented to County Council on 13th February for final decisions.",
    "Cabinet agree to transfer the statutory functions delivered by the 18-25 section of the Strengthening "
    "Independence Service from the Children Young People and Education Directorate to the Adult Social Care "
    "and Health Directorate from 1 April 2025.",
    "Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29",
]
KENT_CABINET_HEADLINE = (
    "Cabinet endorsed the draft 2025-26 budget for County Council and agreed the Commissioning Plan for "
    "Education Provision in Kent 2025-29."
)


def make_council(code: str = "KEN", name: str = "Kent", full: bool = True) -> Council:
    council, _ = Council.objects.get_or_create(
        code=code,
        defaults={
            "gss_code": f"E{next(_seq):08d}",
            "official_name": f"{name} Council",
            "name": name,
            "nation": "England",
            "la_type": "CTY",
            "la_type_name": "County",
            "support_level": SupportLevel.FULL if full else SupportLevel.LIMITED,
        },
    )
    return council


def london(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def make_meeting(council: Council, committee: str, start: datetime, **kwargs: object) -> Meeting:
    committee_row, _ = Committee.objects.get_or_create(
        council=council, upstream_id=f"c-{committee}", defaults={"name": committee}
    )
    return Meeting.objects.create(
        council=council,
        committee=committee_row,
        upstream_id=f"m-{next(_seq)}",
        start=start,
        status=kwargs.pop("status", MeetingStatus.HELD),
        **kwargs,
    )


def make_summary(
    meeting: Meeting, headline: str, sections: list[dict] | None = None, topics: list[str] = ()
) -> Summary:
    summary = Summary.objects.create(
        meeting=meeting,
        version=meeting.summaries.count() + 1,
        kind=SummaryKind.OUTCOME,
        backend="test",
        summariser_version="test",
        sources_fingerprint="0" * 64,
        headline=headline,
        body={"sections": sections or []},
    )
    for slug in topics:
        topic, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": slug.replace("-", " ").title()})
        summary.topics.add(topic)
    return summary


def kent_cabinet(council: Council | None = None) -> Meeting:
    """The Kent Cabinet of Thursday 30 January 2025 (ISO week 2025-W05) with its decisions and a summary."""
    council = council or make_council()
    metadata = json.loads((KENT_CABINET / "metadata.json").read_text())
    minutes = next(m for m in metadata if m["filename"].startswith("Printed minutes"))
    meeting = make_meeting(
        council,
        "Cabinet",
        london(2025, 1, 30, 10),
        location="Council Chamber, Sessions House, County Hall, Maidstone",
        source_url=minutes["url"],
    )
    for i, text in enumerate(KENT_CABINET_DECISIONS):
        Decision.objects.create(meeting=meeting, upstream_id=f"minutes:{i}", text=text)
    make_summary(
        meeting,
        KENT_CABINET_HEADLINE,
        sections=[{"item_number": "6", "title": "Draft budget", "text": KENT_CABINET_DECISIONS[0], "decisions": []}],
    )
    return meeting


def make_subscriber(email: str, *councils: Council, **kwargs: object) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email, confirmed_at=timezone.now(), **kwargs)
    for council in councils:
        Subscription.objects.create(subscriber=subscriber, council=council, confirmed_at=timezone.now())
    return subscriber
