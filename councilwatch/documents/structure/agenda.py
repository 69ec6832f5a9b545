"""Agendas: the numbered items of a frontsheet or of the front of a reports pack, whatever their numbering.

Items are the best run of numbered lines (``numbering.best_run``): numbers rising one by one, each a short
title set apart by the layout where the layout is known. Numbered lines inside an item (how to submit a
question, a report's summary paragraphs) are not items. A reports pack's frontsheet ends where the first
report begins (ModernGov stamps each report page "Agenda Item N").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilwatch.documents.structure.lines import LIST_MARKER, Line, flat, page_lines
from councilwatch.documents.structure.numbering import (
    Candidate,
    best_run,
    candidates,
    heading_likeness,
    is_anchor,
    uses_emphasis,
)
from councilwatch.documents.structure.types import AgendaEntry

STAMP = re.compile(r"^Agenda\s+Item\s+(?P<item>\d{1,3}[a-z]?(?:\s?\([a-z0-9]{1,3}\))?)\s*$", re.I)
_PAGES = re.compile(r"\(\s*Pages?\s+[\d\s\-–]+\)?|\(\s*Pages?\s*$|^\s*[\d\s\-–]+\)\s*$", re.I)
_JOINERS = re.compile(r"(?:\b(?:and|or|of|the|to|for|in|on|with|from|a|an|by|at)|[,\-–&/])\s*$", re.I)
_TRAILING = re.compile(r"[\s:;,.\-–]+$")
_SMALL = {"and", "or", "of", "the", "to", "for", "in", "on", "with", "from", "a", "an", "by", "at", "if", "as"}
FRONT_PAGES = 12  # a frontsheet longer than this is not a frontsheet


def front_lines(lines: Sequence[Line]) -> list[Line]:
    """The lines of the agenda itself: up to the first page a report starts on (its "Agenda Item N" stamp)."""
    for index, line in enumerate(lines):
        if STAMP.match(line.text.strip()) and index > 0:
            return list(lines[:index])
    return [line for line in lines if line.page <= FRONT_PAGES]


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _SMALL]
    return bool(words) and sum(w[0].isupper() for w in words) >= max(1, len(words) * 0.5)


def _continues(previous: Line, line: Line, heading: Line, closing: bool, width: int) -> bool:
    """Whether ``line`` carries on the title begun on ``previous`` (``closing``: a "(Pages …)" mark follows;
    ``width``: the longest first line of the agenda's titles, so a line near it was wrapped)."""
    text = line.text.strip()
    if not text or STAMP.match(text) or is_anchor(text) or "\t" in line.text or text.lower() in ("none", "n/a", "nil"):
        return False
    if _PAGES.match(text):
        return True
    if LIST_MARKER.match(text):
        return False  # "5. CORRESPONDENCE" / "i) Lloyds Bank Statement …": the item's first entry, not its title
    if previous.text.rstrip().endswith((":", ":-", ":–", ".")):
        return False  # the title introduced a list, or ended
    if heading.strong and line.strong is False:
        return False
    if heading.strong and line.strong and len(text.split()) <= 14:
        return True
    if _JOINERS.search(previous.text) or text[:1].islower():
        return True
    wrapped = len(previous.text) >= max(40, 0.8 * width)
    return wrapped and len(text.split()) <= 12 and (closing or _title_case(text))


def title_of(run_item: Candidate, lines: Sequence[Line], stop: int, width: int = 80) -> tuple[str, int]:
    """The item's full title (continued over wrapped lines) and the index of the first line after it."""
    parts = [run_item.title]
    index = run_item.index + 1
    previous = run_item.line
    if not run_item.title and index < stop:  # "1." on a line of its own, the title on the next
        parts, previous, index = [lines[index].text], lines[index], index + 1
    while index < stop and len(parts) < 4 and not run_item.rest:
        closing = any(_PAGES.match(lines[k].text.strip()) for k in range(index, min(index + 2, stop)))
        if not _continues(previous, lines[index], run_item.line, closing, width):
            break
        parts.append(lines[index].text)
        previous = lines[index]
        index += 1
    title = _TRAILING.sub("", flat(_PAGES.sub(" ", " ".join(parts))))
    return title, index


def agenda_entries(lines: Sequence[Line]) -> list[AgendaEntry]:
    """The items of an agenda given as lines (already cut to the agenda itself)."""
    found = [c for c in candidates(lines) if not STAMP.match(c.line.text.strip())]
    emphasis = uses_emphasis(lines)
    run = best_run(
        found,
        lambda c: heading_likeness(c, lines, emphasis, in_minutes=False),
        start_bonus=lambda c: 0.5 if c.value <= 1 else 0.0,
    )
    entries: list[AgendaEntry] = []
    width = max((len(_PAGES.sub("", item.line.text).strip()) for item in run), default=80)
    for position, item in enumerate(run):
        stop = run[position + 1].index if position + 1 < len(run) else len(lines)
        title, after = title_of(item, lines, stop, width)
        description = flat(" ".join(line.text for line in lines[after:stop]))[:1500]
        if item.rest:
            description = flat(f"{item.rest} {description}")[:1500]
        entries.append(AgendaEntry(item.number, title, item.line.page, description))
    return entries


def parse_agenda(pages: list[str], emphasis: list[list[str] | None] | None = None) -> list[AgendaEntry]:
    """The numbered items of an agenda (a frontsheet, or a reports pack's front pages), in order."""
    return agenda_entries(front_lines(page_lines(pages, emphasis)))


def report_stamps(pages: list[str]) -> dict[str, tuple[int, int]]:
    """The page range of each item's papers in a reports pack, from the "Agenda Item N" stamps on its pages."""
    starts: list[tuple[str, int]] = []
    for number, text in enumerate(pages, start=1):
        head = [line.strip() for line in (text or "").splitlines() if line.strip()]
        for line in head:
            match = STAMP.match(line)
            if match:
                item = re.sub(r"[\s()]", "", match["item"]).lower()
                if not starts or starts[-1][0] != item:
                    starts.append((item, number))
                break
    ranges: dict[str, tuple[int, int]] = {}
    for position, (item, first) in enumerate(starts):
        last = starts[position + 1][1] - 1 if position + 1 < len(starts) else len(pages)
        if item not in ranges:
            ranges[item] = (first, last)
    return ranges
