"""Reading the structure of council papers for summaries.

The documents app owns the real parsers (``councilwatch.documents.structure.parse_minutes`` /
``parse_report``); this module uses them when they are there. Until they land it falls back to a small
reader of its own that handles the common ModernGov layouts ("84. Apologies (Item 1)", "RESOLVED that ...",
"Recommendation(s):"), returning the same records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from councilwatch.core.text import normalise_space
from councilwatch.documents import structure as _structure
from councilwatch.documents.structure.types import (
    AttendanceEntry,
    MinuteItem,
    Minutes,
    Money,
    Report,
    ReportSection,
    Span,
)

_HEADER = re.compile(r"^\s*(\d{1,4})\.\s+(\S.*)$")
_ITEM_REF = re.compile(r"\(\s*Item\s+([0-9]+[A-Za-z]?(?:\([a-z]\))?)\s*\)", re.I)
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}\s*$", re.I)
_RESOLVED = re.compile(r"\b(RESOLVED|AGREED|DECIDED)\b")
_MONEY = re.compile(r"£\s?\d[\d,]*(?:\.\d+)?\s?(?:m\b|bn\b|k\b|million\b|billion\b)?", re.I)
_ACRONYM = re.compile(r"((?:[A-Z][\w’'-]+\s+(?:(?:and|of|for|the|&)\s+)?){1,7})\(([A-Z][A-Za-z]{1,9})\)")
_MULTIPLIERS = {"m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3}


def _lines(pages: Sequence[str]) -> list[tuple[str, int]]:
    out = []
    for number, text in enumerate(pages, start=1):
        for line in text.replace("\r", "\n").split("\n"):
            if line.strip() and not _PAGE_NUMBER.match(line):
                out.append((line.rstrip(), number))
    return out


def _attendance(block: str, status: str, page: int) -> list[AttendanceEntry]:
    entries = []
    for part in re.split(r",\s*(?![^()]*\))|\s+and\s+(?![^()]*\))", block):
        part = normalise_space(part).strip(" .")
        if not part or part.upper() in ("OBE", "MBE", "CBE"):
            continue
        match = re.match(r"(.+?)\s*\((.+)\)$", part)
        name, role = (match.group(1), match.group(2)) if match else (part, "Member")
        entries.append(AttendanceEntry(name=name, role=role, status=status, page=page))
    return entries


def _fallback_minutes(pages: Sequence[str]) -> Minutes:
    lines = _lines(pages)
    starts: list[int] = []
    for index, (line, _page) in enumerate(lines):
        window = range(index, min(index + 4, len(lines)))
        if _HEADER.match(line) and any(_ITEM_REF.search(lines[j][0]) for j in window):
            starts.append(index)
    present: list[AttendanceEntry] = []
    in_attendance: list[AttendanceEntry] = []
    head = "\n".join(line for line, _ in lines[: starts[0] if starts else len(lines)])
    for label, status, target in (
        ("PRESENT", "present", present),
        ("IN ATTENDANCE VIRTUALLY", "virtual", in_attendance),
        ("IN ATTENDANCE", "in_attendance", in_attendance),
    ):
        match = re.search(rf"^{label}:\s*(.+?)(?=^[A-Z][A-Z ]{{4,}}:|^\s*UNRESTRICTED|\Z)", head, re.M | re.S)
        if match and not (label == "IN ATTENDANCE" and head[match.start() :].startswith("IN ATTENDANCE VIRTUALLY")):
            target.extend(_attendance(match.group(1), status, lines[0][1] if lines else 1))
    items = []
    for position, start in enumerate(starts):
        end = starts[position + 1] if position + 1 < len(starts) else len(lines)
        chunk = lines[start:end]
        number, first = _HEADER.match(chunk[0][0]).groups()
        title_parts, body_start, agenda_item = [first], 1, None
        for offset in range(0, min(4, len(chunk))):
            ref = _ITEM_REF.search(chunk[offset][0])
            if ref:
                agenda_item = ref.group(1)
                if offset:
                    title_parts += [chunk[k][0] for k in range(1, offset)]
                    before = chunk[offset][0][: ref.start()].strip()
                    if before:
                        title_parts.append(before)
                else:
                    title_parts = [first[: _ITEM_REF.search(first).start()]]
                body_start = offset + 1
                break
        text = "\n".join(line for line, _ in chunk[body_start:])
        resolved = []
        for match in _RESOLVED.finditer(text):
            if resolved and match.start() < resolved[-1][1]:
                continue
            page = chunk[body_start + text[: match.start()].count("\n")][1]
            resolved.append((match.start(), len(text), page))
        spans = [Span(normalise_space(text[s:e]), page) for s, e, page in resolved]
        items.append(
            MinuteItem(
                minute_number=number,
                agenda_item=agenda_item,
                title=normalise_space(" ".join(title_parts)),
                text=normalise_space(text),
                resolved=spans,
                page=chunk[0][1],
                page_end=chunk[-1][1],
            )
        )
    apologies = []
    for item in items:
        if item.title.lower().startswith("apologies"):
            match = re.search(r"Apologies (?:were received )?from (.+?)\.?$", item.text)
            if match:
                apologies = _attendance(match.group(1), "apologies", item.page)
    return Minutes(present=present, in_attendance=in_attendance, apologies=apologies, items=items)


def _money(text: str, page: int) -> list[Money]:
    found = []
    for match in _MONEY.finditer(text):
        raw = normalise_space(match.group(0))
        number = re.search(r"\d[\d,]*(?:\.\d+)?", raw).group(0).replace(",", "")
        unit = re.search(r"(m|bn|k|million|billion)$", raw, re.I)
        amount = float(number) * (_MULTIPLIERS[unit.group(1).lower()] if unit else 1)
        found.append(Money(text=raw, amount=amount, page=page))
    return found


def _fallback_report(pages: Sequence[str]) -> Report:
    lines = _lines(pages)
    joined = "\n".join(line for line, _ in lines)

    def page_at(offset: int) -> int:
        return lines[min(joined[:offset].count("\n"), len(lines) - 1)][1] if lines else 1

    subject = re.search(r"^\s*Subject:\s*(.+?)(?=^\s*[A-Z][\w ]{2,30}:|\n\s*\n)", joined, re.M | re.S)
    title = normalise_space(subject.group(1)) if subject else (normalise_space(lines[0][0]) if lines else "")
    sections = []
    summary = re.search(r"^\s*Summary:\s*(.+?)(?=^\s*Recommendations?(?:\(s\))?\s*:|^\s*1\.\s)", joined, re.M | re.S)
    if summary:
        sections.append(
            ReportSection(
                "Summary",
                "summary",
                normalise_space(summary.group(1)),
                page_at(summary.start()),
                page_at(summary.end()),
            )
        )
    recommendations = []
    block = re.search(
        r"^\s*Recommendations?(?:\(s\))?\s*:?[ \t]*(.+?)(?=^\s*1\.\s+[A-Z]|^\s*\d\.\s+(?:Introduction|Background)|\Z)",
        joined,
        re.M | re.S,
    )
    if block:
        text = block.group(1)
        page = page_at(block.start(1))
        sections.append(
            ReportSection("Recommendations", "recommendations", normalise_space(text), page, page_at(block.end()))
        )
        parts = [normalise_space(p) for p in re.split(r"\n\s*(?=\(?[a-z]\)|\(?[ivx]+\)\s)", text) if normalise_space(p)]
        recommendations = [Span(part, page) for part in parts[:12]]
    money = [m for number, text in enumerate(pages, start=1) for m in _money(text, number)]
    acronyms: dict[str, str] = {}
    for match in _ACRONYM.finditer(normalise_space(" ".join(pages))):
        expansion, short = normalise_space(match.group(1)), match.group(2)
        words = [w for w in expansion.split() if w[0].isupper()]
        initials = "".join(w[0] for w in words[-len(short) :]) if len(words) >= len(short) else ""
        if initials.upper() == short.upper().replace("S", "")[: len(initials)] or initials.upper() == short.upper():
            acronyms.setdefault(short, " ".join(expansion.split()[-max(len(short), 1) - 2 :]))
    return Report(title=title, sections=sections, recommendations=recommendations, money=money, acronyms=acronyms)


def parse_minutes(pages: Sequence[str]) -> Minutes:
    """The documents app's parser when it is there, else the fallback above."""
    real = getattr(_structure, "parse_minutes", None)
    return real(list(pages)) if real else _fallback_minutes(pages)


def parse_report(pages: Sequence[str]) -> Report:
    real = getattr(_structure, "parse_report", None)
    return real(list(pages)) if real else _fallback_report(pages)
