"""Plainer words for the officialese of council papers, by a table anyone can read and extend.

Each entry swaps a phrase for a plainer one of the same meaning in every context it is found in ("utilise" →
"use", "prior to" → "before"); a phrase whose plain form depends on its sentence ("purchase" as noun or verb) is
not in the table. Figures, names and dates are never touched, so a sentence stays supported by its cited page;
the exact wording of the papers stays one click away.
"""

from __future__ import annotations

import re

PLAINER: dict[str, str] = {
    "utilise": "use", "utilised": "used", "utilises": "uses", "utilising": "using", "utilisation": "use",
    "utilize": "use", "utilized": "used", "utilizes": "uses", "utilizing": "using",
    "in order to": "to", "so as to": "to", "prior to": "before", "subsequent to": "after",
    "with regard to": "about", "with regards to": "about", "in regard to": "about",
    "in accordance with": "in line with",
    "a number of": "several", "the majority of": "most of", "in excess of": "more than",
    "approximately": "about", "commence": "start", "commenced": "started", "commences": "starts",
    "commencing": "starting", "commencement": "start", "facilitate": "help", "facilitated": "helped",
    "facilitates": "helps", "facilitating": "helping", "additional": "extra", "sufficient": "enough",
    "subsequently": "later", "endeavoured": "tried", "ascertain": "find out",
    "ascertained": "found out", "expenditure": "spending", "whilst": "while", "amongst": "among",
    "remuneration": "pay", "at this point in time": "now", "at the present time": "now",
    "due to the fact that": "because", "owing to the fact that": "because", "in addition to": "as well as",
    "on a yearly basis": "every year", "on an annual basis": "every year", "on a monthly basis": "every month",
    "on a regular basis": "regularly", "in the region of": "about", "with effect from": "from",
    "in the vicinity of": "near", "is in receipt of": "has received", "was in receipt of": "had received",
    "were in receipt of": "had received", "demonstrate": "show", "demonstrated": "showed",
    "demonstrates": "shows", "demonstrating": "showing", "anticipated": "expected", "anticipates": "expects",
    "regarding": "about", "thereafter": "after that", "therein": "in it",
}  # fmt: skip

_PHRASES = re.compile(
    r"\b(" + "|".join(re.escape(p) for p in sorted(PLAINER, key=len, reverse=True)) + r")\b",
    re.I,
)


def _swap(match: re.Match) -> str:
    found = match.group(0)
    plain = PLAINER[found.lower()]
    if found.isupper() and len(found) > 1:
        return plain.upper()
    return plain[:1].upper() + plain[1:] if found[:1].isupper() else plain


def plainer(text: str) -> str:
    """The text with the table's phrases swapped for their plainer forms, capitals kept."""
    return _PHRASES.sub(_swap, text)
