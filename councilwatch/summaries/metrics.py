"""Evaluation measures: ROUGE-1/2/L F1 (as in Lin 2004, lower-cased word tokens) and Flesch reading ease."""

from __future__ import annotations

import re
from collections import Counter

_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _f1(overlap: int, produced: int, reference: int) -> float:
    if not overlap or not produced or not reference:
        return 0.0
    precision, recall = overlap / produced, overlap / reference
    return 2 * precision * recall / (precision + recall)


def rouge_n(candidate: str, reference: str, n: int) -> float:
    def grams(words: list[str]) -> Counter:
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    cand, ref = grams(tokens(candidate)), grams(tokens(reference))
    return _f1(sum((cand & ref).values()), sum(cand.values()), sum(ref.values()))


def rouge_l(candidate: str, reference: str) -> float:
    a, b = tokens(candidate), tokens(reference)
    if not a or not b:
        return 0.0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if x == y else max(previous[j], current[j - 1]))
        previous = current
    return _f1(previous[-1], len(a), len(b))


def syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch_reading_ease(text: str) -> float:
    """206.835 − 1.015 × words per sentence − 84.6 × syllables per word (higher is easier; 60–70 is plain)."""
    sentences = max(len(re.findall(r"[.!?]+(?:\s|$)", text)), 1)
    words = re.findall(r"[A-Za-z]+", text)
    if not words:
        return 0.0
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * sum(syllables(w) for w in words) / len(words)


def recall(reference: str, candidate: str) -> float:
    """Share of the reference's distinct content words (4+ letters or any number) found in the candidate."""
    ref = {w for w in tokens(reference) if len(w) >= 4 or w.isdigit()}
    return len(ref & set(tokens(candidate))) / len(ref) if ref else 0.0
