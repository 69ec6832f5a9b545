"""Footnotes: acronyms and terms from the glossary in data/glossary/terms.csv plus expansions found in the papers."""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

GLOSSARY_FILE = Path(settings.BASE_DIR) / "data" / "glossary" / "terms.csv"


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    definition: str

    def pattern(self) -> re.Pattern[str]:
        names = sorted((self.term, *self.aliases), key=len, reverse=True)
        # Acronyms (all capitals) match case-sensitively, words and phrases in any case.
        parts = [re.escape(n) if n.isupper() else f"(?i:{re.escape(n)})" for n in names]
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@functools.cache
def load_glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    terms = []
    for line, row in enumerate(rows, start=2):
        if not row.get("term") or not row.get("definition"):
            raise ValueError(f"{path}:{line}: every glossary row needs a term and a definition")
        aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        terms.append(Term(row["term"].strip(), aliases, row["definition"].strip()))
    return tuple(terms)


def footnotes_for(text: str, paper_acronyms: dict[str, tuple[str, dict]] | None = None) -> list[dict]:
    """Footnotes for the terms used in ``text``: the glossary first, then acronyms the papers expand.

    ``paper_acronyms`` maps an acronym to (its expansion, a citation of the page it was found on).
    """
    notes: list[dict] = []
    seen: set[str] = set()
    for term in load_glossary():
        if term.pattern().search(text):
            notes.append({"term": term.term, "text": term.definition, "source": "glossary"})
            seen.update(n.lower() for n in (term.term, *term.aliases))
    for short, (expansion, citation) in sorted((paper_acronyms or {}).items()):
        if short.lower() in seen or not re.search(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text):
            continue
        notes.append(
            {
                "term": short,
                "text": f"{short} stands for {expansion} in the papers.",
                "source": "papers",
                "citations": [citation],
            }
        )
        seen.add(short.lower())
    return notes
