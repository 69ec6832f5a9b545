"""Compose a meeting's summary body from its stored structure; every sentence verified against its pages.

Decisions, votes, amendments and public participation are written by rule from the structure records
(``plain.py``), whatever the backend; what was presented and said comes from the backend (the extractive
default takes the papers' own sentences; a model writes its own, which the verifier checks). Every sentence
cites document and page, and must pass the verifier: its facts on the cited pages, and those pages this
meeting's own (for an outcome, inside the item's own part of the minutes or decision record).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from councilwatch.summaries.backends import Backend, BackendError, Sentence
from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.backends.prompts import sanitise
from councilwatch.summaries.body import (
    AmendmentTold,
    Attendee,
    Citation,
    ItemSection,
    ParticipationTold,
    Said,
    SummaryBody,
    Term,
    VoteTold,
)
from councilwatch.summaries.glossary import footnotes_for
from councilwatch.summaries.headline import split_reference, write_headline
from councilwatch.summaries.inputs import MeetingSources, MotionEntry
from councilwatch.summaries.plain import (
    asked_sentences,
    decision_parts,
    past_sentences,
    short,
    subject_of,
    vote_counts,
)
from councilwatch.summaries.planning import (
    Evidence,
    ItemPlan,
    locate,
    parts_of,
    plan_meeting,
    plan_transcript,
    subheading,
)
from councilwatch.summaries.plans import forward_plan, plan_expected, plan_headline
from councilwatch.summaries.spoken import add_spoken
from councilwatch.summaries.topics import assign_topics, meeting_topics, topic_names
from councilwatch.summaries.verifier import Attribution, Verification, check_sentence


@dataclass
class Composed:
    kind: str
    backend: str
    headline: str
    body: dict
    verification: Verification
    topic_slugs: list[str]
    typed: SummaryBody


def choose_kind(sources: MeetingSources) -> str:
    """'outcome' once this meeting's own minutes or decision records were read, else 'preview'."""
    if sources.reading_kind:
        return sources.reading_kind
    own = sources.own_records()
    return "outcome" if own or any(d.source == "platform" for d in sources.decisions) else "preview"


def _cite(evidence: Evidence) -> tuple[Citation, ...]:
    return tuple(Citation(c["document_id"], c["document"], c["page"]) for c in evidence.citations())


class Checker:
    """Verifies sentences (facts on the cited pages, pages this meeting's and this item's) and records failures."""

    def __init__(self, sources: MeetingSources, kind: str) -> None:
        self.documents = {d.id: d for d in sources.documents}
        self.verification = Verification()
        self.attribution = Attribution(sources, kind)
        self._pages: dict[tuple[int | None, int], str] = {}  # each cited page sanitised once

    def evidence_text(self, citations: tuple[Citation, ...]) -> str:
        texts = []
        for citation in citations:
            document = self.documents.get(citation.document_id)
            if document and 1 <= citation.page <= len(document.pages):
                key = (citation.document_id, citation.page)
                if key not in self._pages:
                    self._pages[key] = sanitise(document.pages[citation.page - 1])
                texts.append(self._pages[key])
        return "\n".join(texts)

    def keep(self, said: Said, item: str | None) -> bool:
        problem = self.attribution.problem(said.citations, item)
        if problem:
            self.verification.checked += 1
            self.verification.unsupported.append({"text": said.text, "missing": [problem]})
            return False
        return check_sentence(said.text, self.evidence_text(said.citations), self.verification)

    def filter(self, said: list[Said], item: str | None) -> list[Said]:
        return [s for s in said if self.keep(s, item)]


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9£%]+", " ", text.lower()).strip()[:70]


def _told(key: str, told: set[str]) -> bool:
    """Already said: the same words, or part of (or all of) a clause already told."""
    return any(key in other or other in key for other in told if len(other) >= 12) or key in told


_ENTRY = re.compile(r" decided: (?P<entry>[^.:;]{3,120}?)\s*[-–]\s*(?P<sum>£\s?\d[\d,]*(?:\.\d{2})?(?: each)?)\.$")
_AS_FOLLOWS = re.compile(r"^(?P<head>.+?)\s+as\s+follows\.$")


def _listed(said: list[Said], subject: str) -> list[Said]:
    """A run of list entries decided one by one ('Wales Air Ambulance - £200.') told as one sentence, under the
    decision that introduced them ('The council donated as follows.')."""
    out: list[Said] = []
    run: list[Said] = []

    def flush() -> None:
        if len(run) < 2:
            out.extend(run)
        else:
            entries = [_ENTRY.search(s.text) for s in run]
            listed = ", ".join(f"{m['entry'].strip()} {m['sum']}" for m in entries if m)
            head = _AS_FOLLOWS.match(out[-1].text) if out else None
            opening = out.pop() if head else None
            text = f"{head['head']}: {listed}." if head else f"{subject} agreed: {listed}."
            citations = tuple({c: None for s in ([opening] if opening else []) + run for c in s.citations})
            exact = " ".join(s.exact for s in ([opening] if opening else []) + run)
            out.append(Said(text, citations, exact=exact))
        run.clear()

    for s in said:
        if _ENTRY.search(s.text):
            run.append(s)
            continue
        flush()
        out.append(s)
    flush()
    return out


def _pronouns(said: list[Said], subject: str) -> list[Said]:
    """'The committee noted … The committee agreed …' → '… It also agreed …': the body is named once a section."""
    out: list[Said] = []
    for s in said:
        if out and s.text.startswith(f"{subject} ") and out[-1].text.startswith((f"{subject} ", "It ")):
            rest = s.text[len(subject) + 1 :]
            rest = rest if rest.startswith(("also ", "decided:")) else f"also {rest}"
            s = replace(s, text=f"It {rest}")
        out.append(s)
    return out


def _decided(plan: ItemPlan, subject: str, kind: str) -> list[Said]:
    out: list[Said] = []
    if kind == "outcome":
        told: set[str] = set()
        for evidence in plan.of("decision"):
            parts = [p for p in parts_of(evidence, plan) if not _told(_key(p.rest), told) and len(p.rest.split()) >= 2]
            told |= {_key(p.rest) for p in parts}
            if not parts:
                continue  # a summary of decisions already told
            under = subheading(evidence, plan.title)
            for n, text in enumerate(past_sentences(subject, parts)):
                if under and n == 0:  # "8.4 Allotments. … no amendment should be made to the fees this year"
                    text = f"{under}: {text[:1].lower() + text[1:] if text.startswith('The ') else text}"
                out.append(Said(text, _cite(evidence), exact=evidence.text))
        return _pronouns(_listed(out, subject), subject)
    recommendations = plan.of("recommendation")
    if recommendations:
        parts = [p for e in recommendations for p in decision_parts(e.text)]
        citations = tuple({c: None for e in recommendations for c in _cite(e)})
        exact = " ".join(e.text for e in recommendations)
        for text in asked_sentences(subject, parts):
            out.append(Said(text, citations, exact=exact))
    return out


def _label(motion: MotionEntry) -> str:
    label = motion.label or "The motion"
    if label.lower() in ("motion", "recommendation", "recommendations", "substantive motion", "amendment"):
        return f"The {label.lower()}"
    if label.lower() == "report and recommendations":
        return "The report's recommendations"
    return label


def _vote(evidence: Evidence) -> VoteTold | None:
    motion = evidence.motion
    if motion is None or not motion.outcome:
        return None
    moved = ""
    if motion.mover and motion.seconder:
        moved = f", moved by {motion.mover} and seconded by {motion.seconder},"
    elif motion.mover:
        moved = f", moved by {motion.mover},"
    counts = vote_counts(motion.votes_for, motion.votes_against, motion.votes_abstain)
    result = motion.outcome + (" unanimously" if motion.unanimous and motion.outcome == "carried" else "")
    text = f"{_label(motion)}{moved} was {result}{' ' + counts if counts else ''}."
    if motion.kind == "procedural":
        text = f"A motion{moved.rstrip(',')} that the question be put was {result}{' ' + counts if counts else ''}."
    return VoteTold(
        motion.label, motion.outcome, motion.votes_for, motion.votes_against, motion.votes_abstain, motion.unanimous,
        dict(motion.named), Said(text.replace(",,", ","), _cite(evidence), exact=motion.proposes[:600]),
    )  # fmt: skip


def _amendment(evidence: Evidence, proposal: bool = True) -> AmendmentTold | None:
    """'An amendment by Mr Hood, seconded by Mr Baldock, to … was lost by 14 votes to 45.' (without what it would
    have done when ``proposal`` is False)."""
    motion = evidence.motion
    if motion is None:
        return None
    who = f" by {motion.mover}" if motion.mover else ""
    seconded = f", seconded by {motion.seconder}," if motion.seconder else ""
    what = short(motion.proposes) if motion.proposes and proposal else ""
    proposal = (
        f" to {what[:1].lower()}{what[1:]}"
        if what and not what.lower().startswith(("to ", "that "))
        else (f" {what}" if what else "")
    )
    counts = vote_counts(motion.votes_for, motion.votes_against, motion.votes_abstain)
    outcome = {"accepted": "accepted by the mover of the motion", "": "put"}.get(motion.outcome, motion.outcome)
    text = f"An amendment{who}{seconded}{proposal.rstrip(' .…')} was {outcome}{' ' + counts if counts else ''}."
    vote = _vote(evidence) if motion.votes_for is not None else None
    sentence = Said(re.sub(r"\s+,", ",", text.replace(",,", ",")), _cite(evidence), exact=motion.proposes[:600])
    return AmendmentTold(motion.mover, motion.seconder, what, motion.outcome, vote, sentence)


def _participation(
    plan: ItemPlan, subject: str, where: list[Evidence], only: set[str] | None = None
) -> ParticipationTold | None:
    """'The committee received 14 questions and 68 statements from the public.', cited to the item's minutes or
    to the papers of questions and statements (the pages of their last entries); ``only`` these kinds' counts."""
    counts = {k: v for k, v in plan.participation.items() if only is None or k in only}
    if not counts or not where:
        return None
    named = [(counts.get(k + "s", 0), k) for k in ("question", "statement", "petition", "deputation")]
    listed = [f"{n} {k}{'s' if n != 1 else ''}" for n, k in named if n]
    if not listed:
        return None
    joined = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    citations = tuple({c: None for e in where for c in _cite(e)})
    sentence = Said(f"{subject} received {joined} from the public.", citations)
    return ParticipationTold(
        counts.get("questions", 0), counts.get("statements", 0), counts.get("petitions", 0),
        counts.get("deputations", 0), None, sentence,
    )  # fmt: skip


def _verified_participation(plan: ItemPlan, subject: str, checker: Checker) -> ParticipationTold | None:
    """All the counts in one line; else the counts the cited pages bear out, each tried alone (a total no page
    prints — 66 numbered statements and two "further statements" — is dropped and recorded)."""
    where = plan.of("participation")
    told = _participation(plan, subject, where)
    if told is None or told.sentence is None or checker.keep(told.sentence, plan.number):
        return told
    kept = set()
    for kind in plan.participation:
        alone = _participation(plan, subject, where, {kind})
        if alone and alone.sentence and checker.keep(alone.sentence, plan.number):
            kept.add(kind)
    return _participation(plan, subject, where, kept) if kept else None


def _said(sentences: list[Sentence]) -> list[Said]:
    return [
        Said(s.text, tuple(Citation(c["document_id"], c["document"], c["page"], c.get("seconds")) for c in s.citations))
        for s in sentences
    ]


def _presented(plan: ItemPlan, kind: str, backend: Backend, fallbacks: list[dict]) -> list[Said]:
    if plan.procedural:
        return []
    if backend.generative:
        try:
            written = _said(backend.write_item(plan, kind))
            if written:
                return written
            fallbacks.append({"item": plan.number, "reason": "no generated sentence"})
        except BackendError as exc:
            fallbacks.append({"item": plan.number, "reason": str(exc)})
    return _said(ExtractiveBackend().write_item(plan, kind))


def _section(
    plan: ItemPlan, subject: str, kind: str, backend: Backend, checker: Checker, fallbacks: list[dict]
) -> ItemSection:
    title, reference = split_reference(plan.title)
    section = ItemSection(numbers=[plan.number], title=title, reference=reference, procedural=plan.procedural)
    check = lambda said: checker.filter(said, plan.number)  # noqa: E731
    section.decided = check(_decided(plan, subject, kind))
    for evidence in plan.of("vote"):
        vote = _vote(evidence)
        if vote and vote.sentence and checker.keep(vote.sentence, plan.number):
            section.votes.append(vote)
    section.votes = _grouped(section.votes)
    for evidence in plan.of("amendment"):
        for told in (_amendment(evidence), _amendment(evidence, proposal=False)):  # its outcome, if not its words
            if told and told.sentence and checker.keep(told.sentence, plan.number):
                section.amendments.append(told)
                break
    presented = _presented(plan, kind, backend, fallbacks)
    verified = check(presented)
    if backend.generative and presented and not verified:
        fallbacks.append({"item": plan.number, "reason": "no generated sentence passed the verifier"})
        verified = check(_said(ExtractiveBackend().write_item(plan, kind)))
    section.presented = verified
    section.next_steps = check([Said(e.text, _cite(e)) for e in plan.of("next")])
    section.participation = _verified_participation(plan, subject, checker)
    text = " ".join(s.text for s in section.sentences())
    section.topics = assign_topics(plan.title, " ".join(e.text for e in plan.evidence) + " " + text)
    return section


def _grouped(votes: list[VoteTold]) -> list[VoteTold]:
    """Several recommendations carried unanimously are told in one sentence; split and lost votes each in theirs."""
    plain = [v for v in votes if v.outcome == "carried" and v.unanimous and v.votes_for is None and v.sentence]
    if len(plain) < 2:
        return votes
    labels = [v.label for v in plain]
    if not all(re.match(r"^Recommendations?\s+\S+$", label) for label in labels):
        return votes
    numbers = [label.split(maxsplit=1)[1] for label in labels]
    joined = ", ".join(numbers[:-1]) + " and " + numbers[-1]
    citations = tuple({c: None for v in plain for c in (v.sentence.citations if v.sentence else ())})
    together = Said(f"Recommendations {joined} were carried unanimously.", citations)
    out = []
    for vote in votes:
        if vote is plain[0]:
            out.append(replace(vote, sentence=together))
        elif vote in plain:
            out.append(replace(vote, sentence=None))
        else:
            out.append(vote)
    return out


def _procedural(sections: list[ItemSection]) -> ItemSection | None:
    """Procedural items told together in one short section."""
    procedural = [s for s in sections if s.procedural]
    if not procedural:
        return None
    merged = ItemSection(numbers=[n for s in procedural for n in s.numbers], title="Procedural items", procedural=True)
    for section in procedural:
        merged.decided += section.decided
        merged.votes += section.votes
        merged.presented += section.presented
        merged.next_steps += section.next_steps
    return merged


def _who(sources: MeetingSources) -> list[str]:
    """Ways to name the body, best first; the first the papers support is used."""
    committee, council = sources.committee.strip(), sources.council.strip()
    if not committee or committee.lower() in council.lower() or re.search(r"\bcouncil\b", committee, re.I):
        return [n for n in (council, committee, "The council") if n]
    the = committee if committee.lower().startswith(("the ", "cabinet")) else f"The {committee}"
    return [n for n in (f"{council}'s {committee}" if council else "", the, subject_of(committee)) if n]


def _attendees(sources: MeetingSources) -> list[Attendee]:
    out = []
    for a in sources.attendees:
        citations = (Citation(a.document.id, a.document.title, a.page or 1),) if a.document else ()
        out.append(Attendee(a.name, a.role, a.status, a.substitute_for, citations))
    return out


def _terms(text: str, sources: MeetingSources) -> list[Term]:
    acronyms: dict[str, tuple[str, dict]] = {}
    for span in sources.spans:
        for short_form, expansion in (span.structure or {}).get("acronyms", {}).items():
            page = next((n for n, t in enumerate(span.document.pages, 1) if f"({short_form})" in t), span.page)
            acronyms.setdefault(short_form, (expansion, span.document.citation(page)))
    terms = []
    for note in footnotes_for(text, acronyms):
        citations = tuple(Citation(c["document_id"], c["document"], c["page"]) for c in note.get("citations") or [])
        terms.append(Term(note["term"], note["text"], citations))
    return terms


def compose(sources: MeetingSources, backend: Backend, kind: str | None = None) -> Composed:
    kind = kind or choose_kind(sources)
    plans = plan_transcript(sources) if kind == "transcript" else plan_meeting(sources, kind)
    subject = subject_of(sources.committee)
    checker = Checker(sources, kind)
    fallbacks: list[dict] = []
    sections = [_section(plan, subject, kind, backend, checker, fallbacks) for plan in plans]
    add_spoken(sections, sources.id, checker.verification)  # "what was said", from a transcribed recording
    body = SummaryBody(kind=kind, backend=backend.name, fallbacks=fallbacks)
    procedural = _procedural(sections)
    body.sections = ([procedural] if procedural else []) + [s for s in sections if not s.procedural]
    plan = forward_plan(sources) if kind == "preview" else None
    if plan is not None:  # a forward plan on its own: what it is and when decisions are due, nothing decided
        who = subject_of(sources.committee)  # "The committee": the plan's own heading may print its name otherwise
        body.expected = checker.filter(plan_expected(plan), None)
        body.headline = checker.filter(plan_headline(plan, who[:1].lower() + who[1:]), None) + body.expected[:1]
    elif kind != "transcript":
        headline = []
        record = next(iter(sources.own_records()), None) if kind == "outcome" else None
        record = record or next((d for d in sources.documents if d.kind in ("agenda", "page") and d.pages), None)
        anchor = (Citation(record.id, record.title, 1),) if record else ()
        for who in _who(sources):
            headline = write_headline(who, plans, kind, anchor)
            trial = Checker(sources, kind)
            if headline and trial.filter(headline[:1], None):
                break
        if backend.generative and headline:
            try:
                facts = [
                    Sentence(s.text, tuple(c.as_json() for c in s.citations))
                    for s in headline + [x for sec in body.sections for x in sec.decided]
                ]
                generated = _said(backend.write_headline(facts, "", kind))
                headline = checker.filter(generated, None) or headline
            except BackendError as exc:
                fallbacks.append({"item": "headline", "reason": str(exc)})
        body.headline = checker.filter(headline, None)
        if not body.headline:
            body.headline = checker.filter(_fallback_headline(sources, plans, kind), None)
    body.attendees = _attendees(sources)
    slugs = meeting_topics([s.topics for s in body.sections])
    names = topic_names()
    body.topics, body.topic_slugs = [names[s] for s in slugs], slugs
    all_text = " ".join(s.text for s in body.all_sentences()) + " " + " ".join(s.title for s in body.sections)
    body.terms = _terms(all_text, sources)
    return Composed(kind, backend.name, body.headline_text, body.to_json(), checker.verification, slugs, body)


def _fallback_headline(sources: MeetingSources, plans: list[ItemPlan], kind: str) -> list[Said]:
    """Without decisions to lead with: the items the meeting considered (or will consider), cited to its agenda."""
    anchor = next((d for d in sources.own_records()), None) if kind == "outcome" else None
    anchor = anchor or next((d for d in sources.documents if d.kind in ("agenda", "page") and d.pages), None)
    titles = [split_reference(p.title)[0] for p in plans if not p.procedural][:5]
    if anchor is None or not titles:
        return []
    verb = "considered" if kind == "outcome" else "will consider"
    joined = titles[0] if len(titles) == 1 else "; ".join(titles[:-1]) + "; and " + titles[-1]
    pages = sorted({p for title in titles for p in locate(anchor, title)})
    return [Said(f"{_who(sources)[-1]} {verb} {joined}.", tuple(Citation(anchor.id, anchor.title, p) for p in pages))]
