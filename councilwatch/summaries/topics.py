"""Assigning topics to agenda items and meetings by the keyword weights in topic_rules.py."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

from councilwatch.summaries.topic_rules import TOPICS

THRESHOLD = 3.0  # an item needs at least this score for a topic
MAX_PER_ITEM = 3


@functools.cache
def _compiled() -> list[tuple[str, list[tuple[re.Pattern[str], float]]]]:
    return [
        (topic["slug"], [(re.compile(rf"(?<![\w-]){re.escape(k)}(?![\w-])"), w) for k, w in topic["keywords"].items()])
        for topic in TOPICS
    ]


def score_topics(title: str, text: str) -> dict[str, float]:
    """Score every topic for an item: weight × log(1 + count), with the title counted three times."""
    title, text = title.lower(), text.lower()
    scores: dict[str, float] = {}
    for slug, patterns in _compiled():
        total = 0.0
        for pattern, weight in patterns:
            count = 3 * len(pattern.findall(title)) + len(pattern.findall(text))
            if count:
                total += weight * math.log1p(count)
        if total:
            scores[slug] = round(total, 3)
    return scores


def assign_topics(title: str, text: str) -> list[str]:
    """The slugs of the item's topics, best first (at most three, each over the threshold)."""
    scores = score_topics(title, text)
    ranked = sorted((s for s in scores.items() if s[1] >= THRESHOLD), key=lambda s: (-s[1], s[0]))
    return [slug for slug, _ in ranked[:MAX_PER_ITEM]]


def meeting_topics(item_topics: list[list[str]]) -> list[str]:
    """A meeting's topics: those of its items, the most frequent first."""
    counts = Counter(slug for topics in item_topics for slug in topics)
    return [slug for slug, _ in sorted(counts.items(), key=lambda s: (-s[1], s[0]))]


def topic_names() -> dict[str, str]:
    return {topic["slug"]: topic["name"] for topic in TOPICS}
