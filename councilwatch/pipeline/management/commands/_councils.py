"""Argument helpers shared by the pipeline's commands."""

from datetime import date

from django.core.management.base import CommandError

from councilwatch.councils.models import Council


def councils_from_codes(codes: list[str] | None) -> list[Council] | None:
    """The councils named by official code, or None (meaning every enabled council) when none is named."""
    if not codes:
        return None
    wanted = [code.upper() for code in codes]
    found = {c.code: c for c in Council.objects.filter(code__in=wanted)}
    missing = [code for code in wanted if code not in found]
    if missing:
        raise CommandError(f"unknown council code(s): {', '.join(missing)} (see `councilwatch load_councils`)")
    return [found[code] for code in wanted]


def parse_date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option} must be a date as YYYY-MM-DD, got {value!r}") from None
