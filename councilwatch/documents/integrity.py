"""Stored copies that are not what they should be: set aside, and the document fetched again.

``mark_damaged`` is called when extraction finds a stored file missing, of the wrong size, or (after a failed
extraction) holding other bytes than its sha256; ``verify_documents`` (``councilwatch verify``) checks every
stored file's size and sha256. A damaged copy is moved under ``damaged/`` in the storage and the document gets
``fetch_error`` (so the pipeline's fetch stage, or the next crawl, downloads it again) and loses its extraction
(so it is extracted again from the fresh bytes).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone

from councilwatch.documents.models import Document, ExtractionStatus
from councilwatch.documents.storage import check_blob, set_aside

log = logging.getLogger(__name__)


def mark_damaged(document: Document, problem: str) -> Document:
    """Set the damaged stored copy aside and have ``document`` fetched and extracted again; returns it, refreshed."""
    set_aside(document.storage_path)
    message = f"the stored copy {document.storage_path} {problem}; it will be fetched again"
    log.warning("document %s: %s", document.pk, message)
    Document.objects.filter(pk=document.pk).update(
        fetch_error=message,
        extraction_status=ExtractionStatus.FAILED,
        extraction_error=message,
        extracted_sha256="",
        updated_at=timezone.now(),
    )
    document.refresh_from_db()
    return document


@dataclass
class VerifyReport:
    checked: int = 0
    bytes: int = 0
    damaged: list[tuple[int, str]] = field(default_factory=list)  # (document id, what is wrong)


def verify_documents(
    council_code: str = "", *, repair: bool = True, progress: Callable[[int], None] | None = None
) -> VerifyReport:
    """Check the size and sha256 of every stored document file (of one council); with ``repair``, each damaged
    one is set aside and its document fetched again."""
    documents = Document.objects.exclude(storage_path="").exclude(sha256="").order_by("pk")
    if council_code:
        documents = documents.filter(council__code=council_code.upper())
    report = VerifyReport()
    for document in documents.iterator(chunk_size=500):
        problem = check_blob(document.storage_path, document.sha256, document.size)
        report.checked += 1
        report.bytes += document.size or 0
        if problem:
            report.damaged.append((document.pk, f"{document.storage_path} {problem}"))
            if repair:
                mark_damaged(document, problem)
        if progress is not None:
            progress(report.checked)
    return report
