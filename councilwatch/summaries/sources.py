"""A meeting's sources read from the database: its items, what reading its papers found, and the papers' text."""

from __future__ import annotations

import hashlib

from councilwatch.documents.models import Document, DocumentPage, ExtractionStatus
from councilwatch.meetings.models import Meeting
from councilwatch.summaries.inputs import (
    AgendaEntry,
    AttendeeEntry,
    DecisionEntry,
    MeetingSources,
    MotionEntry,
    SourceDocument,
    SpanEntry,
)

USABLE = (ExtractionStatus.DONE, ExtractionStatus.PARTIAL)


def _document(document: Document) -> SourceDocument:
    pages = {p.number: p.text for p in document.pages.all()}
    count = max(pages, default=0)
    text = tuple(pages.get(n, "") for n in range(1, count + 1))
    fingerprint = document.extracted_sha256 or document.sha256
    if not fingerprint:  # no bytes recorded: fingerprint the text itself
        fingerprint = hashlib.sha256("\f".join(text).encode()).hexdigest()
    return SourceDocument(
        id=document.pk,
        title=document.title,
        kind=document.kind,
        pages=text,
        source_url=document.source_url,
        item_number=document.item.number if document.item_id else None,
        sha256=fingerprint,
        proceedings=document.proceedings,
    )


def load_sources(meeting: Meeting) -> MeetingSources:
    documents = (
        Document.objects.filter(
            meeting=meeting, extraction_status__in=USABLE, translation_of__isnull=True, gone_upstream_at=None
        )
        .select_related("item")
        .prefetch_related("pages")
        .order_by("pk")
    )
    docs = [_document(d) for d in documents]
    by_id = {d.id: d for d in docs}
    items = [i for i in meeting.items.all() if i.gone_upstream_at is None]
    number_of = {i.pk: i.number or str(i.order) for i in items}
    decisions = [
        DecisionEntry(number_of.get(d.item_id), d.text, by_id.get(d.document_id), d.page, d.outcome, d.source)
        for d in meeting.decisions.filter(gone_upstream_at=None).order_by("order", "pk")
    ]
    labels = {}
    motions = []
    for m in meeting.motions.filter(gone_upstream_at=None).prefetch_related("recorded_votes").order_by("order", "pk"):
        labels[m.pk] = m.label
        named: dict[str, list[str]] = {}
        for vote in m.recorded_votes.all():
            named.setdefault(vote.vote, []).append(vote.name)
        motions.append(
            MotionEntry(
                number_of.get(m.item_id), m.kind, m.label, m.mover, m.seconder, m.proposes, m.outcome,
                by_id.get(m.document_id), m.page, m.amount, m.funding, m.unanimous, m.votes_for, m.votes_against,
                m.votes_abstain, named, labels.get(m.amends_id, ""),
            )
        )  # fmt: skip
    spans = [
        SpanEntry(
            number_of.get(s.item_id), by_id[s.document_id], s.role, s.page, s.page_end, s.heading, s.text, s.structure
        )
        for s in meeting.spans.order_by("item__order", "page", "document_id", "pk")  # the same order on every database
        if s.document_id in by_id
    ]
    attendees = [
        AttendeeEntry(a.person.name, a.role, a.status, a.substitute_for, by_id.get(a.document_id), a.page)
        for a in meeting.attendances.select_related("person").order_by("person__name", "pk")
    ]
    last: dict[tuple[str, int, str], int] = {}
    for p in meeting.participation.filter(gone_upstream_at=None, document__isnull=False, page__isnull=False):
        if p.document_id in by_id and number_of.get(p.item_id):
            key = (number_of[p.item_id], p.document_id, p.kind)
            last[key] = max(last.get(key, 0), p.page or 0)
    participation_pages: dict[str, list[tuple[SourceDocument, int]]] = {}
    for (number, document_id, _), page in sorted(last.items()):
        participation_pages.setdefault(number, []).append((by_id[document_id], page))
    return MeetingSources(
        id=meeting.pk,
        council=meeting.council.official_name or meeting.council.name,
        committee=meeting.committee.name if meeting.committee_id else meeting.title,
        start=meeting.start,
        status=meeting.status,
        url=meeting.web_url or meeting.source_url,
        agenda=[AgendaEntry(i.number or str(i.order), i.title, i.description, i.minutes_text) for i in items],
        documents=docs,
        decisions=decisions,
        attendees=attendees,
        spans=spans,
        motions=motions,
        participation=dict(meeting.reading.get("participation") or {}),
        participation_pages=participation_pages,
        reading_kind=str(meeting.reading.get("kind") or ""),
    )


def _digest(documents: list[tuple[int, str, str | None, str]], decisions: list[str], reading: str) -> str:
    digest = hashlib.sha256(reading.encode())
    for doc_id, kind, item_number, sha in sorted(documents, key=lambda d: d[0]):
        digest.update(f"{doc_id}:{kind}:{item_number}:{sha}\n".encode())
    for text in sorted(decisions):
        digest.update(hashlib.sha256(text.encode()).digest())
    return digest.hexdigest()


def fingerprint(sources: MeetingSources, reading: str = "") -> str:
    """sha256 over the sources' documents, what reading them found (its fingerprint) and the decision texts."""
    documents = [(d.id or 0, d.kind, d.item_number, d.sha256) for d in sources.documents]
    return _digest(documents, [d.text for d in sources.decisions], reading)


def inputs_fingerprint(meeting: Meeting) -> str:
    """The same fingerprint as ``fingerprint(load_sources(meeting), …)``, read without the papers' pages: what a
    summary of the meeting is made from. The one staleness rule (``summaries.services.is_current``)."""
    rows = (
        Document.objects.filter(
            meeting=meeting, extraction_status__in=USABLE, translation_of__isnull=True, gone_upstream_at=None
        )
        .order_by("pk")
        .values_list("pk", "kind", "item__number", "extracted_sha256", "sha256")
    )
    documents = []
    for pk, kind, number, extracted, sha in rows:
        print_ = extracted or sha
        if not print_:  # no bytes recorded: the text itself, as _document fingerprints it
            pages = dict(DocumentPage.objects.filter(document_id=pk).values_list("number", "text"))
            text = tuple(pages.get(n, "") for n in range(1, max(pages, default=0) + 1))
            print_ = hashlib.sha256("\f".join(text).encode()).hexdigest()
        documents.append((pk, kind, number, print_))
    decisions = list(meeting.decisions.filter(gone_upstream_at=None).values_list("text", flat=True))
    return _digest(documents, decisions, str(meeting.reading.get("fingerprint", "")))
