"""The headline: what matters most, first, by a rule anyone can read here.

Every action the meeting took (or will be asked to take) is scored:

* the verb — deciding verbs (approve, adopt, agree, set, allocate, award, reject, refuse) 3; endorse,
  support, recommend 2.5; delegate, authorise 1.5; note, receive, consider, comment 0.5;
* money — deciding a sum +2, and +1.5 more where it is a budget, council tax, precept, spending or a grant
  (+1.5 for deciding a budget without a sum in the clause); noting a sum adds only 0.5;
* policy — adopting or rejecting a plan, policy, strategy or scheme +1;
* contest — an item whose vote was split or whose amendments were defeated +1.5;
* the item — a budget, council tax, plan, policy or strategy in its title +1; a monitoring report, update or
  forecast −1 (it reports on decisions taken elsewhere).
* what it leaves out — "agreed that …" states rather than acts (−1; "agreed to …" −0.5), a clause saying
  nothing changes −1.5, one about holding a meeting −1, one leaning on its neighbours ("see if this could be
  done") −2.

A clause is told by its first sentence, without the conditions and asides around it; where it names nothing of
its item's title (and the title is not a heading every agenda has, like "Correspondence") the title follows in
brackets and its heading is cited. One action is told once, though two records of the item say it.

Before a meeting, the sentence with the largest sum (or a council tax change) from the reports of the weightiest
items that decide something follows the lead.

Procedural items never lead. Where no clause acts (a verb weighing under 1.5: only considering, noting,
receiving), the headline names the items the meeting considered (or will consider) instead. The best two clauses open the headline, a contested vote (a defeated
amendment, a split vote) comes next, then money at risk — the first overspend, deficit or shortfall with its sum
that the meeting noted (or will be asked to note) — then the next best decisions: two or three sentences, each
cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilwatch.summaries.body import Citation, Said
from councilwatch.summaries.plain import Part, vote_counts
from councilwatch.summaries.planning import Evidence, ItemPlan, locate, parts_of, subheading
from councilwatch.summaries.wording import plainer

REFERENCE = re.compile(r"^\s*(\d{2}/\d{4,5})\s*[-–—]\s*")
_VERB_WEIGHT = {
    "approved": 3.0, "adopted": 3.0, "agreed": 3.0, "set": 3.0, "allocated": 3.0, "awarded": 3.0,
    "rejected": 3.0, "refused": 3.0, "granted": 3.0, "increased": 3.0, "introduced": 3.0, "initiated": 2.5,
    "endorsed": 2.5, "supported": 2.5, "recommended": 2.5, "transferred": 2.5, "implemented": 2.5,
    "delegated": 1.5, "authorised": 1.5, "requested": 1.0, "asked": 1.0, "referred": 1.0,
    "donated": 3.0, "paid": 2.5, "gave": 2.5, "noted": 0.5, "received": 0.5, "considered": 0.5, "commented": 0.5, "thanked": 0.2, "welcomed": 0.2,
}  # fmt: skip
_MONEY = re.compile(r"£\s?\d")
_MONEY_KIND = re.compile(
    r"\b(?:budget|council\s+tax|precept|spend\w*|grant|funding|capital|revenue|fees?|charges?)\b", re.I
)
_AT_RISK = re.compile(r"\b(?:overspend\w*|over-spend\w*|deficits?|shortfalls?|funding\s+gaps?|budget\s+gaps?)\b", re.I)
_POLICY = re.compile(r"\b(?:plan|policy|strategy|scheme|framework|programme|levy)\b", re.I)
_WEIGHTY_TITLE = re.compile(r"\b(?:budget|council\s+tax|precept|plan|policy|strategy|local\s+plan|levy)\b", re.I)
_PROGRESS_TITLE = re.compile(
    r"\b(?:monitoring|update|forecast|outturn|annual\s+report|performance|progress|risk)\b", re.I
)
_AMOUNT = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s?(bn|billion|m|million|k)?\b", re.I)
HEADLINE_WORDS = 95
_NO_CHANGE = re.compile(r"\b(?:no|not|none|nothing|neither)\b", re.I)  # "no amendments were needed"
# holding or putting off to a meeting: "hold the meeting at 7.15pm", "be discussed at the next meeting"
# a clause that leans on its neighbours: "agreed to see if this could be done"
_DANGLING = re.compile(r"^(?:\S+\s+){0,4}?(?:this|these|those|it|them|they)\b(?!\s+(?:year|month|week|meeting))", re.I)
_THIS_THING = re.compile(  # "towards the purchase of this instrument": which one, the clause does not say
    r"\b(?:this|these|those)\s+(?!year|month|week|meeting|financial|council|committee|time|evening|morning|"
    r"afternoon|summer|winter|spring|autumn|parish|village|area|community|county|city|borough|district)[a-z]+\b"
)
_MEETING_ARRANGEMENT = re.compile(r"\b(?:the|this|next|annual|a)\s+(?:[\w-]+\s+){0,3}meeting\b", re.I)


@dataclass(frozen=True)
class Clause:
    part: Part
    evidence: Evidence
    score: float
    order: int


def split_reference(title: str) -> tuple[str, str]:
    """'24/00108 - Revenue and Capital …' → ('Revenue and Capital …', '24/00108'); other titles unchanged."""
    match = REFERENCE.match(title)
    return (title[match.end() :].strip(), match.group(1)) if match else (title, "")


def contested(plan: ItemPlan) -> bool:
    for e in plan.of("vote", "amendment"):
        m = e.motion
        if m and (m.outcome == "lost" or (m.votes_against or 0) > 0):
            return True
    return False


def score(part: Part, plan: ItemPlan) -> float:
    words = part.verb.split()
    verb = words[-1] if words else ""
    if verb in ("to", "that") and len(words) >= 2:  # "agreed to hold …" acts; "agreed that …" states
        verb = words[-2]
        value = _VERB_WEIGHT.get(verb, 1.0) - (0.5 if words[-1] == "to" else 1.0)
    else:
        value = _VERB_WEIGHT.get(verb, 1.0 if verb else 0.3)
    if _NO_CHANGE.search(part.rest):
        value -= 1.5
    if _MEETING_ARRANGEMENT.search(part.rest):
        value -= 1.0
    if _DANGLING.match(part.rest) or _THIS_THING.search(part.rest):
        value -= 2.0
    deciding = value >= 1.5  # noting a sum is not deciding it
    if _MONEY.search(part.rest):
        value += (2.0 + (1.5 if _MONEY_KIND.search(part.rest) else 0.0)) if deciding else 0.5
    elif _MONEY_KIND.search(part.rest):
        value += 1.5 if deciding else 0.2
    if verb in ("approved", "adopted", "rejected", "refused", "agreed") and _POLICY.search(part.rest):
        value += 1.0
    if contested(plan):
        value += 1.5
    if _WEIGHTY_TITLE.search(plan.title):
        value += 1.0
    if _PROGRESS_TITLE.search(plan.title):
        value -= 1.0
    return value


_ASIDE = re.compile(
    r",\s*(?:subject\s+to|so\s+as\s+not\s+to|including|in\s+consultation\s+with|in\s+line\s+with|where\s+appropriate)\b[^,]*,",
    re.I,
)


def _headline_part(part: Part) -> Part:
    """For the headline only: conditions and asides between commas left to the section and its exact wording."""
    rest = part.rest
    while opens := _ASIDE.match(f", {rest}"):  # "subject to …, so as not to …, the progression …"
        rest = f", {rest}"[opens.end() :].strip()
    rest = _ASIDE.sub("", rest)
    rest = re.split(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])", rest, maxsplit=1)[
        0
    ]  # its first sentence: "… scheme. Contractual."
    return Part(part.verb, rest)


_LIST_ENTRY = re.compile(r"^(?P<entry>[^.:;]{3,120}?)\s*[-–]\s*(?P<sum>£\s?\d[\d,]*(?:\.\d{2})?(?: each)?)$")


def _with_lists(plan: ItemPlan, role: str) -> list[tuple[Evidence, Part]]:
    """The item's actions; entries decided one by one under 'donate as follows' ('Wales Air Ambulance - £200')
    become one action in the place of the 'as follows': 'donated as follows: Carmarthenshire Federation of Young
    Farmers £100, Wales Air Ambulance £200, …'."""
    out: list[tuple[Evidence, Part] | None] = []
    head: tuple[int, Evidence, Part] | None = None
    entries: list[str] = []
    for evidence in plan.of(role):
        for part in parts_of(evidence, plan):
            entry = _LIST_ENTRY.match(part.rest) if not part.verb else None
            if head is not None and entry:
                entries.append(f"{entry['entry'].strip()} {entry['sum']}")
            elif head is None and part.verb and re.fullmatch(r"as\s+follows", part.rest.strip(" .:"), re.I):
                head = (len(out), evidence, part)
                out.append(None)
            else:
                out.append((evidence, part))
    if head is not None:
        at, evidence, part = head
        out[at] = (evidence, Part(part.verb, "as follows: " + ", ".join(entries))) if len(entries) >= 2 else None
    return [told for told in out if told is not None]


def ranked(plans: list[ItemPlan], role: str) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()  # one action told once, though two records of the item say it
    for order, plan in enumerate(plans):
        if plan.procedural:
            continue
        for evidence, part in _with_lists(plan, role):
            part = _headline_part(part)
            if part.verb and 3 <= len(part.rest.split()) <= 40 and part.past() not in seen:
                seen.add(part.past())
                clauses.append(Clause(part, evidence, score(part, plan), order))
    few = len([p for p in plans if not p.procedural]) <= 2
    best_per_item: dict[int, list[Clause]] = {}
    for clause in sorted(clauses, key=lambda c: -c.score):
        best_per_item.setdefault(clause.order, [])
        taken = best_per_item[clause.order]
        # One clause an item, a second where it also decides money; up to three when the meeting had one or two items.
        if len(taken) < (3 if few else 1) or (
            len(taken) < 2 and _decides(clause) and _MONEY.search(clause.part.rest) and clause.score >= 5
        ):
            taken.append(clause)
    return sorted((c for cs in best_per_item.values() for c in cs), key=lambda c: (-c.score, c.order))


def _at_risk(plans: list[ItemPlan], role: str) -> Clause | None:
    """The first overspend, deficit or shortfall with its sum that is noted: money at risk is news."""
    for order, plan in enumerate(plans):
        if plan.procedural:
            continue
        for evidence, part in _with_lists(plan, role):
            part = _headline_part(part)
            clause = Clause(part, evidence, 0.0, order)
            if _MONEY.search(part.rest) and _AT_RISK.search(part.rest) and not _decides(clause):
                return clause
    return None


def _acts(clause: Clause) -> bool:
    """A clause whose verb decides or asks something (weight 1.5 or more), not one that considers or notes."""
    words = [w for w in clause.part.verb.split() if w not in ("to", "that", "and")]
    return any(_VERB_WEIGHT.get(w, 1.0) >= 1.5 for w in words)


def _decides(clause: Clause) -> bool:
    """An action, not a report taken note of ('noted the forecast overspend')."""
    return clause.part.verb.split()[-1:] not in (["noted"], ["received"], ["considered"], ["note"])


def _citations(evidence: list[Evidence]) -> tuple[Citation, ...]:
    seen: dict[tuple, Citation] = {}
    for e in evidence:
        for c in e.citations():
            seen.setdefault((c["document_id"], c["page"]), Citation(c["document_id"], c["document"], c["page"]))
    return tuple(seen.values())


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _contest_sentence(plans: list[ItemPlan]) -> Said | None:
    """The most contested vote: the motion carried (or lost) against the most votes, and the amendments lost."""
    lost = [e for p in plans if not p.procedural for e in p.of("amendment") if e.motion and e.motion.outcome == "lost"]
    counted = [
        (p, e) for p in plans if not p.procedural for e in p.of("vote")
        if e.motion and e.motion.outcome in ("carried", "lost") and e.motion.kind != "procedural"
        and (e.motion.votes_against or 0) > 0
    ]  # fmt: skip
    if counted:
        plan, evidence = max(
            counted, key=lambda pe: (pe[1].motion.votes_against or 0, pe[1].motion.label == "Substantive motion")
        )
        motion = evidence.motion
        assert motion is not None
        counts = vote_counts(motion.votes_for, motion.votes_against, motion.votes_abstain)
        what = "The motion" if motion.label in ("Motion", "Substantive motion") else motion.label
        title = split_reference(plan.title)[0]
        text = f"{what} on {title} was {motion.outcome} {counts}"
        mine = [e for e in lost if e in plan.evidence]
        if mine:
            text += (
                f", after {len(mine)} amendment{'s' if len(mine) > 1 else ''} {'were' if len(mine) > 1 else 'was'} lost"
            )
        heading = Evidence(title, evidence.document, locate(evidence.document, title, evidence.pages[0]), "heading")
        return Said(text + ".", _citations([heading, evidence, *mine]))
    if lost:
        if len(lost) >= 2:
            return Said(f"{len(lost)} amendments were moved and lost.", _citations(lost))
        motion = lost[0].motion
        assert motion is not None
        counts = vote_counts(motion.votes_for, motion.votes_against, motion.votes_abstain)
        by = f" by {motion.mover}" if motion.mover else ""
        return Said(f"An amendment{by} was lost{' ' + counts if counts else ''}.", _citations(lost))
    return None


def write_headline(who: str, plans: list[ItemPlan], kind: str, anchor: tuple[Citation, ...] = ()) -> list[Said]:
    """Two or three cited sentences: the weightiest actions, a contested vote, then the next decisions."""
    role = "decision" if kind == "outcome" else "recommendation"
    clauses = ranked(plans, role)
    if not any(_acts(c) for c in clauses):
        return []  # only considering and noting: the items the meeting takes are told instead (compose.py)
    sentences: list[Said] = []
    used = 0

    def heading(c: Clause) -> str:
        """What the clause is about: its numbered sub-heading in the minutes, else its item's title."""
        return subheading(c.evidence, plans[c.order].title) or plans[c.order].title

    def phrase(c: Clause) -> str:
        said = plainer(c.part.past() if kind == "outcome" else c.part.base())
        topic = _topic(heading(c), c.part.rest)
        return f"{said} ({topic})" if topic else said

    def cited(chosen: list[Clause]) -> list[Evidence]:
        out = []
        for c in chosen:
            out.append(c.evidence)
            if _topic(heading(c), c.part.rest):  # the heading is cited with its clause
                title, document = split_reference(heading(c))[0], c.evidence.document
                out.append(Evidence(title, document, locate(document, title, c.evidence.pages[0]), "heading"))
        return out

    lead = (
        clauses[:2]
        if len(phrase(clauses[0]).split()) + len(phrase(clauses[1]).split() if len(clauses) > 1 else []) <= 34
        else clauses[:1]
    )
    opening = who if kind == "outcome" else f"{who} will be asked to"
    sentences.append(Said(f"{opening} {_join([phrase(c) for c in lead])}.", anchor + _citations(cited(lead))))
    used += len(sentences[-1].text.split())
    if kind == "outcome":
        contest = _contest_sentence(plans)
        if contest is not None:
            sentences.append(contest)
            used += len(contest.text.split())
    if kind == "preview":
        figure = _key_figure(plans, clauses)
        if figure is not None:
            sentences.append(figure)
            used += len(figure.text.split())
    risk = _at_risk(plans, role)
    if risk is not None and len(sentences) < 3:
        start = "It" if kind == "outcome" else "It will also be asked to"
        sentences.append(Said(f"{start} {phrase(risk)}.", _citations(cited([risk]))))
        used += len(sentences[-1].text.split())
    rest = [c for c in clauses[len(lead) :] if c.score >= 1.5 and c is not risk][:2]
    while rest and used + sum(len(phrase(c).split()) for c in rest) > HEADLINE_WORDS:
        rest = rest[:-1]  # the best of them, if both do not fit
    if rest and len(sentences) < 3:
        start = "It also" if kind == "outcome" else "It will also be asked to"
        sentences.append(Said(f"{start} {_join([phrase(c) for c in rest])}.", _citations(cited(rest))))
    return sentences


_TITLE_WORDS = re.compile(r"[A-Za-z][a-z]{3,}|[A-Z]{2,}")
_PLAIN_WORDS = {
    "report", "reports", "update", "updates", "item", "items", "matters", "with", "from", "into", "other",
    "recommendations", "correspondence", "received", "finance", "financial", "accounts", "payment", "payments",
    "planning", "applications", "business", "urgent", "general", "receive", "consider", "note", "approve",
    "arising", "information", "questions", "public", "forum", "chairman", "chair", "clerk", "council", "councillors",
    "committee", "members", "minutes", "meeting", "date", "next", "parish", "community", "town", "county", "borough",
    "district", "city", "assets", "documentation", "policies", "documents", "procedure", "authorisation", "made",
    "taken", "held", "agree", "discuss", "review", "details", "list",
}  # fmt: skip


def _topic(title: str, rest: str) -> str:
    """The item's title, where the clause names nothing of it ('approved the progression to Stage One …' under
    'Workplace Parking Levy'); '' when the clause already says what it is about or the title is long."""
    title = split_reference(title)[0].strip(" .:")
    words = {w.lower() for w in _TITLE_WORDS.findall(title)} - _PLAIN_WORDS
    if not words or len(title.split()) > 7 or words & {w.lower() for w in _TITLE_WORDS.findall(rest)}:
        return ""  # a heading any agenda has ("Correspondence", "Finance") tells the reader nothing more
    return title.title() if title.isupper() else title


def _amount(text: str) -> float:
    best = 0.0
    for number, unit in _AMOUNT.findall(text):
        scale = {"bn": 1e9, "billion": 1e9, "m": 1e6, "million": 1e6, "k": 1e3}.get(unit.lower(), 1.0)
        best = max(best, float(number.replace(",", "")) * scale)
    return best


def _key_figure(plans: list[ItemPlan], clauses: list[Clause]) -> Said | None:
    """The report sentence with the largest sum, or a council tax change, from the best-scoring items."""
    ranked_items = []
    for clause in filter(_decides, clauses):  # a figure of what is decided, not of a report noted
        if clause.order not in ranked_items:
            ranked_items.append(clause.order)
    candidates = []
    for rank, order in enumerate(ranked_items[:3]):
        for evidence in plans[order].of("figure", "summary"):
            weight = _amount(evidence.text) + (5e8 if re.search(r"council\s+tax|precept", evidence.text, re.I) else 0.0)
            if weight and len(evidence.text.split()) <= 40:
                candidates.append((weight / (rank + 1), evidence))
    if not candidates:
        return None
    evidence = max(candidates, key=lambda c: c[0])[1]
    return Said(evidence.text, _citations([evidence]))
