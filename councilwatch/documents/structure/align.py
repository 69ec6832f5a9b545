"""The one item matcher: which agenda item a heading, a paper or a decision belongs to.

* ``align(items, headings, score)``: headings of a paper (minutes, a decision notice) matched to the agenda's
  items in order — a monotone alignment that maximises the summed score, so a heading matches at most one
  item and the order of both is kept. Headings that match nothing are not items of the paper.
* ``item_for_title(title, items)``: the item a paper's title names ("Item 7 - …", a decision number such as
  24/00109 that the item's title carries, or a title whose words the item's title has).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from councilwatch.documents.structure.similarity import title_similarity, title_words


class Titled(Protocol):
    number: str
    title: str


H = TypeVar("H")

_ITEM_IN_NAME = re.compile(r"\b(?:agenda\s+)?item[\s_-]*(?:no\.?\s*)?0*(\d{1,3}[a-z]?)(?!\d)", re.I)
_DECISION_NUMBER = re.compile(r"\b(\d{2})[-/]?(\d{5})\b")


def normal_number(number: str) -> str:
    """'07' → '7', '5(a)' → '5a', '12.' → '12': item numbers compared as the agenda means them."""
    text = re.sub(r"[\s().]", "", number or "").lower()
    match = re.match(r"^0*(\d+)(.*)$", text)
    return f"{match.group(1)}{match.group(2)}" if match else text


def align(items: Sequence[Titled], headings: Sequence[H], score: Callable[[Titled, H], float]) -> dict[int, int]:
    """{heading index: item index} of the best monotone matching; only pairs scoring above zero match."""
    n, m = len(items), len(headings)
    if not n or not m:
        return {}
    table = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0: skip item, 1: skip heading, 2: match
    pair = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            pair[i][j] = score(items[i], headings[j])
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            best, how = table[i - 1][j], 0
            if table[i][j - 1] > best:
                best, how = table[i][j - 1], 1
            gain = pair[i - 1][j - 1]
            if gain > 0 and table[i - 1][j - 1] + gain > best:
                best, how = table[i - 1][j - 1] + gain, 2
            table[i][j], move[i][j] = best, how
    matched: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        how = move[i][j]
        if how == 2:
            matched[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif how == 1:
            j -= 1
        else:
            i -= 1
    return matched


def item_for_title(title: str, items: Sequence[Titled], *, threshold: float = 0.75) -> Titled | None:
    """The agenda item a paper's title names, or None when it names none clearly."""
    by_number = {normal_number(i.number): i for i in items}
    named = _ITEM_IN_NAME.search(title)
    if named and normal_number(named.group(1)) in by_number:
        return by_number[normal_number(named.group(1))]
    decision = _DECISION_NUMBER.search(title)
    if decision:
        reference = f"{decision.group(1)}/{decision.group(2)}"
        for item in items:
            if reference in item.title or f"{decision.group(1)}-{decision.group(2)}" in item.title:
                return item
    words = title_words(title)
    if len(words) < 2:
        return None
    scored = sorted(
        ((title_similarity(title, i.title), n, i) for n, i in enumerate(items)), key=lambda s: (-s[0], s[1])
    )
    if scored and scored[0][0] >= threshold and (len(scored) == 1 or scored[0][0] - scored[1][0] >= 0.1):
        return scored[0][2]
    return None
