"""Compose a summary body from a meeting's sources with a backend; every sentence is verified against its pages."""

from __future__ import annotations

import re
from dataclasses import dataclass

from councilwatch.summaries.backends import Backend, BackendError, Sentence
from councilwatch.summaries.backends.extractive import ExtractiveBackend, decision_sentence, evidence_sentence
from councilwatch.summaries.backends.prompts import sanitise
from councilwatch.summaries.glossary import footnotes_for
from councilwatch.summaries.headline import split_reference, write_lead
from councilwatch.summaries.inputs import MeetingSources, SourceDocument
from councilwatch.summaries.parsing import parse_minutes, parse_report
from councilwatch.summaries.planning import ItemPlan, locate, plan_outcome, plan_preview, plan_transcript
from councilwatch.summaries.topics import assign_topics, meeting_topics, topic_names
from councilwatch.summaries.verifier import Verification, check_sentence, extract_facts, normalise


@dataclass
class Composed:
    kind: str
    backend: str
    headline: str
    body: dict
    verification: Verification
    topic_slugs: list[str]


def choose_kind(sources: MeetingSources) -> str:
    """'outcome' once minutes or decision records exist, else 'preview'."""
    has_minutes = sources.minutes() is not None
    return "outcome" if has_minutes or any(d.document for d in sources.decisions) else "preview"


def _evidence_text(citations: tuple[dict, ...] | list[dict], documents: dict) -> str:
    texts = []
    for citation in citations:
        document = documents.get((citation["document_id"], citation["document"]))
        if document and 1 <= citation["page"] <= len(document.pages):
            texts.append(sanitise(document.pages[citation["page"] - 1]))
    return "\n".join(texts)


def _verified(sentences: list[Sentence], documents: dict, verification: Verification) -> list[Sentence]:
    return [s for s in sentences if check_sentence(s.text, _evidence_text(s.citations, documents), verification)]


def _unique(citations: list[dict]) -> list[dict]:
    return list({(c["document_id"], c["page"]): c for c in citations}.values())


def _sentence_json(sentence: Sentence) -> dict:
    return {"text": sentence.text, "citations": list(sentence.citations)}


def _procedural_section(plans: list[ItemPlan], sentences: dict[str, list[Sentence]]) -> dict | None:
    procedural = [p for p in plans if p.procedural]
    if not procedural:
        return None
    parts, citations, kept = [], [], []
    for plan in procedural:
        said = sentences.get(plan.number) or []
        parts.append(split_reference(plan.title)[0] + (f" ({' '.join(s.text for s in said)})" if said else ""))
        citations += [c for s in said for c in s.citations]
        kept += said
    return {
        "item_number": ", ".join(p.number for p in procedural),
        "item_numbers": [p.number for p in procedural],
        "title": "Procedural items",
        "procedural": True,
        "text": "Procedural items: " + "; ".join(parts) + ".",
        "sentences": [_sentence_json(s) for s in kept],
        "decisions": [decision_sentence(e) for p in procedural for e in p.decisions],
        "citations": _unique(citations),
        "topics": [],
    }


def _who(sources: MeetingSources) -> list[str]:
    """Ways to name the body, best first: "Kent County Council's Cabinet", then the committee alone."""
    committee, council = sources.committee, sources.council
    if not committee or committee.lower() in council.lower() or "council" in committee.lower():
        return [n for n in (council, committee) if n]
    return [f"{council}'s {committee}", committee] if council else [committee]


def _supported(sentences: list[Sentence], documents: dict) -> list[Sentence]:
    return _verified(sentences, documents, Verification())  # a trial: failures are not recorded


def _headline_facts(sources: MeetingSources, plans: list[ItemPlan], kind: str, documents: dict) -> list[Sentence]:
    """The extractive headline: what was (or will be) decided, most consequential first, cited; else the items."""
    substantive = [p for p in plans if not p.procedural and (p.evidence or kind == "preview")]
    anchor = sources.minutes() if kind == "outcome" else _agenda_document(sources)
    citations = [anchor.citation(1)] if anchor else []
    date = ""
    if sources.start and anchor:
        spoken = f"{sources.start.day} {sources.start:%B %Y}"
        if extract_facts(spoken).dates & extract_facts(anchor.pages[0]).dates:
            date = spoken
    for who in _who(sources):
        written = _supported(write_lead(who, date, plans, kind, citations), documents)
        if written and written[0].text.startswith(("At its", who)):
            return written
    titles = []
    for plan in substantive[:8]:
        titles.append(split_reference(plan.title)[0])
        if anchor:
            citations.append(anchor.citation(locate(anchor, plan.title)[0]))
    verb = "met" if kind == "outcome" else "meets"
    when = f" on {date}" if date else ""
    for who in _who(sources):
        if not titles:
            sentence = f"{who} {verb}{when}."
        else:
            what = "and considered" if kind == "outcome" else "to consider"
            sentence = f"{who} {verb}{when} {what} {_join_titles(titles)}."
        written = _supported([Sentence(sentence, tuple(_unique(citations)))], documents)
        if written:
            return written
    return []


def _join_titles(titles: list[str]) -> str:
    return titles[0] if len(titles) == 1 else "; ".join(titles[:-1]) + "; and " + titles[-1]


def _agenda_document(sources: MeetingSources) -> SourceDocument | None:
    agendas = [d for d in sources.documents if d.kind == "agenda" and d.pages]
    return agendas[0] if agendas else None


def _attendees(sources: MeetingSources) -> list[dict]:
    if sources.attendees:
        return [{"name": a.name, "role": a.role, "status": a.status} for a in sources.attendees]
    minutes_doc = sources.minutes()
    if minutes_doc is None:
        return []
    minutes = parse_minutes(list(minutes_doc.pages))
    people = [*minutes.present, *minutes.in_attendance, *minutes.apologies]
    return [
        {"name": p.name, "role": p.role, "status": p.status, "citations": [minutes_doc.citation(p.page)]}
        for p in people
    ]


def _paper_acronyms(sources: MeetingSources) -> dict[str, tuple[str, dict]]:
    found: dict[str, tuple[str, dict]] = {}
    for document in sources.documents:
        if document.kind in ("report", "supplement") and document.pages:
            for short, expansion in parse_report(list(document.pages)).acronyms.items():
                page = next((n for n, t in enumerate(document.pages, 1) if f"({short})" in t), 1)
                found.setdefault(short, (expansion, document.citation(page)))
    return found


def compose(sources: MeetingSources, backend: Backend, kind: str | None = None) -> Composed:
    kind = kind or choose_kind(sources)
    planners = {"outcome": plan_outcome, "preview": plan_preview, "transcript": plan_transcript}
    plans = planners[kind](sources)
    documents = {(d.id, d.title): d for d in sources.documents}
    verification = Verification()
    extractive = ExtractiveBackend()
    per_item: dict[str, list[Sentence]] = {}
    fallbacks = []
    for plan in plans:
        written: list[Sentence] = []
        if backend.generative and not plan.procedural:
            try:
                written = _verified(backend.write_item(plan, kind), documents, verification)
            except BackendError as exc:
                fallbacks.append({"item": plan.number, "reason": str(exc)})
            decided = [evidence_sentence(e) for e in plan.decisions]
            if written and decided:
                written += [Sentence(t, tuple(e.citations())) for t, e in zip(decided, plan.decisions, strict=True)]
        if not written:
            if backend.generative and not plan.procedural and plan.evidence:
                fallbacks.append({"item": plan.number, "reason": "no generated sentence passed the verifier"})
            written = _verified(extractive.write_item(plan, kind), documents, verification)
        per_item[plan.number] = written
    sections = []
    procedural = _procedural_section(plans, per_item)
    if procedural:
        sections.append(procedural)
    names = topic_names()
    for plan in plans:
        if plan.procedural:
            continue
        said = per_item[plan.number]
        text = " ".join(s.text for s in said) or "The papers published so far say nothing more about this item."
        topics = assign_topics(plan.title, " ".join(e.text for e in plan.evidence) + " " + text)
        title, reference = split_reference(plan.title)
        sections.append(
            {
                "item_number": plan.number,
                "item_numbers": [plan.number],
                "title": title,
                "reference": reference,
                "procedural": False,
                "text": text,
                "sentences": [_sentence_json(s) for s in said],
                "decisions": [decision_sentence(e) if e.role == "decision" else e.text for e in plan.decisions],
                "citations": _unique([c for s in said for c in s.citations]),
                "topics": topics,
            }
        )
    facts = [s for section in sections if not section["procedural"] for s in per_item[section["item_number"]]]
    headline_sentences = []
    if kind != "transcript":
        headline_sentences = _verified(_headline_facts(sources, plans, kind, documents), documents, verification)
    if backend.generative and kind != "transcript":
        context = " ".join(normalise(d.pages[0]) for d in sources.documents if d.kind in ("agenda", "minutes"))[:1500]
        try:
            generated = _verified(backend.write_headline(facts, context, kind), documents, verification)
        except BackendError as exc:
            generated, _ = [], fallbacks.append({"item": "headline", "reason": str(exc)})
        headline_sentences = generated or headline_sentences
    headline = " ".join(s.text for s in headline_sentences)
    item_topics = [s["topics"] for s in sections]
    slugs = meeting_topics(item_topics)
    all_text = headline + " " + " ".join(f"{s['title']}. {s['text']}" for s in sections)
    body = {
        "kind": kind,
        "backend": backend.name,
        "headline": headline,
        "headline_citations": _unique([c for s in headline_sentences for c in s.citations]),
        "headline_sentences": [_sentence_json(s) for s in headline_sentences],
        "sections": sections,
        "attendees": _attendees(sources),
        "topics": [names[s] for s in slugs],
        "topic_slugs": slugs,
        "footnotes": footnotes_for(all_text, _paper_acronyms(sources)),
        "fallbacks": fallbacks,
    }
    return Composed(kind, backend.name, headline, body, verification, slugs)


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
