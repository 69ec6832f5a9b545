"""Extraction of stored documents into DocumentPage rows, and printed minutes applied to the meeting.

``extract_document(document_id)`` is what the pipeline calls. It reads the stored bytes, extracts them in the
sandboxed child process (time and memory caps from settings), and replaces the document's pages in one
transaction. A document whose bytes were already extracted (``extracted_sha256 == sha256``) is left alone.
"""

import atexit
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from councilwatch.core.text import name_key
from councilwatch.councils.models import Person, PersonKind
from councilwatch.documents.extract.sandbox import ExtractionWorker
from councilwatch.documents.extract.types import Extraction, Limits
from councilwatch.documents.integrity import mark_damaged
from councilwatch.documents.models import Document, DocumentKind, DocumentPage, ExtractionStatus
from councilwatch.documents.storage import DamagedBlob, hash_problem, read_bytes
from councilwatch.documents.structure import parse_minutes
from councilwatch.documents.structure.mentions import find_dates
from councilwatch.documents.structure.types import AttendanceEntry, MinuteItem
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, DecisionOutcome

log = logging.getLogger(__name__)


def limits_from_settings() -> Limits:
    return Limits(
        max_pages=settings.EXTRACT_MAX_PAGES,
        ocr=settings.EXTRACT_OCR,
        ocr_language=settings.OCR_LANGUAGE,
        ocr_max_pages=settings.EXTRACT_OCR_MAX_PAGES,
        ocr_dpi=settings.EXTRACT_OCR_DPI,
        ocr_timeout=settings.EXTRACT_OCR_PAGE_TIMEOUT,
        max_text_bytes=settings.EXTRACT_MAX_TEXT_MB * 1_000_000,
    )


def extraction_worker() -> ExtractionWorker:
    """A sandboxed extraction process configured from settings (close it, or use it in a ``with``)."""
    return ExtractionWorker(
        timeout=settings.EXTRACT_TIMEOUT_SECONDS, memory_mb=settings.EXTRACT_MEMORY_MB, limits=limits_from_settings()
    )


_shared: ExtractionWorker | None = None
_shared_pid = 0
_shared_lock = threading.Lock()


def shared_worker() -> ExtractionWorker:
    """This process's long-lived extraction worker, so single ``extract_document`` calls do not each start a
    child. Rebuilt when the EXTRACT_* settings change, and after a fork (a child never shares its parent's)."""
    global _shared, _shared_pid
    wanted = extraction_worker()
    current = _shared
    if (
        current is None
        or _shared_pid != os.getpid()
        or (current.timeout, current.memory_mb, current.limits) != (wanted.timeout, wanted.memory_mb, wanted.limits)
    ):
        if current is not None and _shared_pid == os.getpid():
            current.close()
        _shared, _shared_pid = wanted, os.getpid()
    return _shared  # type: ignore[return-value]


@atexit.register
def _close_shared_worker() -> None:
    if _shared is not None and _shared_pid == os.getpid():
        _shared.close()


def _record(document: Document, status: str, error: str, pages: list[DocumentPage] | None = None) -> Document:
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if pages is not None:
            DocumentPage.objects.filter(document=locked).delete()
            DocumentPage.objects.bulk_create(pages, batch_size=500)
            locked.page_count = len(pages)
        locked.extraction_status = status
        locked.extraction_error = error[:5000]
        locked.extracted_sha256 = locked.sha256
        if document.media_type and not locked.media_type:
            locked.media_type = document.media_type
        locked.save(
            update_fields=[
                "extraction_status",
                "extraction_error",
                "extracted_sha256",
                "page_count",
                "media_type",
                "updated_at",
            ]
        )
    return locked


def is_current(document: Document) -> bool:
    """Whether the stored pages were extracted from the document's present bytes."""
    return (
        bool(document.sha256)
        and document.extracted_sha256 == document.sha256
        and document.extraction_status != "pending"
    )


def extract_document(document_id: int, *, worker: ExtractionWorker | None = None, force: bool = False) -> Document:
    """Extract one stored document's text page by page; never raises for anything the file does."""
    document = Document.objects.get(pk=document_id)
    if not document.storage_path or not document.sha256:
        why = (
            f"nothing stored to extract ({document.fetch_error})"
            if document.fetch_error
            else "nothing stored to extract"
        )
        return _record(document, ExtractionStatus.SKIPPED, why)
    if not force and is_current(document):
        return document
    try:
        data = read_bytes(document.storage_path, size=document.size)
    except DamagedBlob as exc:  # missing or cut short: fetched again, never extracted as it is
        return mark_damaged(document, exc.problem)
    except OSError as exc:
        return _record(
            document, ExtractionStatus.FAILED, f"the stored file {document.storage_path} cannot be read: {exc}"
        )
    if worker is None:
        with _shared_lock:
            result = shared_worker().extract(data)
    else:
        result = worker.extract(data)
    if result.status == ExtractionStatus.FAILED and (problem := hash_problem(data, document.sha256)):
        return mark_damaged(document, problem)  # the file broke in storage, not upstream
    return save_extraction(document, result)


def save_extraction(document: Document, result: Extraction) -> Document:
    """Replace the document's pages with ``result`` and record its status and reason."""
    if result.media_type and not document.media_type:
        document.media_type = result.media_type
    pages = [
        DocumentPage(document=document, number=page.number, text=page.text.replace("\x00", ""), method=page.method)
        for page in result.pages
    ]
    if result.status != ExtractionStatus.DONE:
        log.warning("document %s (%s): extraction %s: %s", document.pk, document.title, result.status, result.reason())
    saved = _record(document, result.status, result.reason(), pages)
    if saved.kind == DocumentKind.MINUTES and saved.meeting_id and pages:
        # Printed minutes give the meeting its decisions and fill in attendance the platform did not report.
        apply_minutes(saved)
    return saved


@dataclass
class ExtractionReport:
    done: int = 0
    partial: int = 0
    failed: int = 0
    skipped: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.done + self.partial + self.failed + self.skipped + self.unchanged


def documents_to_extract(
    *, pending: bool = False, meeting_id: int | None = None, document_id: int | None = None
) -> list[int]:
    """Ids of the documents a run should look at: pending ones, one meeting's, or one document."""
    queryset = Document.objects.all()
    if document_id is not None:
        queryset = queryset.filter(pk=document_id)
    if meeting_id is not None:
        queryset = queryset.filter(meeting_id=meeting_id)
    if pending:
        queryset = queryset.filter(extraction_status=ExtractionStatus.PENDING)
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def extract_documents(
    ids: Iterable[int], *, force: bool = False, progress: Callable[[Document], None] | None = None
) -> ExtractionReport:
    """Extract many documents with one sandboxed worker; a bad document never stops the others."""
    report = ExtractionReport()
    with extraction_worker() as worker:
        for document_id in ids:
            current = not force and is_current(Document.objects.get(pk=document_id))
            document = extract_document(document_id, worker=worker, force=force)
            if current:
                report.unchanged += 1
            else:
                setattr(report, document.extraction_status, getattr(report, document.extraction_status) + 1)
            if progress is not None:
                progress(document)
    return report


@dataclass
class MinutesReport:
    """What applying printed minutes did; counts of rows inserted / updated / unchanged."""

    decisions: dict[str, int]
    attendance: dict[str, int]
    people_created: int = 0
    skipped: str = ""


def outcome_of(resolutions: str) -> str:
    """A decision's outcome from its RESOLVED text (noted, deferred, rejected, approved, other)."""
    lower = resolutions.lower()
    if re.search(r"\b(?:defer|deferred|postpone)", lower):
        return DecisionOutcome.DEFERRED
    if re.search(r"\b(?:not (?:be )?(?:agreed|approved)|reject|refused)\b", lower):
        return DecisionOutcome.REJECTED
    if re.search(
        r"\b(?:agree|agreed|approve|approved|adopt|endorse|endorsed|endorses|delegate|confirm|be signed|correct record)",
        lower,
    ):
        return DecisionOutcome.APPROVED
    if re.search(r"\bnot(?:e|ed|es)\b", lower):
        return DecisionOutcome.NOTED
    return DecisionOutcome.OTHER


def _tally(counts: dict[str, int], created: bool, changed: bool) -> None:
    key = "inserted" if created else "updated" if changed else "unchanged"
    counts[key] = counts.get(key, 0) + 1


def _save_changed(instance: object, values: dict[str, object]) -> bool:
    changed = [field for field, value in values.items() if getattr(instance, field) != value]
    for field in changed:
        setattr(instance, field, values[field])
    if changed:
        instance.save(update_fields=[*changed, "updated_at"])  # type: ignore[attr-defined]
    return bool(changed)


def _minutes_date_matches(document: Document, pages: list[str]) -> bool:
    """Printed minutes of another meeting (the last meeting's, attached for approval) must not be applied."""
    if document.meeting is None:
        return False
    first = find_dates(pages[:1])
    if not first:
        return True
    meeting_day = document.meeting.start.astimezone(timezone.get_default_timezone()).date().isoformat()
    return any(mention.iso == meeting_day for mention in first[:3])


def _person_for(document: Document, entry: AttendanceEntry, people: dict[str, Person], report: MinutesReport) -> Person:
    key = name_key(entry.name)
    person = people.get(key)
    if person is None:
        officer = entry.status in ("in_attendance", "virtual") and entry.role not in ("Member", "")
        person, created = Person.objects.get_or_create(
            council=document.council,
            upstream_id=f"name:{key}"[:200],
            defaults={
                "name": entry.name[:200],
                "kind": PersonKind.OFFICER if officer else PersonKind.COUNCILLOR,
                "title": entry.role[:300] if officer else "",
                "source_url": document.source_url,
            },
        )
        report.people_created += int(created)
        people[key] = person
    return person


def apply_minutes(document: Document) -> MinutesReport:
    """Create or update the meeting's Decisions and Attendance from its printed minutes, idempotently.

    Each numbered minute with a RESOLVED block becomes ``Decision(upstream_id="minutes:<number>")`` linked to the
    agenda item whose number the minute gives, with the document and the page the resolution is on.
    """
    report = MinutesReport(decisions={}, attendance={})
    pages = list(document.pages.order_by("number").values_list("text", flat=True))
    if document.meeting is None or not pages:
        report.skipped = "the document has no meeting or no extracted pages"
        return report
    if not _minutes_date_matches(document, pages):
        report.skipped = "these minutes are of another meeting (their date is not the meeting's)"
        return report
    minutes = parse_minutes(pages)
    meeting = document.meeting
    items = {item.number.strip().lower().rstrip("."): item for item in AgendaItem.objects.filter(meeting=meeting)}
    with transaction.atomic():
        for minute in minutes.items:
            _apply_minute(document, minute, items, report)
        # A minute this document no longer records (a corrected reissue) is marked gone, never deleted.
        seen_ids = [f"minutes:{m.minute_number}" for m in minutes.items if m.resolved]
        gone = Decision.objects.filter(meeting=meeting, document=document, upstream_id__startswith="minutes:")
        gone.exclude(upstream_id__in=seen_ids).filter(gone_upstream_at=None).update(gone_upstream_at=timezone.now())
        people = {name_key(p.name): p for p in Person.objects.filter(council=document.council)}
        seen: set[int] = set()
        for entry in [*minutes.present, *minutes.in_attendance, *minutes.apologies]:
            person = _person_for(document, entry, people, report)
            if person.pk in seen:
                continue
            seen.add(person.pk)
            attendance, created = Attendance.objects.get_or_create(
                meeting=meeting,
                person=person,
                defaults={"role": entry.role[:200], "status": entry.status, "source_url": document.source_url},
            )
            # Rows the platform reported are left as it has them; only rows made from these minutes follow them.
            ours = attendance.source_url == document.source_url
            changed = (
                not created and ours and _save_changed(attendance, {"role": entry.role[:200], "status": entry.status})
            )
            _tally(report.attendance, created, changed)
    return report


def _apply_minute(document: Document, minute: MinuteItem, items: dict[str, AgendaItem], report: MinutesReport) -> None:
    item = items.get((minute.agenda_item or "").strip().lower())
    # The platform's own minutes text wins; the printed minutes only fill an item that has none, so a
    # later crawl and this function never undo each other.
    if item is not None and minute.text and not item.minutes_text.strip():
        item.minutes_text = minute.text
        item.save(update_fields=["minutes_text", "updated_at"])
    if not minute.resolved:
        return
    text = "\n\n".join(span.text for span in minute.resolved)
    values = {
        "item": item,
        "text": text,
        "outcome": outcome_of(text),
        "document": document,
        "page": minute.resolved[0].page,
        "source_url": document.source_url,
        "gone_upstream_at": None,
    }
    decision, created = Decision.objects.get_or_create(
        meeting=document.meeting, upstream_id=f"minutes:{minute.minute_number}", defaults=values
    )
    changed = not created and _save_changed(decision, values)
    _tally(report.decisions, created, changed)
