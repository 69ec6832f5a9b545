"""The structure of council papers, as the documents app parses it (``councilwatch.documents.structure``).

Summaries read minutes and reports only through these two functions, so a change of parser is one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from councilwatch.documents import structure
from councilwatch.documents.structure.types import Minutes, Report


def parse_minutes(pages: Sequence[str]) -> Minutes:
    return structure.parse_minutes(list(pages))


def parse_report(pages: Sequence[str]) -> Report:
    return structure.parse_report(list(pages))
