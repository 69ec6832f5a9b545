"""The default backend: sentences taken from the papers, joined with a few fixed words. It cannot invent."""

from __future__ import annotations

import re

from councilwatch.summaries.backends.base import Sentence
from councilwatch.summaries.planning import ItemPlan
from councilwatch.summaries.wording import plainer

# A report's opening that only says what the report is ("The attached report sets out …"): dropped when the
# item has a sentence that says something.
BOILERPLATE = re.compile(
    r"^(?:The|This)\s+(?:attached\s+|accompanying\s+|following\s+)?(?:report|paper)\s+"
    r"(?:sets\s+out|provides|presents|seeks|outlines|asks|is\s+to|summarises|describes)\b",
    re.I,
)


class ExtractiveBackend:
    name = "extractive"
    generative = False

    def write_item(self, plan: ItemPlan, kind: str) -> list[Sentence]:
        """What was presented and said: the papers' own sentences (the report's purpose, the debate, figures).

        Decisions, votes and participation are told by rule in compose.py, whatever the backend."""
        evidence = plan.of("summary", "presented", "figure")
        if len(evidence) > 1:
            evidence = [e for e in evidence if not (e.role == "summary" and BOILERPLATE.match(e.text))]
        return [Sentence(plainer(e.text), tuple(e.citations())) for e in evidence]

    def write_headline(self, facts: list[Sentence], context: str, kind: str) -> list[Sentence]:
        return facts[:1]
