"""Which language a paper is written in (English or Welsh: councils in Wales publish both), by its commonest words."""

from __future__ import annotations

import re

_WELSH = {
    "y", "yr", "a", "ac", "ar", "o", "i", "yn", "ei", "eu", "am", "gan", "gyda", "bod", "roedd", "mae", "wedi",
    "cyngor", "cymuned", "cyfarfod", "cofnodion", "ymddiheuriadau", "datgan", "buddiant", "cynghorydd",
    "cynghorwyr", "gohebiaeth", "cynllunio", "cytunwyd", "hefyd", "nad", "oedd", "hyn", "fod", "ond", "neu",
}  # fmt: skip
_ENGLISH = {
    "the", "and", "of", "to", "in", "that", "was", "were", "for", "on", "with", "by", "be", "this", "had",
    "council", "meeting", "minutes", "agreed", "it", "as", "at", "from", "is", "which", "would",
}  # fmt: skip
_WORD = re.compile(r"[a-zâêîôûŵŷ']+")


def detect_language(text: str) -> str:
    """'cy' for Welsh, 'en' for English, '' when there are too few words to tell."""
    words = _WORD.findall(text.lower())[:4000]
    if len(words) < 20:
        return ""
    welsh = sum(w in _WELSH for w in words) - sum(w == "a" for w in words) * 0.5  # 'a' is common to both
    english = sum(w in _ENGLISH for w in words)
    return "cy" if welsh > english else "en"
