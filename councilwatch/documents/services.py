"""Extraction of stored documents into DocumentPage rows (the structure of papers is read by ``ingest/reading.py``).

``extract_document(document_id)`` is what the pipeline calls. It reads the stored bytes, extracts them in the
sandboxed child process (time and memory caps from settings), and replaces the document's pages in one
transaction. A document whose bytes were already extracted (``extracted_sha256 == sha256``) is left alone.
"""

import atexit
import logging
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from councilwatch.documents.extract.sandbox import ExtractionWorker
from councilwatch.documents.extract.types import Extraction, Limits
from councilwatch.documents.integrity import mark_damaged
from councilwatch.documents.models import Document, DocumentPage, ExtractionStatus
from councilwatch.documents.storage import DamagedBlob, hash_problem, read_bytes

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
        DocumentPage(
            document=document,
            number=page.number,
            text=page.text.replace("\x00", ""),
            method=page.method,
            emphasis=list(page.emphasis) if page.emphasis is not None else None,
        )
        for page in result.pages
    ]
    if result.status != ExtractionStatus.DONE:
        log.warning("document %s (%s): extraction %s: %s", document.pk, document.title, result.status, result.reason())
    return _record(document, result.status, result.reason(), pages)


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
