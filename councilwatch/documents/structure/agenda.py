"""Agenda frontsheets: the numbered list of items ("1. Apologies", "2. Declarations of Interest" ...)."""

import re

from councilwatch.documents.structure.lines import Line, flat, page_lines
from councilwatch.documents.structure.types import AgendaEntry

_ITEM = re.compile(r"^(?P<num>\d{1,3}[a-z]?)[.)]\s+(?P<title>\S.*)$")
_PAGES = re.compile(r"\(\s*Pages?\s+[\d\s\-–]+\)?|\(\s*Pages?\s*$|^\s*[\d\s\-–]+\)\s*$", re.I)
_JOINERS = re.compile(r"(?:\b(?:and|or|of|the|to|for|in|on|with|from|a|an)|[,\-–&])\s*$", re.I)
_BANNER = re.compile(r"^[A-Z\s&,.:'’()-]{6,}$")


def _continues(previous: str, line: str) -> bool:
    if _ITEM.match(line) or _BANNER.match(line) or line.startswith(("(At ", "(During ", "- To follow")):
        return False
    return len(previous) >= 55 or bool(_JOINERS.search(previous)) or bool(_PAGES.match(line))


def parse_agenda(pages: list[str]) -> list[AgendaEntry]:
    """The numbered items of an agenda, in order, starting from item 1."""
    lines = page_lines(pages)
    entries: list[tuple[str, list[Line]]] = []
    expected = 1
    for line in lines:
        match = _ITEM.match(line.text)
        number = int(re.sub(r"\D", "", match["num"])) if match else None
        if match and number in (expected, expected - 1) and (number == expected or match["num"][-1].isalpha()):
            entries.append((match["num"], [Line(match["title"], line.page)]))
            expected = number + 1
        elif entries and _continues(entries[-1][1][-1].text, line.text):
            entries[-1][1].append(line)
        elif entries:
            entries[-1][1].append(Line("\x00", line.page))  # closes the entry: later lines do not belong
    out = []
    for number, parts in entries:
        kept: list[str] = []
        for part in parts:
            if part.text == "\x00":
                break
            kept.append(part.text)
        title = flat(_PAGES.sub("", " ".join(kept))).strip(" -–")
        out.append(AgendaEntry(number, title, parts[0].page))
    return out
