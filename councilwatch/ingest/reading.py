"""The reading stage: a meeting's extracted papers → ``documents.structure.read_meeting`` → the one importer.

``read_meeting_papers(meeting_id)`` is what the pipeline, ``import_files``, ``read_papers`` and the summariser
call. It is redone only when what it reads changed (the papers' extracted bytes, their kinds and items, the
platform's items, the reader's version): the fingerprint of the last reading is kept on the meeting.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from councilwatch.documents.extract import sniff
from councilwatch.documents.extract.office import decode_text
from councilwatch.documents.models import Document, ExtractionStatus
from councilwatch.documents.storage import read_bytes
from councilwatch.documents.structure.reader import READER_VERSION, MeetingFacts, MeetingRead, Paper, read_meeting
from councilwatch.documents.structure.types import AgendaEntry
from councilwatch.ingest.importer import Importer
from councilwatch.ingest.models import IngestRun, RunKind, RunStatus
from councilwatch.meetings.models import Meeting

log = logging.getLogger(__name__)
USABLE = (ExtractionStatus.DONE, ExtractionStatus.PARTIAL)


@dataclass
class ReadingResult:
    meeting: Meeting
    read: MeetingRead | None  # None when nothing changed since the last reading
    run: IngestRun | None


def _local_date(meeting: Meeting) -> str:
    return timezone.localtime(meeting.start).date().isoformat()


def _platform_items(meeting: Meeting) -> list:
    """The agenda items a connector gave (not the ones an earlier reading made from the papers)."""
    return [i for i in meeting.items.all() if i.gone_upstream_at is None and not i.upstream_id.startswith("agenda:")]


def _markup(document: Document) -> str:
    if document.media_type != sniff.HTML or not document.storage_path:
        return ""
    try:
        return decode_text(read_bytes(document.storage_path))
    except OSError:
        return ""


def _paper(document: Document) -> Paper:
    pages = sorted(document.pages.all(), key=lambda p: p.number)
    crawled = not document.upstream_id.startswith("file:")
    return Paper(
        key=str(document.pk),
        title=document.title,
        pages=tuple(p.text for p in pages),
        emphasis=tuple(tuple(p.emphasis) if p.emphasis is not None else None for p in pages),
        url=document.source_url,
        media_type=document.media_type,
        markup=_markup(document),
        kind=document.kind if crawled else "",
        item=(document.item.number if document.item_id and crawled else None),
        own_minutes=crawled and "?T=1" in document.source_url,
    )


def fingerprint(meeting: Meeting, documents: list[Document], platform: list) -> str:
    digest = hashlib.sha256(f"reader {READER_VERSION}\n".encode())
    for document in sorted(documents, key=lambda d: d.pk):
        crawled_kind = document.kind if not document.upstream_id.startswith("file:") else ""
        item = document.item.number if document.item_id and not document.upstream_id.startswith("file:") else ""
        digest.update(f"{document.pk}:{document.extracted_sha256}:{crawled_kind}:{item}\n".encode())
    for item in platform:
        digest.update(f"{item.number}:{item.title}:{hashlib.sha256(item.minutes_text.encode()).hexdigest()}\n".encode())
    digest.update(_local_date(meeting).encode())
    return digest.hexdigest()


def _readable(meeting: Meeting) -> list[Document]:
    return list(
        Document.objects.filter(meeting=meeting, extraction_status__in=USABLE, gone_upstream_at=None)
        .select_related("item")
        .order_by("pk")
    )


def stale_reading(meeting_id: int) -> str | None:
    """What a new reading of the meeting would be made from, or None when its saved reading is current."""
    meeting = Meeting.objects.filter(pk=meeting_id).only("pk", "start", "reading").first()
    if meeting is None:
        return None
    print_ = fingerprint(meeting, _readable(meeting), _platform_items(meeting))
    return None if meeting.reading.get("fingerprint") == print_ else print_


def read_meeting_papers(meeting_id: int, *, force: bool = False) -> ReadingResult:
    """Read the structure of a meeting's papers and save it; nothing happens when nothing it reads changed."""
    meeting = Meeting.objects.select_related("council", "committee").get(pk=meeting_id)
    documents = _readable(meeting)
    platform = _platform_items(meeting)
    print_ = fingerprint(meeting, documents, platform)
    if not force and meeting.reading.get("fingerprint") == print_:
        return ReadingResult(meeting, None, None)
    prefetch_related_objects(documents, "pages")
    facts = MeetingFacts(
        date=_local_date(meeting),
        committee=meeting.committee.name if meeting.committee_id else meeting.title,
        items=tuple(AgendaEntry(i.number or str(i.order), i.title, 1, i.description) for i in platform),
        minutes_text={i.number: i.minutes_text for i in platform if i.minutes_text.strip()},
    )
    read = read_meeting(facts, [_paper(d) for d in documents])
    day = meeting.start.date()
    run = IngestRun.objects.create(
        council=meeting.council, kind=RunKind.READ, meeting=meeting, since=day, until=day, base_url=""
    )
    importer = Importer(meeting.council)
    try:
        with transaction.atomic():
            importer.save_reading(meeting, read, {str(d.pk): d for d in documents})
            meeting.reading = {
                "fingerprint": print_,
                "version": READER_VERSION,
                "kind": read.kind,
                "items_source": read.items_source,
                "notes": read.notes,
                "participation": read.participation_counts,
            }
            meeting.save(update_fields=["reading", "updated_at"])
    except Exception as exc:  # recorded on the run; the caller decides whether to go on
        log.exception("reading meeting %s failed", meeting_id)
        run.status, run.error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
        run.counts, run.finished_at = dict(importer.counts), timezone.now()
        run.save()
        raise
    run.status, run.counts, run.finished_at = RunStatus.SUCCEEDED, dict(importer.counts), timezone.now()
    run.save(update_fields=["status", "counts", "finished_at"])
    return ReadingResult(meeting, read, run)
