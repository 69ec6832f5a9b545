"""iCalendar (RFC 5545) feeds of a council's or committee's meetings, written by hand.

Meetings from 30 days ago onwards are listed, so calendar apps see updates and cancellations of meetings
they already hold: every event keeps its UID, SEQUENCE grows with each change (seconds between creation and
last update) and a cancelled meeting is sent with ``STATUS:CANCELLED``.
"""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from councilwatch.meetings.models import Meeting, MeetingStatus
from councilwatch.web import queries
from councilwatch.web.formatting import meeting_title

STATUS = {
    MeetingStatus.CANCELLED: "CANCELLED",
    MeetingStatus.POSTPONED: "TENTATIVE",
    MeetingStatus.SCHEDULED: "TENTATIVE",
}


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode()) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(meeting: Meeting, host: str) -> list[str]:
    title = meeting_title(meeting)
    if meeting.status == MeetingStatus.CANCELLED:
        title = f"CANCELLED: {title}"
    elif meeting.status == MeetingStatus.POSTPONED:
        title = f"POSTPONED: {title}"
    url = settings.SITE_URL + reverse("web:meeting", args=[meeting.council.code, meeting.pk])
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{host}",
        f"DTSTAMP:{_utc(meeting.updated_at)}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        f"SEQUENCE:{max(0, int((meeting.updated_at - meeting.created_at).total_seconds()))}",
        f"DTSTART:{_utc(meeting.start)}",
        f"DTEND:{_utc(meeting.end or meeting.start + timedelta(hours=2))}",
        f"SUMMARY:{escape_text(f'{meeting.council.name}: {title}')}",
        f"STATUS:{STATUS.get(meeting.status, 'CONFIRMED')}",
        f"URL:{url}",
        f"DESCRIPTION:{escape_text('Papers and summary: ' + url)}",
    ]
    if meeting.location:
        lines.append(f"LOCATION:{escape_text(meeting.location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: QuerySet, name: str) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0] or "councilwatch"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//councilwatch//meetings//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    since = timezone.now() - timedelta(days=30)
    for meeting in meetings.filter(start__gte=since).select_related("council", "committee").order_by("start"):
        lines += event_lines(meeting, host)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def council_calendar(request: HttpRequest, code: str) -> HttpResponse:
    council = queries.get_council(code)
    return _response(calendar(council.meetings.all(), f"{council.name} council meetings"), f"{council.code}.ics")


def committee_calendar(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    committee = queries.get_committee(queries.get_council(code), slug)
    name = f"{committee.council.name} {committee.name}"
    return _response(calendar(committee.meetings.all(), name), f"{committee.council.code}-{slug}.ics")
