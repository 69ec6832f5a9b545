"""Committee reports: the cover sheet (Subject, Summary, Recommendation(s)) and the numbered sections.

UK council reports share a shape: a cover with labelled fields ("From:", "To:", "Subject:", "Summary:",
"Recommendation(s):"), then numbered sections ("1. Introduction" ... "9. Equalities implications",
"12. Recommendation(s)", "Appendices"). Each section gets a kind from its heading words.
"""

import re

from councilwatch.documents.structure.lines import LIST_MARKER, Line, flat, join_lines, page_lines
from councilwatch.documents.structure.mentions import find_acronyms, find_dates, find_money
from councilwatch.documents.structure.types import Report, ReportSection, Span

_COVER_LABEL = re.compile(
    r"^(?P<label>From|To|By|Subject|Title|Report title|Classification|Decision (?:Number|No\.?)|Key [Dd]ecision"
    r"|Past Pathway(?: of [Rr]eport)?|Future Pathway(?: of [Rr]eport)?|Electoral Divisions?|Wards?(?: affected)?"
    r"|Is the decision eligible for call-in\??|Report [Aa]uthors?|Relevant Director|Date|Meeting|Portfolio"
    r"|Cabinet Member|Lead Officer|Contact(?: officer)?)\s*:\s*(?P<rest>.*)$"
)
_SECTION_LABEL = re.compile(
    r"^(?P<label>Summary|Executive [Ss]ummary|Purpose(?: of (?:the )?[Rr]eport)?"
    r"|(?:Officer\s+|Proposed\s+|Summary\s+of\s+)?(?:Recommendations?|Recommendation\(s\))"
    r"|Reasons? for (?:the )?[Rr]ecommendations?|Background|Options(?: considered)?|Financial [Ii]mplications"
    r"|Legal [Ii]mplications|Equalit(?:y|ies) [Ii]mplications)\s*:\s*(?P<rest>.*)$"
)
_ANY_LABEL = re.compile(r"^[A-Z][A-Za-z ()/?-]{1,40}\s?:(?:\s|$)")
_NUMBERED = re.compile(
    r"^(?P<num>\d{1,2})(?P<sub>[a-z])?(?:\.|\s*\|)?\s+(?P<title>[A-Z][A-Za-z’'()&,/ -]{2,80}?)\s*:?\s*$"
)
_DECIMAL_ITEM = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+(?=\S)")
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("recommendations", re.compile(r"recommendation", re.I)),
    ("purpose", re.compile(r"\bpurpose\b", re.I)),
    ("summary", re.compile(r"\bsummary\b", re.I)),
    ("financial", re.compile(r"financ|budget implications|resource implications", re.I)),
    ("legal", re.compile(r"\blegal\b", re.I)),
    ("equalities", re.compile(r"equalit|\beqia\b|diversity", re.I)),
    ("options", re.compile(r"\boptions?\b|alternatives", re.I)),
    ("appendices", re.compile(r"appendi|background (?:documents|papers)", re.I)),
    ("background", re.compile(r"background|introduction|context", re.I)),
]


def section_kind(heading: str) -> str:
    for kind, pattern in _KINDS:
        if pattern.search(heading):
            return kind
    return "other"


def _title(lines: list[Line]) -> str:
    for i, line in enumerate(lines):
        match = _COVER_LABEL.match(line.text)
        if match and match["label"].lower() in ("subject", "title", "report title"):
            parts = [match["rest"]]
            for nxt in lines[i + 1 : i + 5]:
                if _ANY_LABEL.match(nxt.text) or _SECTION_LABEL.match(nxt.text):
                    break
                parts.append(nxt.text)
            return flat(" ".join(parts))
    return flat(lines[0].text) if lines else ""


def _next_heading(numbered: re.Match[str], last_number: int) -> bool:
    number = int(numbered["num"])
    return last_number < number <= last_number + 2 or (bool(numbered["sub"]) and number == last_number)


def _sections(lines: list[Line]) -> list[tuple[ReportSection, list[Line]]]:
    sections: list[tuple[ReportSection, list[Line]]] = []
    current: tuple[str, list[Line]] | None = None
    last_number = 0

    def close() -> None:
        if current is not None:
            heading, body = current
            body = [b for b in body if b.text] or body
            text = join_lines([b for b in body if b.text])
            sections.append((ReportSection(heading, section_kind(heading), text, body[0].page, body[-1].page), body))

    for line in lines:
        label = _SECTION_LABEL.match(line.text)
        numbered = _NUMBERED.match(line.text)
        if label:
            close()
            current = (label["label"], [Line(label["rest"], line.page)])
        elif (
            numbered and last_number < int(numbered["num"]) <= last_number + 2 and len(numbered["title"].split()) <= 12
        ):
            close()
            last_number = int(numbered["num"])
            current = (flat(numbered["title"]).rstrip(": "), [Line("", line.page)])
        elif _COVER_LABEL.match(line.text):
            close()
            current = None
        elif current is not None:
            current[1].append(line)
    close()
    return sections


# What follows the last recommendation on a report's cover, not part of it.
_AFTER_RECOMMENDATIONS = re.compile(
    r"(?<=[.;])\s+(?:(?:Cabinet\s+|Committee\s+)?Members are reminded that\b|Background Documents?\b|Contact details\b"
    r"|Report [Aa]uthor\b|Lead [Oo]fficer\b).*$",
    re.S,
)


def _recommendations(sections: list[tuple[ReportSection, list[Line]]]) -> list[Span]:
    """Each recommendation of the first non-empty recommendations section (the cover's, where there is one)."""
    for section, body in sections:
        if section.kind != "recommendations" or not section.text.strip():
            continue
        groups: list[list[Line]] = []
        decimal = sum(1 for line in body if _DECIMAL_ITEM.match(line.text)) >= 2
        for line in body:
            if LIST_MARKER.match(line.text) or (decimal and _DECIMAL_ITEM.match(line.text)):
                groups.append([line])
            elif groups:
                groups[-1].append(line)
        if not groups:  # "8.1 Cabinet is asked to agree ..." is one recommendation, not a list.
            return [Span(flat(re.sub(r"^\d+(?:\.\d+)+\s+", "", section.text)), section.page)]
        spans = []
        for group in groups:
            joined = join_lines(group)
            marker = _DECIMAL_ITEM if decimal and _DECIMAL_ITEM.match(joined) else LIST_MARKER
            text = _AFTER_RECOMMENDATIONS.sub("", flat(marker.sub("", joined, count=1)))
            if text:
                spans.append(Span(text, group[0].page))
        return spans
    return []


def parse_report(pages: list[str]) -> Report:
    """Parse a committee report given page by page (index 0 is page 1)."""
    lines = page_lines(pages)
    sections = _sections(lines)
    return Report(
        title=_title(lines),
        sections=[section for section, _ in sections],
        recommendations=_recommendations(sections),
        money=find_money(pages),
        dates=find_dates(pages),
        acronyms=find_acronyms(pages),
    )
