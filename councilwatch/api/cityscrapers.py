"""Meetings in the City Scrapers meeting schema (data/us_agencies/city_scrapers_core_meeting.schema.json)."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from councilwatch.meetings.models import Meeting, MeetingStatus

CLASSIFICATIONS = [  # the first word found in the committee's name decides; "advisory" is checked before these
    ("council", "City Council"),
    ("board", "Board"),
    ("commission", "Commission"),
    ("forum", "Forum"),
    ("committee", "Committee"),
    ("cabinet", "Committee"),
    ("panel", "Committee"),
]


def classification(name: str) -> str:
    lowered = name.lower()
    if "advisory" in lowered:
        return "Advisory Committee"
    for word, label in CLASSIFICATIONS:
        if word in lowered:
            return label
    return "Not classified"


def status(meeting: Meeting, now: datetime) -> str:
    if meeting.status in (MeetingStatus.CANCELLED, MeetingStatus.POSTPONED):
        return "cancelled"
    if meeting.status == MeetingStatus.HELD or meeting.start < now:
        return "passed"
    if meeting.status == MeetingStatus.CONFIRMED:
        return "confirmed"
    return "tentative"


def iso_duration(meeting: Meeting) -> str:
    seconds = int((meeting.end - meeting.start).total_seconds()) if meeting.end and meeting.end > meeting.start else 0
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{secs}S"


def _absolute(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def to_city_scrapers(meeting: Meeting, now: datetime | None = None) -> dict:
    """One meeting as a City Scrapers (JSCalendar) event; needs council, committee and documents loaded."""
    now = now or timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    api_page = f"{settings.SITE_URL}/api/v1/meetings/{meeting.pk}"
    source = next((u for u in (meeting.web_url, meeting.source_url) if _absolute(u)), api_page)
    name = meeting.committee.name if meeting.committee_id else (meeting.title or "Meeting")
    start = meeting.start.astimezone(zone)
    links: dict[str, dict[str, str]] = {"cityscrapers.org/source": {"href": source, "title": "Meeting page"}}
    links["councilwatch"] = {"href": api_page, "title": "councilwatch API"}
    for doc in meeting.documents.all():
        if _absolute(doc.source_url):
            links[f"document-{doc.pk}"] = {"href": doc.source_url, "title": doc.title}
    event: dict = {
        "@type": "jsevent",
        "uid": str(uuid.uuid5(uuid.NAMESPACE_URL, api_page)),
        "title": name,
        "updated": meeting.updated_at.astimezone(zone).isoformat(),
        "description": meeting.title if meeting.title and meeting.title != name else "",
        "isAllDay": False,
        "status": status(meeting, now),
        "start": start.isoformat(),
        "timeZone": settings.TIME_ZONE,
        "duration": iso_duration(meeting),
        "links": links,
        "cityscrapers.org/id": f"councilwatch_{meeting.council.code.lower()}/{start:%Y%m%d%H%M}/x/{slugify(name)}",
        "cityscrapers.org/agency": meeting.council.official_name,
        "cityscrapers.org/classification": classification(name),
        "locations": {"location": {"name": meeting.location}} if meeting.location else {},
    }
    return event
