"""The one paper classifier: what kind of paper a document is, from its title, address and (once read) its text.

Used by every way papers arrive — the crawl (title and URL only), local files and the reading stage (with the
text of the first pages) — so a paper gets the same kind however it came. Pure: strings in, a DocumentKind
value out. A proposed record of decision attached to a report is an appendix (a proposal, not a decision).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from councilwatch.documents.extract import sniff

# ModernGov meeting-level documents (documents/g<meeting id>/...?T=n): the T parameter says what they are.
MODERNGOV_T_KINDS = {
    "0": "agenda",  # agenda frontsheet
    "1": "minutes",  # printed minutes
    "2": "decision",  # printed decisions
    "4": "plan",  # printed plan (forward plan)
    "9": "supplement",  # supplementary agenda
    "10": "agenda",  # public reports pack
    "11": "supplement",  # supplementary reports pack
}

# Order matters: the first rule whose pattern matches the title wins.
_TITLE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"transcript|captions?\b|\.(?:vtt|srt)$", re.I), "transcript"),
    (re.compile(r"\bsupplement(ary|al)?\b|\baddendum\b|\bupdate sheet\b", re.I), "supplement"),
    (re.compile(r"\bproposed record of decision\b|\bPRoD\b", re.I), "appendix"),
    (re.compile(r"\bappendix\b|\bappendices\b|\bannexe?\b|\bschedule \d|\beqia\b|\bdpia\b", re.I), "appendix"),
    (re.compile(r"\bforward plan\b|\bprinted plan\b|\bplan of key decisions\b|\bwork ?programme\b", re.I), "plan"),
    (re.compile(r"\bminutes\b|\bcofnodion\b", re.I), "minutes"),
    (
        re.compile(
            r"\bdecision(s)? (notice|recording form|sheet|list)\b|\brecord of (executive )?decisions?\b"
            r"|\bprinted decisions\b|^decisions?\b",
            re.I,
        ),
        "decision",
    ),
    (
        re.compile(r"\bagenda\b|\bfrontsheet\b|\bfront sheet\b|\breports pack\b|\bsummons\b|\bagenda pack\b", re.I),
        "agenda",
    ),
    (re.compile(r"\breport\b|\bcover (paper|sheet|report)\b|\bbriefing\b", re.I), "report"),
)
_CONTENT_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("page", re.compile(r"class=[\"']?mgItemTable")),
    (
        "decision",
        re.compile(
            r"Decision Recording Form|Record of Decisions?\b(?! proposed)|Decision Notice|"
            r"Decisions? (?:determined|taken|made) at\b|^\s*Printed decisions",
            re.I | re.M,
        ),
    ),
    (
        "minutes",
        re.compile(
            r"\bMINUTES\s+of\s+(?:a|the)\b|\bMinutes\s+of\s+(?:a|the)\s+(?:\w+\s+){0,8}?meeting\b"
            r"|^\s*Minutes of the\b|\bheld their meeting\b|^\s*(?:DRAFT\s+)?MINUTES\b|\bCOFNODION\b",
            re.I | re.M,
        ),
    ),
    ("plan", re.compile(r"^\s*(?:Forward Plan|Notice of Key Decisions|Plan of Key Decisions)\b", re.I | re.M)),
    (
        "agenda",
        re.compile(
            r"^\s*(?:A G E N D A|AGENDA)\s*$|Summons to and\s+Agenda|you are (?:hereby )?summoned"
            r"|^\s*Public Document Pack\s*$|^\s*Notice of (?:the )?meeting\b",
            re.I | re.M,
        ),
    ),
    (
        "appendix",
        re.compile(
            r"^\s*Appendix\s+[A-Z0-9]{1,3}\b|PROPOSED RECORD OF DECISION|"
            r"Equality (?:Impact|Analysis) Assessment",
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
)


_AGENDA_FIRST = re.compile(
    r"^\s*(?:Public Document Pack|A G E N D A|AGENDA|Agenda)\s*$|you are (?:hereby )?summoned", re.M | re.I
)


def _by_url(title: str, url: str) -> str | None:
    parts = urlsplit(url or "")
    if "/documents/g" in parts.path.lower():
        t = parse_qs(parts.query).get("T", [""])[0]
        if t in MODERNGOV_T_KINDS:
            kind = MODERNGOV_T_KINDS[t]
            return "supplement" if kind == "agenda" and re.search(r"supplement", title, re.I) else kind
    return None


def classify_paper(title: str, url: str = "", media_type: str = "", text: str = "") -> str:
    """The DocumentKind value of a paper.

    The platform's own marker (ModernGov's ``?T=``) decides first, then transcripts and supplements by name;
    with text at hand its content decides, except that a name saying minutes or agenda (a pack or a frontsheet)
    is trusted, and an appendix keeps its name even when it carries a report's cover fields.
    """
    if media_type in (sniff.VTT, sniff.SRT):
        return "transcript"
    by_url = _by_url(title, url)
    if by_url:
        return by_url
    name = re.sub(r"[_\-+.]+|%20", " ", title.rsplit("/", 1)[-1])
    by_name = next((kind for pattern, kind in _TITLE_RULES if pattern.search(name)), None)
    if by_name in ("transcript", "supplement"):
        return by_name
    head = text[:8000]
    by_content = next((kind for kind, pattern in _CONTENT_RULES if pattern.search(head)), None)
    if by_content == "minutes" and _AGENDA_FIRST.search(text[:1500]):
        by_content = "agenda"  # a pack: its first page is the agenda, the minutes it carries are the last meeting's
    if by_content == "page":
        return "page"
    if by_name == "appendix" and by_content in ("report", "decision", "agenda", None):
        return "appendix"
    if by_name in ("minutes", "agenda", "plan") or by_content is None:
        if by_name is None and "/documents/s" in urlsplit(url or "").path.lower():
            return "report"
        return by_name or "other"
    return by_content


def agenda_item_hint(filename: str) -> tuple[str | None, str | None]:
    """(agenda item number, decision number) a file name gives: 'Item 7 - ...', '24-00109 - ...'."""
    item = re.search(r"\bItem[\s_-]*0*(\d{1,3}[a-z]?)(?![\d])", filename, re.I)
    decision = re.search(r"\b(\d{2})[-/]?(\d{5})\b", filename)
    return (item.group(1) if item else None, f"{decision.group(1)}/{decision.group(2)}" if decision else None)
