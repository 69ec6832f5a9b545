"""What kind of paper a file is (agenda, report, appendix, minutes, supplement, transcript), from its name and text.

Pure: a file name, its media type and the text of its first pages in; a DocumentKind value out.
"""

import re

from councilwatch.documents.extract import sniff

_NAME_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("transcript", re.compile(r"transcript|captions?\b|\.(?:vtt|srt)$", re.I)),
    ("supplement", re.compile(r"supplement", re.I)),
    ("minutes", re.compile(r"printed minutes|^minutes\b|\bminutes of\b|\bminutes\b", re.I)),
    ("agenda", re.compile(r"agenda|frontsheet|front sheet|summons", re.I)),
    (
        "appendix",
        re.compile(r"appendix|appendices|annex|\beqia\b|\bprod\b|\bdpia\b|record of decision|schedule \d", re.I),
    ),
    ("decision", re.compile(r"decision notice|record of (?:executive )?decisions?", re.I)),
    ("report", re.compile(r"\breport\b|\bcover (?:paper|report)\b", re.I)),
]
_CONTENT_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("minutes", re.compile(r"\bMINUTES of (?:a|the) meeting\b|\bMinutes of (?:a|the) meeting of\b", re.I)),
    ("agenda", re.compile(r"^\s*(?:A G E N D A|AGENDA)\s*$|Summons to and\s+Agenda", re.M)),
    (
        "appendix",
        re.compile(
            r"^\s*Appendix\s+[A-Z0-9]{1,3}\b|PROPOSED RECORD OF DECISION|Equality (?:Impact|Analysis) Assessment",
            re.I | re.M,
        ),
    ),
    ("report", re.compile(r"^\s*(?:From|By)\s*:.*\n(?:.*\n){0,10}?\s*(?:To\s*:|Subject\s*:)", re.M)),
    (
        "report",
        re.compile(
            r"^\s*(?:Report (?:of|to|title|authors?)|Purpose of (?:the )?report|Recommendations?\s*:)", re.I | re.M
        ),
    ),
]


def classify_kind(filename: str, media_type: str, text: str) -> str:
    """The DocumentKind value for a paper. Transcripts and supplements go by name; else content, then name."""
    if media_type in (sniff.VTT, sniff.SRT):
        return "transcript"
    name = filename.rsplit("/", 1)[-1]
    by_name = next((kind for kind, pattern in _NAME_RULES if pattern.search(name)), None)
    if by_name in ("transcript", "supplement"):
        return by_name
    by_content = next((kind for kind, pattern in _CONTENT_RULES if pattern.search(text[:6000])), None)
    if by_name in ("minutes", "agenda") or by_content is None:
        return by_name or "other"
    if by_name == "appendix" and by_content == "report":
        return "appendix"  # appendices often carry the parent report's cover fields
    return by_content


def agenda_item_hint(filename: str) -> tuple[str | None, str | None]:
    """(agenda item number, decision number) a file name gives: 'Item 7 - ...', '24-00109 - ...'."""
    item = re.search(r"\bItem\s+(\d{1,3}[a-z]?)\b", filename, re.I)
    decision = re.search(r"\b(\d{2})[-/]?(\d{5})\b", filename)
    return (item.group(1) if item else None, f"{decision.group(1)}/{decision.group(2)}" if decision else None)
