"""ISO weeks (``2025-W05``) in Europe/London, and when the weekly digest is due."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


class BadWeek(ValueError):
    """A week that is not written YYYY-Www or does not exist."""


def parse_week(value: str) -> date:
    """The Monday of ISO week ``value`` (e.g. 2025-W05 → 27 January 2025)."""
    match = WEEK_RE.match(value.strip())
    if not match:
        raise BadWeek(f"week must look like 2025-W05 (ISO year, W, two-digit week), got {value!r}")
    year, number = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise BadWeek(f"week {value!r} does not exist: {exc}") from exc
    return monday


def week_label(day: date) -> str:
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def week_bounds(week: str) -> tuple[datetime, datetime]:
    """Start (Monday 00:00) and end (next Monday 00:00) of ``week`` in London time."""
    monday = parse_week(week)
    start = datetime.combine(monday, time.min, tzinfo=LONDON)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=LONDON)
    return start, end


def next_week(week: str) -> str:
    return week_label(parse_week(week) + timedelta(days=7))


def digest_time() -> time:
    try:
        hours, minutes = (int(part) for part in settings.DIGEST_TIME.split(":"))
        return time(hours, minutes)
    except ValueError as exc:
        raise ValueError(f"DIGEST_TIME must be HH:MM, got {settings.DIGEST_TIME!r}") from exc


def last_complete_week(now: datetime | None = None) -> str:
    """The week before the one ``now`` is in: what a digest sent today is about."""
    local = timezone.localtime(now or timezone.now(), LONDON)
    return week_label(local.date() - timedelta(days=7))


def due_week(now: datetime | None = None) -> str | None:
    """The week whose digest is due at ``now``: from DIGEST_WEEKDAY at DIGEST_TIME until the week is over."""
    local = timezone.localtime(now or timezone.now(), LONDON)
    monday = local.date() - timedelta(days=local.weekday())
    due_at = datetime.combine(monday + timedelta(days=settings.DIGEST_WEEKDAY), digest_time(), tzinfo=LONDON)
    if local < due_at:
        return None
    return week_label(monday - timedelta(days=7))
