"""The backend interface: write an item's sentences and a headline; the composer verifies and cites them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from councilwatch.summaries.planning import ItemPlan


class BackendError(RuntimeError):
    """A backend could not be used (not installed, model missing, endpoint unreachable)."""


@dataclass(frozen=True)
class Sentence:
    text: str
    citations: tuple[dict, ...]


class Backend(Protocol):
    name: str
    generative: bool

    def write_item(self, plan: ItemPlan, kind: str) -> list[Sentence]:
        """Sentences on what the item was about and what was decided (outcome) or recommended (preview)."""

    def write_headline(self, facts: list[Sentence], context: str, kind: str) -> list[Sentence]:
        """A headline paragraph from the meeting's verified sentences (``facts``)."""
