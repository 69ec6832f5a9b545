"""Decision notices and decision recording forms: one entry per decision, naming its item and what was decided.

Forms print a subject per decision ("(a) Subject: Opportunities to promote … (agenda item 7)") and a labelled
block ("(d) Decision taken", "Decision:", "RESOLVED"); notices without subject lines are numbered like
minutes and are read as minutes are, aligned to the agenda. The people listed at the top ("Committee Members
present:", "Apologies:") are the meeting's attendance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from councilwatch.documents.structure.align import Titled, item_for_title, normal_number
from councilwatch.documents.structure.attendance import parse_header
from councilwatch.documents.structure.decisions import decision_blocks
from councilwatch.documents.structure.lines import Line, flat, join_lines, page_lines
from councilwatch.documents.structure.minutes import parse_minutes
from councilwatch.documents.structure.types import AttendanceEntry, Span

_SUBJECT = re.compile(r"^(?:\([a-z]\)\s+)?(?:Subject|Title|Report\s+title|Matter|Item)\s*:\s*(?P<title>.*)$", re.I)
_ITEM_REF = re.compile(r"\(?\s*(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<n>\d{1,3}[a-z]?)\s*\)?", re.I)
_NEXT_FIELD = re.compile(r"^\([a-z]\)\s+\S|^[A-Z][\w ]{1,30}:\s*$")


@dataclass(frozen=True)
class NoticeEntry:
    item: str | None
    heading: str
    text: str
    page: int
    page_end: int
    decisions: list[Span] = field(default_factory=list)


@dataclass(frozen=True)
class Notice:
    attendance: list[AttendanceEntry] = field(default_factory=list)
    entries: list[NoticeEntry] = field(default_factory=list)


def _subject(lines: Sequence[Line], start: int, items: Sequence[Titled]) -> tuple[str, str | None, int]:
    """The subject's title, the agenda item it names, and the line after it."""
    parts = [_SUBJECT.match(lines[start].text)["title"]]  # type: ignore[index]
    index = start + 1
    while index < len(lines) and len(parts) < 4 and not _NEXT_FIELD.match(lines[index].text):
        parts.append(lines[index].text)
        index += 1
    title = flat(" ".join(parts))
    named = _ITEM_REF.search(title)
    number = None
    if named:
        number = next((i.number for i in items if normal_number(i.number) == normal_number(named["n"])), named["n"])
        title = flat(_ITEM_REF.sub("", title)).strip(" ()-–")
    elif items:
        match = item_for_title(title, items, threshold=0.6)
        number = match.number if match else None
    return title, number, index


def parse_decision_notice(
    pages: list[str], emphasis: list[list[str] | None] | None = None, items: Sequence[Titled] = ()
) -> Notice:
    """The entries of a decision notice or recording form, each with the item it names and its decisions."""
    lines = page_lines(pages, emphasis)
    starts = [n for n, line in enumerate(lines) if _SUBJECT.match(line.text)]
    if not starts:
        minutes = parse_minutes(pages, emphasis, items or None)
        entries = [
            NoticeEntry(m.agenda_item or m.minute_number, m.title, m.text, m.page, m.page_end, list(m.resolved))
            for m in minutes.items
            if m.resolved
        ]
        return Notice([*minutes.present, *minutes.in_attendance, *minutes.apologies], entries)
    header = parse_header(list(lines[: starts[0]]))
    entries = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        title, number, body_start = _subject(lines, start, items)
        body = list(lines[body_start:end])
        decisions = [span for span, _, _ in decision_blocks(body)]
        page_end = body[-1].page if body else lines[start].page
        entries.append(NoticeEntry(number, title, join_lines(body), lines[start].page, page_end, decisions))
    return Notice([*header["present"], *header["in_attendance"], *header["apologies"]], entries)
