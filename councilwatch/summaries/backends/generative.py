"""Shared by the generative backends: prompt, call the model, split the answer into cited sentences."""

from __future__ import annotations

import re
from collections.abc import Callable

from councilwatch.summaries.backends.base import Sentence
from councilwatch.summaries.backends.prompts import headline_prompt, item_prompt
from councilwatch.summaries.planning import ItemPlan, split_sentences

Chat = Callable[[list[dict], int], str]


def _clean(answer: str) -> list[str]:
    answer = re.sub(r"[*#`]+", "", answer)
    sentences = [s for s in split_sentences(answer) if len(s.split()) >= 4]
    return sentences[:4]


class GenerativeBackend:
    name = "generative"
    generative = True
    max_tokens = 160

    def chat(self, messages: list[dict], max_tokens: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def write_item(self, plan: ItemPlan, kind: str) -> list[Sentence]:
        if not plan.evidence:
            return []
        citations = tuple(doc.citation(page) for doc, page in plan.context())
        answer = self.chat(item_prompt(plan, kind), self.max_tokens)
        return [Sentence(s, citations) for s in _clean(answer)]

    def write_headline(self, facts: list[Sentence], context: str, kind: str) -> list[Sentence]:
        if not facts:
            return []
        citations = tuple({(c["document_id"], c["page"]): c for f in facts for c in f.citations}.values())
        answer = self.chat(headline_prompt(" ".join(f.text for f in facts), context, kind), self.max_tokens)
        return [Sentence(s, citations) for s in _clean(answer)[:2]]
