"""A meeting's sources read from the database: agenda items, documents with their pages, decisions, attendance."""

from __future__ import annotations

import hashlib

from councilwatch.documents.models import Document, ExtractionStatus
from councilwatch.meetings.models import Meeting
from councilwatch.summaries.inputs import AgendaEntry, AttendeeEntry, DecisionEntry, MeetingSources, SourceDocument

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
    )


def load_sources(meeting: Meeting) -> MeetingSources:
    documents = (
        Document.objects.filter(meeting=meeting, extraction_status__in=USABLE)
        .select_related("item")
        .prefetch_related("pages")
        .order_by("pk")
    )
    docs = [_document(d) for d in documents]
    by_id = {d.id: d for d in docs}
    decisions = [
        DecisionEntry(
            item_number=d.item.number if d.item_id else None,
            text=d.text,
            document=by_id.get(d.document_id),
            page=d.page,
        )
        for d in meeting.decisions.select_related("item")
    ]
    attendees = [AttendeeEntry(a.person.name, a.role, a.status) for a in meeting.attendances.select_related("person")]
    return MeetingSources(
        id=meeting.pk,
        council=meeting.council.official_name or meeting.council.name,
        committee=meeting.committee.name if meeting.committee_id else meeting.title,
        start=meeting.start,
        status=meeting.status,
        url=meeting.web_url or meeting.source_url,
        agenda=[
            AgendaEntry(i.number or str(i.order), i.title, i.description, i.minutes_text) for i in meeting.items.all()
        ],
        documents=docs,
        decisions=decisions,
        attendees=attendees,
    )


def fingerprint(sources: MeetingSources) -> str:
    """sha256 over the sha256 of every source document (and the decision texts), in a stable order."""
    documents = [(d.id or 0, d.kind, d.item_number, d.sha256) for d in sources.documents]
    return _digest(documents, [d.text for d in sources.decisions])


def meeting_fingerprint(meeting: Meeting) -> str:
    """The same fingerprint as ``fingerprint(load_sources(meeting))``, reading pages only for unhashed documents."""
    documents = []
    for document in Document.objects.filter(meeting=meeting, extraction_status__in=USABLE).select_related("item"):
        sha = document.extracted_sha256 or document.sha256 or _document(document).sha256
        documents.append((document.pk, document.kind, document.item.number if document.item_id else None, sha))
    return _digest(documents, list(meeting.decisions.values_list("text", flat=True)))


def _digest(documents: list[tuple], decisions: list[str]) -> str:
    digest = hashlib.sha256()
    for doc_id, kind, item_number, sha in sorted(documents, key=lambda d: d[0]):
        digest.update(f"{doc_id}:{kind}:{item_number}:{sha}\n".encode())
    for text in sorted(decisions):
        digest.update(hashlib.sha256(text.encode()).digest())
    return digest.hexdigest()
