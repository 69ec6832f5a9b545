"""Which agenda item each segment is about: the chair's announcements first, then order.

A segment in which the chair moves the meeting on ("Item 5.", "we move on to item three", "next is the budget")
starts that item; a number read out of a paper ("... as minuted at item 2") does not. The
segments after it stay on it until the next announcement. Segments before the first announcement belong to no
item. Items are announced by number, or by enough of their title's words that the match is not chance.
"""

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\bitems?\s+(?:number\s+)?(\d+[a-z]?)\b", re.I)
_MOVE = re.compile(
    r"\b(?:move on to|moving on to|turn to|next (?:item )?is|we come to|now to|start with|begin with|go on to)\b", re.I
)
_LEADING = re.compile(r"^\W*items?\s+(?:number\s+)?\d", re.I)
_WORD = re.compile(r"[a-z]{4,}")
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
_STOP = {"with", "from", "that", "this", "have", "report", "item", "their", "there", "which", "about", "meeting"}


@dataclass(frozen=True)
class ItemRef:
    pk: int
    number: str
    title: str


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower())) - _STOP


def _spelled(text: str) -> str:
    return re.sub(
        r"\bitems?\s+(" + "|".join(_NUMBER_WORDS) + r")\b",
        lambda m: f"item {_NUMBER_WORDS[m[1].lower()]}",
        text,
        flags=re.I,
    )


def announced(text: str, items: list[ItemRef]) -> ItemRef | None:
    """The item a segment announces, or None."""
    text = _spelled(text)
    if not (_MOVE.search(text) or _LEADING.match(text)):
        return None  # "item 2" read out of the minutes is not the chair moving the meeting on
    by_number = {i.number.lower().rstrip("."): i for i in items if i.number}
    for match in _NUMBER.finditer(text):
        if match[1].lower() in by_number:
            return by_number[match[1].lower()]
    said = _words(text)
    best, best_score = None, 0.0
    for item in items:
        title = _words(item.title)
        if not title:
            continue
        score = len(title & said) / len(title)
        if score > best_score:
            best, best_score = item, score
    return best if best_score >= 0.5 else None


def align(texts: list[str], items: list[ItemRef]) -> list[ItemRef | None]:
    """The item of each segment, in order."""
    current: ItemRef | None = None
    out: list[ItemRef | None] = []
    for text in texts:
        current = announced(text, items) or current
        out.append(current)
    return out
