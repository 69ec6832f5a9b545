"""Money amounts, dates and acronyms (with the expansion the paper gives) found in page text."""

import re
from datetime import date

from councilwatch.documents.structure.lines import clean_text, flat
from councilwatch.documents.structure.types import DateMention, Money

_MONEY = re.compile(
    r"£\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(?P<unit>bn|billion|m|million|k|thousand)?\b",
    re.IGNORECASE,
)
_UNITS = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3, "thousand": 1e3}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_WORDS = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_WORDS = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<month>{_MONTH_WORDS})\.?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATE_MONTH_FIRST = re.compile(
    rf"\b(?P<month>{_MONTH_WORDS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
_DATE_NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>(?:19|20)\d\d|\d\d)\b")
_STOP = {"and", "of", "for", "the", "in", "on", "to", "a", "an", "&", "at", "with", "by"}
_ACRONYM = re.compile(r"\((?P<acr>[A-Z][A-Za-z&]{0,2}[A-Z&]+s?(?: [A-Z]{2,})?)\)")


def find_money(pages: list[str]) -> list[Money]:
    out: list[Money] = []
    for page, text in enumerate(pages, start=1):
        for match in _MONEY.finditer(flat(clean_text(text or ""))):
            try:
                value = float(match["num"].replace(",", ""))
            except ValueError:
                continue
            unit = (match["unit"] or "").lower()
            out.append(Money(match.group(0).strip(), value * _UNITS.get(unit, 1), page))
    return out


def _iso(year: int, month: int, day: int) -> str | None:
    if year < 100:
        year += 2000
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(pages: list[str]) -> list[DateMention]:
    out: list[DateMention] = []
    for page, text in enumerate(pages, start=1):
        text = flat(clean_text(text or ""))
        found: list[tuple[int, DateMention]] = []
        for pattern in (_DATE_WORDS, _DATE_MONTH_FIRST):
            for m in pattern.finditer(text):
                iso = _iso(int(m["year"]), _MONTHS[m["month"].lower()], int(m["day"]))
                if iso:
                    found.append((m.start(), DateMention(m.group(0), iso, page)))
        for m in _DATE_NUMERIC.finditer(text):
            iso = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
            if iso:
                found.append((m.start(), DateMention(m.group(0), iso, page)))
        out.extend(mention for _, mention in sorted(found, key=lambda pair: pair[0]))
    return out


def _expansion(words: list[re.Match[str]], letters: str) -> int | None:
    """Index of the first word of the shortest run, ending just before the acronym, whose initials spell it."""
    letters = letters.lower()
    for size in range(1, min(len(words), len(letters) + 4) + 1):
        run = [w.group(0) for w in words[-size:]]
        if run[0].lower() in _STOP:
            continue
        content = [w for w in run if w.lower() not in _STOP and w[0].isalnum()]
        initials = "".join(w[0].lower() for w in content)
        # Hyphenated words may give a letter per part ("Health-care" → HC).
        parts = "".join(part[0].lower() for w in content for part in w.split("-") if part)
        if letters in (initials, parts):
            return len(words) - size
    return None


def find_acronyms(pages: list[str]) -> dict[str, str]:
    """'Medium Term Financial Plan (MTFP)' → {'MTFP': 'Medium Term Financial Plan'}; first expansion wins."""
    out: dict[str, str] = {}
    for text in pages:
        text = flat(clean_text(text or ""))
        for m in _ACRONYM.finditer(text):
            acronym = m["acr"]
            if acronym in out:
                continue
            letters = re.sub(r"[^A-Za-z]", "", acronym[:-1] if acronym.endswith("s") else acronym)
            offset = max(0, m.start() - 200)
            before = list(re.finditer(r"[A-Za-z][\w’'&-]*", text[offset : m.start()]))
            first = _expansion(before, letters)
            if first is not None:
                out[acronym] = text[offset + before[first].start() : m.start()].strip(" ,;:-–")
    return out
