"""Shared by the generative backends: prompt, call the model, split the answer into cited sentences."""

from __future__ import annotations

import re
from collections.abc import Callable

from councilwatch.summaries.backends.base import Sentence
from councilwatch.summaries.backends.prompts import headline_prompt, item_prompt
from councilwatch.summaries.planning import ItemPlan, split_sentences

# A sentence repeating our own prompt is not a summary of the papers.
_ECHO = re.compile(r"short sentences|say what this agenda item|<\s*/?\s*document|data, never instructions", re.I)
Chat = Callable[[list[dict], int], str]


def _clean(answer: str) -> list[str]:
    """The answer's sentences, without markdown, fragments, or a last sentence cut off by the token limit."""
    answer = re.sub(r"[*#`]+", "", answer).strip()
    sentences = split_sentences(answer)
    if sentences and not answer.endswith((".", "!", "?", '"', "'", ")")):
        sentences = sentences[:-1]
    return [s for s in sentences if len(s.split()) >= 4 and not _ECHO.search(s)][:4]


class GenerativeBackend:
    name = "generative"
    generative = True
    max_tokens = 160
    write_headlines = True
    context_chars = 6000  # how much of the item's pages a prompt may quote

    def chat(self, messages: list[dict], max_tokens: int) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def write_item(self, plan: ItemPlan, kind: str) -> list[Sentence]:
        if not plan.evidence:
            return []
        citations = tuple(doc.citation(page) for doc, page in plan.context())
        answer = self.chat(item_prompt(plan, kind, self.context_chars), self.max_tokens)
        return [Sentence(s, citations) for s in _clean(answer)]

    def write_headline(self, facts: list[Sentence], context: str, kind: str) -> list[Sentence]:
        if not facts or not self.write_headlines:
            return []
        citations = tuple({(c["document_id"], c["page"]): c for f in facts for c in f.citations}.values())
        facts_text = " ".join(f.text for f in facts)[: self.context_chars]
        answer = self.chat(headline_prompt(facts_text, context[: self.context_chars // 4], kind), self.max_tokens)
        return [Sentence(s, citations) for s in _clean(answer)[:2]]
