"""How alike two titles are: the one measure used wherever a paper's heading is matched to an agenda item."""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
    "item", "items", "report", "reports", "update", "council", "committee", "meeting", "s", "its", "be",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def title_words(title: str) -> frozenset[str]:
    """Content words of a title, lower case and lightly stemmed: 'Apologies for Absence' → {apologi, absence}."""
    text = title.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"\b(\d{2})/(\d{4,5})\b", r"\1\2", text)  # decision numbers stay one word
    words = _WORD.findall(text)
    content = frozenset(_stem(w) for w in words if w not in _STOP)
    # A title made only of common words ("Reports", "Items") is those words: it still names its item.
    return content or frozenset(_stem(w) for w in words if len(w) > 2)


def title_similarity(a: str, b: str) -> float:
    """0 (nothing shared) to 1 (the same words): shared words over the shorter title's words, damped when one
    title is far longer (a heading that is a whole paragraph is not 'the same' as a short title)."""
    wa, wb = title_words(a), title_words(b)
    if not wa or not wb:
        return 0.0
    shared = len(wa & wb)
    small, large = sorted((len(wa), len(wb)))
    containment = shared / small
    balance = (shared / large) ** 0.5
    return containment * (0.6 + 0.4 * balance)
