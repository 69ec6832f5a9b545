"""Turning the text of pages into lines that remember their page, and joining lines back into paragraphs."""

import re
from dataclasses import dataclass

# A line that starts a list entry: "1.", "1)", "(1)", "(a)", "a)", "A.", "i.", "•", "-".
LIST_MARKER = re.compile(r"^(?:\(?(\d{1,2}|[a-zA-Z]|[ivx]{1,4})[.)]|\((\d{1,2}|[a-zA-Z]|[ivx]{1,4})\)|[•\-–o▪●]\s)\s*")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s+of\s+\d{1,4})?\s*$", re.IGNORECASE)
_SECTION_BANNERS = re.compile(r"^\s*(?:UNRESTRICTED ITEMS|EXEMPT ITEMS|\(Open Access to Minutes\))\s*$")


@dataclass(frozen=True)
class Line:
    text: str
    page: int


def clean_text(text: str) -> str:
    """Normalise what PDF text layers produce: CRLF, form feeds, pdfium's U+FFFE hyphens, odd spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = text.replace("\ufffe", "-").replace("\xad", "").replace("\u00a0", " ").replace("\u200b", "")
    return text


def page_lines(pages: list[str]) -> list[Line]:
    """Non-blank lines of every page (page numbers 1-based), without printed page numbers and banners."""
    out: list[Line] = []
    for number, raw in enumerate(pages, start=1):
        lines = [line.strip() for line in clean_text(raw or "").split("\n")]
        lines = [line for line in lines if line]
        if lines and _PAGE_NUMBER.match(lines[0]):
            lines = lines[1:]
        if lines and _PAGE_NUMBER.match(lines[-1]):
            lines = lines[:-1]
        out.extend(Line(line, number) for line in lines if not _SECTION_BANNERS.match(line))
    return out


def join_lines(lines: list[Line]) -> str:
    """Join wrapped lines into paragraphs: a list marker starts a new line, anything else continues."""
    parts: list[str] = []
    for line in lines:
        text = line.text
        if not parts or LIST_MARKER.match(text):
            parts.append(text)
        elif parts[-1].endswith("-") and not parts[-1].endswith(" -"):
            parts[-1] = parts[-1] + text
        else:
            parts[-1] = f"{parts[-1]} {text}"
    return "\n".join(re.sub(r"[ \t]+", " ", p).strip() for p in parts)


def flat(text: str) -> str:
    """All white space collapsed to single spaces."""
    return re.sub(r"\s+", " ", text).strip()
