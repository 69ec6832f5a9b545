"""Classifying a council paper's kind (agenda, report, appendix, minutes, supplement …) from its title and URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from councilwatch.documents.models import DocumentKind

# ModernGov meeting-level documents (documents/g<meeting id>/...?T=n): the T parameter says what they are.
MODERNGOV_T_KINDS = {
    "0": DocumentKind.AGENDA,  # agenda frontsheet
    "1": DocumentKind.MINUTES,  # printed minutes
    "2": DocumentKind.DECISION,  # printed decisions
    "9": DocumentKind.SUPPLEMENT,  # supplementary agenda
    "10": DocumentKind.AGENDA,  # public reports pack
    "11": DocumentKind.SUPPLEMENT,  # supplementary reports pack
}

# Order matters: the first rule whose pattern matches the title wins.
_TITLE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bsupplement(ary|al)?\b|\baddendum\b|\bupdate sheet\b", re.I), DocumentKind.SUPPLEMENT),
    (re.compile(r"\bappendix\b|\bappendices\b|\bannex\b|\bannexe\b|\bschedule \d", re.I), DocumentKind.APPENDIX),
    (re.compile(r"\bminutes\b", re.I), DocumentKind.MINUTES),
    (re.compile(r"\bdecision(s)?\b|\bPRoD\b|record of decision", re.I), DocumentKind.DECISION),
    (re.compile(r"\bagenda\b|\bfrontsheet\b|\breports pack\b", re.I), DocumentKind.AGENDA),
    (re.compile(r"\btranscript\b", re.I), DocumentKind.TRANSCRIPT),
    (re.compile(r"\breport\b|\bcover (paper|sheet)\b|\bbriefing\b", re.I), DocumentKind.REPORT),
)


def classify_document(title: str, url: str = "") -> str:
    """The DocumentKind of a paper; ModernGov's ``?T=`` of meeting-level documents decides first."""
    parts = urlsplit(url)
    if "/documents/g" in parts.path.lower():
        t = parse_qs(parts.query).get("T", [""])[0]
        if t in MODERNGOV_T_KINDS:
            kind = MODERNGOV_T_KINDS[t]
            if kind == DocumentKind.AGENDA and re.search(r"supplement", title, re.I):
                return DocumentKind.SUPPLEMENT
            return kind
    for pattern, kind in _TITLE_RULES:
        if pattern.search(title):
            return kind
    return DocumentKind.REPORT if "/documents/s" in parts.path.lower() else DocumentKind.OTHER
