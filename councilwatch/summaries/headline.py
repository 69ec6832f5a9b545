"""The extractive headline: what was decided (or will be), most consequential first, in a few cited sentences.

Every clause is cut from a RESOLVED text or a report's recommendation (lead-ins such as "Cabinet agree to:"
and (a)/(b) enumerations removed, the verb put in the past or the infinitive); nothing else is added but a few
joining words, so the verifier can still check each sentence against the pages it cites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilwatch.summaries.backends.base import Sentence
from councilwatch.summaries.backends.extractive import BOILERPLATE
from councilwatch.summaries.planning import Evidence, ItemPlan
from councilwatch.summaries.verifier import extract_facts, normalise

REFERENCE = re.compile(r"^\s*(\d{2}/\d{4,5})\s*[-–—]\s*")
_RESOLVED = re.compile(
    r"^\s*(?:Decided:\s*)?(?:\d+\.\s*)?(?:(?:RESOLVED|AGREED|DECIDED)\b\s*(?:that\b\s*)?[:,]?\s*)?", re.I
)
_SUBJECT = re.compile(
    r"^(?:that\s+)?(?:the\s+)?(?:cabinet|(?:county\s+)?council|committee)\b\s*"
    r"(?:is\s+(?:asked|recommended)\s+to|agrees?\s+to|agreed\s+to|resolved\s+to)?\s*:?\s*",
    re.I,
)
_ASKED = re.compile(r"^(?:is\s+asked\s+to|agrees?\s+to|asked\s+to)\s+", re.I)
_ENUM = re.compile(r"(?:^|\s)\(?(?:[a-zA-Z]|[ivx]{2,4}|\d{1,2})\)\s+")
_CUT = re.compile(
    r";|\.\s+(?=[A-Z])|,\s*(?:including but not limited|as necessary|subject to)\b|\s+and the actions being\b", re.I
)
_ORDINAL = re.compile(r"\b(\d{1,2}) (st|nd|rd|th)\b")
_INCLUDING = re.compile(r",\s*including [^,;]{3,80},")
_SKIP = re.compile(r"as detailed in the attached|proposed decision, as|^consider and agree\b", re.I)
_PAST = {
    "agree": "agreed", "note": "noted", "adopt": "adopted", "endorse": "endorsed", "approve": "approved",
    "delegate": "delegated", "transfer": "transferred", "consider": "considered", "refer": "referred",
    "request": "requested", "submit": "submitted", "support": "supported", "recommend": "recommended",
    "confirm": "confirmed", "authorise": "authorised", "accept": "accepted", "reject": "rejected",
    "defer": "deferred", "appoint": "appointed", "allocate": "allocated", "set": "set", "receive": "received",
    "commission": "commissioned", "award": "awarded", "publish": "published", "launch": "launched",
}  # fmt: skip
_PAST_WORDS = sorted(set(_PAST.values()))
_AND_PAST = re.compile(r"\s+and\s+(?=(?:" + "|".join(_PAST_WORDS) + r")\b)")
_WEIGHT = {"note": 0.5, "noted": 0.5, "consider": 0.2, "considered": 0.2, "delegate": 0.0, "receive": 0.0, "refer": 0.5}
_WEIGHTY_TITLE = re.compile(r"\b(budget|revenue|capital|financ\w*|spend\w*|council tax|devolution)\b", re.I)
_SERVICE_TITLE = re.compile(r"\b(care|education|school\w*|children|transfer|housing|health|transport)\b", re.I)
_MONEY = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s?(bn|billion|m|million|k)?\b", re.I)
MAX_WORDS = 120
SENTENCE_WORDS = 32
CLAUSE_WORDS = 40


@dataclass(frozen=True)
class Clause:
    verb: str  # the base form: agree, note, endorse …
    rest: str  # what follows the verb
    evidence: Evidence
    score: float

    def past(self) -> str:
        verb = self.verb if self.verb.endswith("ed") else _PAST[self.verb]
        return f"{verb} {self.rest}"

    def infinitive(self) -> str:
        return f"{self.verb} {self.rest}"

    def words(self) -> int:
        return len(self.rest.split()) + 1


def split_reference(title: str) -> tuple[str, str]:
    """'24/00108 - Revenue and Capital …' → ('Revenue and Capital …', '24/00108'); other titles unchanged."""
    match = REFERENCE.match(title)
    return (title[match.end() :].strip(), match.group(1)) if match else (title, "")


def _base(word: str) -> str | None:
    word = word.lower()
    if word in _PAST or word in _PAST.values():
        return word
    if word.endswith("s") and word[:-1] in _PAST:
        return word[:-1]
    return None


def _clause_text(part: str) -> str:
    part = _ORDINAL.sub(r"\1\2", _INCLUDING.sub("", part))
    part = _CUT.split(part)[0]
    return re.sub(r"[\s,;.:]*(?:\band\b|\bor\b)?[\s,;.:]*$", "", part).strip()


def clauses(evidence: Evidence, title: str, money: float = 1.4) -> list[Clause]:
    """The actions of one RESOLVED text or recommendation, each a verb and its object, scored by weight."""
    text = _SUBJECT.sub("", _RESOLVED.sub("", normalise(evidence.text)).strip())
    text = _ASKED.sub("", text)
    title_words = set(re.findall(r"[a-z]{4,}", title.lower()))
    found = []
    parts = [q for p in _ENUM.split(text) if p and p.strip() for q in _AND_PAST.split(p)]
    for index, part in enumerate(parts):
        part = _ASKED.sub("", _SUBJECT.sub("", _clause_text(part)))
        words = part.split()
        if len(words) < 3 or _SKIP.search(part):
            continue
        verb = _base(words[0])
        if verb is None or len(words) > CLAUSE_WORDS:
            continue
        score = _WEIGHT.get(verb, 2.0) + money * bool(_MONEY.search(part)) - 0.1 * index
        score += min(1.0, 0.2 * len(title_words & set(re.findall(r"[a-z]{4,}", part.lower()))))
        found.append(Clause(verb, " ".join(words[1:]), evidence, score))
    return found


def _item_weight(plan: ItemPlan) -> float:
    return 2.0 * bool(_WEIGHTY_TITLE.search(plan.title)) + 1.0 * bool(_SERVICE_TITLE.search(plan.title))


def ranked_clauses(plans: list[ItemPlan], role: str) -> list[Clause]:
    """The best clause of each item, most consequential item first; a meeting of one or two items gives more."""
    substantive = [p for p in plans if not p.procedural]
    money = 1.4 if role == "decision" else 2.4  # before a meeting, the sums at stake lead
    per_item = 1 if len(substantive) > 2 else 3
    picked: list[tuple[float, int, int, Clause]] = []
    for order, plan in enumerate(substantive):
        title = split_reference(plan.title)[0]
        found = [c for e in plan.evidence if e.role == role for c in clauses(e, title, money)]
        best = sorted(found, key=lambda c: -c.score)[:per_item]
        for rank, clause in enumerate(sorted(best, key=found.index)):
            picked.append((max(c.score for c in best) + _item_weight(plan), order, rank, clause))
    return [c for *_, c in sorted(picked, key=lambda p: (-p[0], p[1], p[2]))]


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _budgeted(items: list[Clause], spare: int) -> list[Clause]:
    kept, used = [], 0
    for clause in items:
        if used + clause.words() <= spare:
            kept.append(clause)
            used += clause.words()
    return kept


def _money_value(text: str) -> float:
    best = 0.0
    for number, unit in _MONEY.findall(text):
        scale = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3}.get(unit.lower(), 1.0)
        best = max(best, float(number.replace(",", "")) * scale)
    return best


def biggest_figure(plans: list[ItemPlan], said: str) -> Evidence | None:
    """The report sentence with the largest sum of money, none of whose sums the headline already states."""
    stated = extract_facts(said).money
    figures = [
        e
        for p in plans
        for e in p.evidence
        if e.role == "figure" and len(e.text.split()) <= 45 and not re.search(r"\d\.\d+\s+[A-Z]", e.text)
    ]
    figures = [e for e in figures if not extract_facts(e.text).money & stated and not BOILERPLATE.match(e.text)]
    return max(figures, key=lambda e: _money_value(e.text), default=None)


def _groups(items: list[Clause], sentences: int) -> list[list[Clause]]:
    """Clauses in sentences of at most two clauses and about SENTENCE_WORDS words, for a reader's breath."""
    groups: list[list[Clause]] = []
    for clause in items:
        last = groups[-1] if groups else None
        if last and len(last) < 2 and sum(c.words() for c in last) + clause.words() <= SENTENCE_WORDS:
            last.append(clause)
        elif len(groups) < sentences:
            groups.append([clause])
    return groups


def write_lead(who: str, when: str, plans: list[ItemPlan], kind: str, anchor: list[dict]) -> list[Sentence]:
    """At most three sentences: the lead decisions, the others, and (before a meeting) the biggest figure."""
    role = "decision" if kind == "outcome" else "recommendation"
    ranked = ranked_clauses(plans, role)
    if not ranked:
        return []
    opening = f"At its meeting on {when}, {who}" if when else who
    spare = MAX_WORDS - len(opening.split()) - 8
    chosen = _budgeted(ranked[:6], spare)
    lead = chosen[:1]
    if len(chosen) > 1 and len(opening.split()) + chosen[0].words() + chosen[1].words() <= SENTENCE_WORDS + 10:
        lead = chosen[:2]
    form = Clause.past if kind == "outcome" else Clause.infinitive
    asked = "" if kind == "outcome" else " will be asked to"
    sentences = [Sentence(f"{opening}{asked} {_join([form(c) for c in lead])}.", tuple(anchor) + tuple(_cited(lead)))]
    starts = ["It also", "It"] if kind == "outcome" else ["It will also be asked to"]
    for start, group in zip(starts, _groups(chosen[len(lead) :], len(starts)), strict=False):
        sentences.append(Sentence(f"{start} {_join([form(c) for c in group])}.", tuple(_cited(group))))
    if kind == "preview":
        figure = biggest_figure(plans, " ".join(s.text for s in sentences))
        if figure is not None:
            sentences.append(Sentence(figure.text, tuple(figure.citations())))
    return sentences


def _cited(items: list[Clause]) -> list[dict]:
    return [c for clause in items for c in clause.evidence.citations()]
