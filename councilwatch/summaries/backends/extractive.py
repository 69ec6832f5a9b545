"""The default backend: sentences taken from the papers, joined with a few fixed words. It cannot invent."""

from __future__ import annotations

import re

from councilwatch.summaries.backends.base import Sentence
from councilwatch.summaries.planning import Evidence, ItemPlan

_RESOLVED = re.compile(r"^\s*(?:\d+\.\s*)?(?:RESOLVED|AGREED|DECIDED)\s*(?:that\s*|:\s*|,\s*)?", re.I)
# A report's opening that only says what the report is ("The attached report sets out …"): dropped when the
# item has a sentence that says something.
BOILERPLATE = re.compile(
    r"^(?:The|This)\s+(?:attached\s+|accompanying\s+|following\s+)?(?:report|paper)\s+"
    r"(?:sets\s+out|provides|presents|seeks|outlines|asks|is\s+to|summarises|describes)\b",
    re.I,
)
_PARTS = re.compile(r"(?:^|\s)\(?([a-zA-Z]|[ivx]{2,4}|\d{1,2})\)\s+")
_PREFIX = {
    "summary": "",
    "salient": "",
    "figure": "Key figure: ",
    "recommendation": "Recommended: ",
    "vote": "Vote: ",
    "procedural": "",
}


def decision_sentence(evidence: Evidence) -> str:
    """ "Decided: …" with the RESOLVED lead-in dropped; (a)/(b)… parts end in a full stop, for reading."""
    rest = _RESOLVED.sub("", evidence.text).strip()
    pieces = _PARTS.split(rest)
    if len(pieces) >= 5:
        parts = [re.sub(r"[\s;,.]*(?:\band\b|\bor\b)?[\s;,.]*$", "", t.strip()) for t in pieces[2::2]]
        rest = " ".join(
            [pieces[0].strip()]
            + [
                f"({label.lower()}) {t[:1].upper()}{t[1:]}" + ("" if t.endswith("…") else ".")
                for label, t in zip(pieces[1::2], parts, strict=True)
                if t
            ]
        )
    return f"Decided: {rest[:1].upper()}{rest[1:]}" if rest else evidence.text


def evidence_sentence(evidence: Evidence) -> str:
    if evidence.role == "decision":
        return decision_sentence(evidence)
    text = evidence.text
    if evidence.role == "recommendation":  # one of a list: "…from 1 April 2025; and" reads as a sentence
        text = re.sub(r"[\s;,]*(?:\band\b|\bor\b)?[\s;,]*$", "", text)
        text = text if text.endswith((".", ":", "…")) else text + "."
    return _PREFIX.get(evidence.role, "") + text


class ExtractiveBackend:
    name = "extractive"
    generative = False

    def write_item(self, plan: ItemPlan, kind: str) -> list[Sentence]:
        order = {
            "summary": 0,
            "salient": 1,
            "procedural": 1,
            "recommendation": 2,
            "decision": 2,
            "vote": 3,
            "figure": 4,
        }
        evidence = sorted(plan.evidence, key=lambda e: order.get(e.role, 5))
        if any(e.role in ("salient", "recommendation", "decision") for e in evidence):
            evidence = [e for e in evidence if not (e.role == "summary" and BOILERPLATE.match(e.text))]
        return [Sentence(evidence_sentence(e), tuple(e.citations())) for e in evidence]

    def write_headline(self, facts: list[Sentence], context: str, kind: str) -> list[Sentence]:
        return facts[:1]
