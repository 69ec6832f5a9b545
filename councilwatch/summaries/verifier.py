"""The verifier: every number, sum of money, percentage, date and name in a sentence must be in its cited pages.

Page text is normalised the same way as the sentence (white space collapsed, line-end hyphens joined, quotes
straightened), so a fact split over two lines of a PDF still counts as present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTH_RE = "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(m[:3].capitalize() for m in MONTHS)
_DATE = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b")
_DATE_MY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{4}})\b")
_MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s?(m|bn|k|million|billion)?\b", re.I)
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|per\s?cent|percent)", re.I)
_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)(?![\d])")
_WORD_NUMBERS = {"million": "m", "billion": "bn"}
# A name: an honorific and what follows, or two or more capitalised words in a row (not at sentence start alone).
_HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|Sir|Dame|Lord|Lady)\.?\s+(?:[A-Z][\w'’-]*\.?\s+){0,3}[A-Z][\w'’-]+"
)
_CAPS = re.compile(r"\b[A-Z][\w'’&-]*(?:\s+(?:of|and|for|the|&|de|on)?\s*[A-Z][\w'’&-]*)+")
_STOP_START = {
    "The",
    "This",
    "That",
    "These",
    "Those",
    "A",
    "An",
    "It",
    "In",
    "On",
    "At",
    "For",
    "And",
    "But",
    "Its",
    "Their",
}


@dataclass
class Facts:
    numbers: set[str] = field(default_factory=set)
    money: set[tuple[str, str]] = field(default_factory=set)
    percents: set[str] = field(default_factory=set)
    dates: set[tuple[int, str, int]] = field(default_factory=set)
    names: set[str] = field(default_factory=set)


def normalise(text: str) -> str:
    text = text.replace("\r", "\n").replace("\xa0", " ").replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"').replace("–", "-").replace("—", "-")
    text = re.sub(r"(\w)-\s*\n\s*(\w)", r"\1-\2", text)
    return re.sub(r"\s+", " ", text).strip()


def _num(value: str) -> str:
    value = value.replace(",", "")
    return value.rstrip("0").rstrip(".") if "." in value else value


def _unit(unit: str | None) -> str:
    unit = (unit or "").lower()
    return _WORD_NUMBERS.get(unit, unit)


def extract_facts(text: str) -> Facts:
    text = normalise(text)
    facts = Facts()
    for day, month, year in _DATE.findall(text):
        facts.dates.add((int(day), month[:3].lower(), int(year)))
    for match in _MONEY.finditer(text):
        facts.money.add((_num(match.group(1)), _unit(match.group(2))))
    for value in _PERCENT.findall(text):
        facts.percents.add(_num(value))
    for value in _NUMBER.findall(text):
        facts.numbers.add(_num(value))
    for match in _HONORIFIC.finditer(text):
        facts.names.add(match.group(0).lower())
    for match in _CAPS.finditer(text):
        words = match.group(0).split()
        while words and words[0] in _STOP_START:
            words = words[1:]
        if len(words) >= 2 or (words and not _is_sentence_start(text, match.start())):
            name = " ".join(words).lower()
            if name and name[:3] not in MONTHS_ABBR and len(name) > 2:
                facts.names.add(name)
    return facts


MONTHS_ABBR = {m[:3] for m in MONTHS}


def _is_sentence_start(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".:;!?\"'(-•"


def unsupported_facts(sentence: str, evidence: str) -> list[str]:
    """The facts of ``sentence`` that ``evidence`` (the text of its cited pages) does not contain."""
    claim = extract_facts(sentence)
    source_text = normalise(evidence)
    source = extract_facts(source_text)
    lowered = source_text.lower()
    missing: list[str] = []
    money_numbers = {n for n, _ in source.money}
    # pounds and pence (£1675.31) match a table's cell without the £ sign: accounts tables print none
    pence = {_num(m[1]) for m in _MONEY.finditer(normalise(sentence)) if re.search(r"\.\d\d$", m[1]) and not m[2]}
    for number, unit in claim.money:
        if (number, unit) in source.money or (not unit and number in money_numbers):
            continue
        if not (number in pence and number in source.numbers):
            missing.append(f"£{number}{unit}")
    for value in claim.percents - source.percents:
        missing.append(f"{value}%")
    claimed_in_facts = {n for n, _ in claim.money} | claim.percents | {str(d) for d, _, _ in claim.dates}
    claimed_in_facts |= {str(y) for _, _, y in claim.dates}
    for value in claim.numbers - claimed_in_facts:
        if value not in source.numbers:
            missing.append(value)
    for day, month, year in claim.dates:
        if (day, month, year) not in source.dates:
            missing.append(f"{day} {month} {year}")
    novel = novel_words(sentence, source_text)
    if novel:
        missing.append("words not in the papers: " + ", ".join(novel))
    undotted = re.sub(r"\.(?=\s)", "", lowered)  # "Cllr. W. Loynton" is Cllr W Loynton
    for name in claim.names:
        plain = re.sub(r"\.(?=\s)", "", name)
        if name in lowered or plain in undotted:
            continue
        if not _name_parts_present(name, lowered) and not _components_present(name, lowered):
            missing.append(name)
    return sorted(set(missing))


# Words our own connecting phrases use; they need not be in the papers.
OWN_WORDS = {
    "decided", "recommended", "procedural", "items", "considered", "consider", "figure", "meets", "about",
    "votes", "abstentions", "abstention", "carried", "moved", "seconded", "unanimously", "amendment",
    "recommendation", "recommendations", "motion", "substantive", "council", "committee", "cabinet", "panel",
    "board", "received", "questions", "statements", "petitions", "deputations", "public", "members", "asked",
    "agreed", "noted", "approved", "withdrawn", "accepted", "report", "mover", "question", "unrecorded", "number",
    "meeting", "meetings", "nothing", "expects", "expected", "later", "lists",
}  # fmt: skip
NOVEL_SHARE = 0.4  # a sentence whose content words are more than this share new to its pages is unsupported


def novel_words(sentence: str, evidence: str) -> list[str]:
    """Content words (5+ letters) of a sentence that its pages never use, when they are too large a share of it.

    Facts are checked one by one above; this catches a sentence that talks about things the pages do not
    mention at all (a model's invention without a number or a name in it).
    """
    words = {w for w in re.findall(r"[a-z]{5,}", sentence.lower()) if w not in OWN_WORDS}
    if len(words) < 4:
        return []
    known = set(re.findall(r"[a-z]{5,}", evidence.lower()))
    stems = {w[:5] for w in known}
    new = sorted(w for w in words if w not in known and w[:5] not in stems)
    return new if len(new) > NOVEL_SHARE * len(words) else []


def _components_present(name: str, lowered: str) -> bool:
    """'Kent County Council's Cabinet' is supported when 'Kent County Council' and 'Cabinet' both are."""
    parts = [p.strip() for p in re.split(r"'s\b|\b(?:of|and|for|the|on)\b|&", name) if p.strip()]
    return len(parts) > 1 and all(re.search(rf"(?<!\w){re.escape(p)}(?!\w)", lowered) for p in parts)


def _name_parts_present(name: str, lowered: str) -> bool:
    """'Mr Gough' is supported by 'Mr R W Gough': honorific and surname both present close together."""
    words = name.split()
    if len(words) >= 2 and words[0].rstrip(".") in {"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor"}:
        return re.search(rf"\b{re.escape(words[0])}\s+(?:\w\.?\s+){{0,3}}{re.escape(words[-1])}\b", lowered) is not None
    return False


@dataclass
class Verification:
    checked: int = 0
    unsupported: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "checked": self.checked,
            "unsupported": [u["text"] for u in self.unsupported],
            "details": self.unsupported,
        }


def check_sentence(text: str, evidence: str, verification: Verification) -> bool:
    """Count the sentence as checked; record and return False when any of its facts is unsupported."""
    verification.checked += 1
    missing = unsupported_facts(text, evidence)
    if missing:
        verification.unsupported.append({"text": text, "missing": missing})
        return False
    return True


class Attribution:
    """Whether a sentence's citations belong to this meeting — and, for an outcome, to the item's own record.

    A fact being on its cited page is not enough: the page must be one of this meeting's papers, never an
    earlier meeting's minutes carried in its pack, and a section of an outcome summary must cite the part of
    this meeting's minutes (or decision record) that is about its own item, or the item's own papers.
    """

    def __init__(self, sources: object, kind: str) -> None:
        self.kind = kind
        documents = getattr(sources, "documents", [])
        self.meeting = {d.id for d in documents}
        self.other = {d.id for d in documents if d.proceedings in ("other", "unknown")}
        self.own = {d.id for d in documents if d.proceedings == "this"}
        self.previous: set[tuple[int | None, int]] = set()
        self.items: dict[str, dict[int | None, set[int]]] = {}
        for span in getattr(sources, "spans", []):
            pages = set(range(span.page, span.page_end + 1))
            if span.role == "previous_minutes":
                self.previous |= {(span.document.id, p) for p in pages}
            elif span.item_number:
                self.items.setdefault(span.item_number, {}).setdefault(span.document.id, set()).update(pages)

    def problem(self, citations: tuple, item: str | None) -> str:
        """Why the citations cannot stand for this meeting (and item), or "" when they can."""
        if not citations:
            return "the sentence cites nothing"
        for citation in citations:
            document_id, page = citation.document_id, citation.page
            if document_id not in self.meeting:
                return f"cites {citation.document!r}, which is not a paper of this meeting"
            if document_id in self.other or (document_id, page) in self.previous:
                return f"cites {citation.document!r} p.{page}: the minutes of another meeting"
            if self.kind == "outcome" and item and document_id in self.own:
                pages = self.items.get(item, {}).get(document_id)
                if pages is not None and page not in pages:
                    return f"cites {citation.document!r} p.{page}, outside item {item}'s part of the record"
                if pages is None and self.items.get(item):
                    return f"cites {citation.document!r}, which does not record item {item}"
        return ""
