"""The entries of a forward plan's table: what is due for decision, when, and whether it is for decision.

A forward plan prints one row an expected decision: lead officer, title and summary, meeting date, decision
taker, report type. Read in order, a row's cells come one after another and its meeting date opens the line of
its decision taker ("5 Feb 2026 Transport & Connectivity"); laid out, the date follows the title on its line
("Streetspace 2: Denmark St and Rosemary Lane 5 Feb 2026"). Either way an entry is the title before its date:
the lead officer's cell (up to the line with an email address) is left out, and the title ends where its summary
begins ("To seek approval …", "1. To provide …") or at the row's access status ("Part exempt", "Non Key").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilwatch.documents.structure.mentions import find_dates

_SUMMARY = re.compile(r"^(?:\d+[.)]\s*)?(?:To|This\s+report|The\s+report)\s", re.I)
_STATUS = re.compile(r"^(?:part\s+exempt|non[- ]?key|key(?:\s+decision)?|open|exempt|fully\s+exempt|\d{1,2})$", re.I)
_HEADER = re.compile(
    r"\b(?:lead\s+officer|title\s+and\s+summary|meeting\s+date|decision\s+taker|report\s+type)\b", re.I
)
_PAGE_NUMBER = re.compile(r"^-?\s*\d{1,3}\s*-?$")
_FOR_INFORMATION = re.compile(r"\b(?:for\s+information|information)\b", re.I)
_MOST_TITLE_LINES = 4


@dataclass(frozen=True)
class PlanEntry:
    title: str
    due: str  # the date as printed: "5 Feb 2026"
    iso: str
    page: int
    for_decision: bool


def _date_on(line: str) -> tuple[str, str] | None:
    """The first date printed on the line, as printed and as ISO."""
    found = [d for d in find_dates([line]) if d.text in line]
    return (found[0].text, found[0].iso) if found else None


def _title(block: list[str]) -> str:
    """The title cell of a row's lines: after the lead officer's cell, before the summary or status."""
    while block and _STATUS.match(block[-1]):
        block = block[:-1]  # the row's own access status ("Part exempt", "3")
    emails = [i for i, line in enumerate(block) if "@" in line]
    statuses = [i for i, line in enumerate(block) if _STATUS.match(line)]  # the end of the row before
    start = max([-1, *emails[-1:], *statuses[-1:]]) + 1
    if (
        emails
        and start == emails[-1] + 1
        and start < len(block)
        and " " not in block[start]
        and len(block[start]) <= 25
    ):
        start += 1  # the end of an email address wrapped in its cell: "k", "ov.uk"
    title: list[str] = []
    for line in block[start:]:
        if _SUMMARY.match(line) or _STATUS.match(line) or len(title) == _MOST_TITLE_LINES:
            break
        title.append(line)
    return " ".join(title).strip(" -–:")


def _report_type(after: list[str]) -> bool:
    """Whether the lines after the date (decision taker, report type) say the row is for decision."""
    cells = " ".join(after[:4])
    return not _FOR_INFORMATION.search(cells)


def plan_entries(pages: tuple[str, ...] | list[str]) -> list[PlanEntry]:
    entries: list[PlanEntry] = []
    block: list[str] = []
    for number, text in enumerate(pages, start=1):
        lines = [line.strip() for line in text.splitlines()]
        lines = [line for line in lines if line and not _HEADER.search(line) and not _PAGE_NUMBER.match(line)]
        skip = 0
        for index, line in enumerate(lines):
            if skip:
                skip -= 1
                continue
            date = _date_on(line)
            if date is None:
                block.append(line)
                continue
            before = line[: line.find(date[0])].strip()
            after = lines[index + 1 : index + 5]
            title = _title(block + ([before] if before else []))
            if title and len(title.split()) >= 2:
                entries.append(PlanEntry(title, date[0], date[1], number, _report_type([line, *after])))
            taken = next(
                (i + 1 for i, cell in enumerate(after) if re.search(r"\b(?:report|information)$", cell, re.I)), 0
            )
            skip, block = taken, []
    return entries
