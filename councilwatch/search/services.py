"""Keeping the full-text index up to date.

``index_meeting(meeting_id)`` rebuilds every entry of one meeting (the pipeline calls it after extraction and
summarising); ``reindex(...)`` rebuilds many. Saves of meetings, items, decisions and summaries reindex their
meeting after the transaction commits (see ``signals.py``); pages are bulk-created by extraction, which is
why the pipeline calls ``index_meeting`` explicitly.
"""

import logging
from collections.abc import Iterable, Iterator

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.dispatch import Signal

from councilwatch.documents.models import DocumentPage
from councilwatch.meetings.models import Meeting
from councilwatch.search.models import EntryKind, SearchEntry
from councilwatch.search.query import SEARCH_CONFIG
from councilwatch.summaries.models import Summary

log = logging.getLogger(__name__)

#: Sent after a meeting's entries were rebuilt (``meeting_id``, ``council_id``); the web app drops its caches.
meeting_indexed = Signal()


def summary_text(body: dict) -> str:
    """All the prose of a summary body, for the index."""
    parts: list[str] = [str(s.get("text") or "") for s in body.get("expected") or [] if isinstance(s, dict)]
    for section in body.get("sections") or []:
        parts += [str(section.get("title") or ""), str(section.get("text") or "")]
        parts += [str(d) for d in section.get("decisions") or []]
    parts += [f"{f.get('term', '')}: {f.get('text', '')}" for f in body.get("footnotes") or []]
    return "\n".join(p for p in parts if p)


def _entries(meeting: Meeting) -> Iterator[SearchEntry]:
    base = {
        "council_id": meeting.council_id,
        "committee_id": meeting.committee_id,
        "meeting_id": meeting.id,
        "date": meeting.start,
    }
    committee = meeting.committee.name if meeting.committee_id else ""
    items = list(meeting.items.prefetch_related("decisions"))
    yield SearchEntry(
        kind=EntryKind.MEETING,
        title=" – ".join(p for p in (committee, meeting.title) if p) or "Meeting",
        body="\n".join([meeting.location, *(f"{i.number} {i.title}".strip() for i in items)]),
        **base,
    )
    for item in items:
        decisions = [d.text for d in item.decisions.all()]
        yield SearchEntry(
            kind=EntryKind.ITEM,
            item_id=item.id,
            title=f"{item.number} {item.title}".strip(),
            body="\n".join(p for p in (item.description, item.minutes_text, *decisions) if p),
            **base,
        )
    summary = Summary.objects.filter(meeting_id=meeting.id, is_latest=True).order_by("-version").first()
    if summary is not None:
        yield SearchEntry(kind=EntryKind.SUMMARY, title=summary.headline, body=summary_text(summary.body), **base)
    pages = DocumentPage.objects.filter(document__meeting_id=meeting.id).select_related("document")
    for page in pages.exclude(text="").iterator(chunk_size=500):
        yield SearchEntry(
            kind=EntryKind.PAGE,
            document_id=page.document_id,
            document_kind=page.document.kind,
            page=page.number,
            title=page.document.title,
            body=page.text,
            **base,
        )


def _update_vectors(entries: "SearchEntry.objects") -> None:
    """Weighted tsvectors (PostgreSQL only): summaries and titles count most, document pages least."""
    if connection.vendor != "postgresql":
        return
    title_a = SearchVector("title", weight="A", config=SEARCH_CONFIG)
    entries.exclude(kind=EntryKind.PAGE).update(vector=title_a + SearchVector("body", weight="B", config=SEARCH_CONFIG))
    entries.filter(kind=EntryKind.PAGE).update(
        vector=SearchVector("title", weight="C", config=SEARCH_CONFIG)
        + SearchVector("body", weight="D", config=SEARCH_CONFIG)
    )


def index_meeting(meeting_id: int) -> None:
    """Rebuild the search entries of one meeting (a meeting that no longer exists loses its entries)."""
    with transaction.atomic():
        SearchEntry.objects.filter(meeting_id=meeting_id).delete()
        meeting = Meeting.objects.select_related("committee").filter(pk=meeting_id).first()
        if meeting is None:
            return
        SearchEntry.objects.bulk_create(_entries(meeting), batch_size=500)
        _update_vectors(SearchEntry.objects.filter(meeting_id=meeting_id))
    meeting_indexed.send(sender=SearchEntry, meeting_id=meeting.id, council_id=meeting.council_id)


def reindex(meeting_ids: Iterable[int] | None = None, council_code: str = "") -> int:
    """Rebuild the entries of the given meetings, of one council's, or of every meeting; returns how many."""
    if meeting_ids is None:
        qs = Meeting.objects.all()
        if council_code:
            qs = qs.filter(council__code=council_code.upper())
        meeting_ids = qs.values_list("id", flat=True).iterator()
    count = 0
    for meeting_id in meeting_ids:
        index_meeting(meeting_id)
        count += 1
    log.info("reindexed %d meetings", count)
    return count
