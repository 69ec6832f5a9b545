"""How meetings are named on the site: "Cabinet - Thursday, 30th January, 2025 10.00 am"."""

from datetime import datetime

from django.utils import timezone
from django.utils.text import slugify

from councilwatch.councils.models import Committee
from councilwatch.meetings.models import Meeting


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def clock(moment: datetime) -> str:
    """10.00 am, 2.30 pm, 12.00 pm (noon) – the style of ModernGov sites."""
    hour = moment.hour % 12 or 12
    return f"{hour}.{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


def long_date(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%A}, {ordinal(local.day)} {local:%B}, {local.year}"


def meeting_title(meeting: Meeting) -> str:
    name = meeting.committee.name if meeting.committee_id else (meeting.title or "Meeting")
    local = timezone.localtime(meeting.start)
    return f"{name} - {long_date(local)} {clock(local)}"


def committee_slug(committee: Committee) -> str:
    return committee.slug or slugify(committee.name) or f"committee-{committee.upstream_id}"
