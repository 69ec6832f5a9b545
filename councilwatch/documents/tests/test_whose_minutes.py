"""Minutes are this meeting's outcome only when their own printed date says so (or the platform does); minutes
whose date cannot be read are not taken as this meeting's, and the meeting gets a preview."""

import pytest

from councilwatch.documents.structure.reader import MeetingFacts, Paper, read_meeting
from councilwatch.documents.tests.kent import CABINET_MINUTES, pages_of

# The real printed minutes of Kent's Cabinet, 30 January 2025; its heading prints the date:
# "... County Hall, Maidstone on Thursday, 30 January 2025."
HEADING_DATE = "on Thursday, 30 January 2025."


@pytest.fixture(scope="module")
def minutes() -> tuple[str, ...]:
    pages = pages_of(CABINET_MINUTES)
    assert HEADING_DATE in pages[0]
    return pages


def _read(pages: tuple[str, ...], *, own: bool = False):
    paper = Paper("1", "Minutes", pages, kind="minutes", own_minutes=own)
    return read_meeting(MeetingFacts("2025-01-30", "Cabinet"), [paper])


def test_minutes_printed_with_the_meetings_date_are_its_outcome(minutes):
    read = _read(minutes)
    assert read.papers[0].proceedings == "this" and read.kind == "outcome" and read.decisions


def test_minutes_without_a_readable_date_give_a_preview_and_no_decisions(minutes):
    undated = (minutes[0].replace(HEADING_DATE, "on Thursday."), *minutes[1:])
    read = _read(undated)
    # the "Minutes of the Meeting held on 9th January 2025" item inside is no printed date of these minutes
    assert read.papers[0].proceedings == "unknown" and read.papers[0].printed_date == ""
    assert read.kind == "preview" and read.decisions == [] and read.attendance == []
    assert read.notes == ["1: no printed date could be read, so they are not taken as this meeting's"]
    # unless the platform itself says they are this meeting's printed minutes
    assert _read(undated, own=True).kind == "outcome"
