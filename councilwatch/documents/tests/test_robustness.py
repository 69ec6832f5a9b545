"""Broken and hostile files end failed or partial with a readable reason; the process and the run go on."""

import pytest

from councilwatch.documents.extract.sandbox import ExtractionWorker
from councilwatch.documents.extract.types import Limits
from councilwatch.documents.models import Document
from councilwatch.documents.services import extract_document, extract_documents
from councilwatch.documents.tests import badfiles
from councilwatch.documents.tests.kent import CABINET_MINUTES


@pytest.fixture
def caps(settings):
    settings.EXTRACT_MEMORY_MB = 400
    settings.EXTRACT_TIMEOUT_SECONDS = 30
    settings.EXTRACT_MAX_PAGES = 200
    return settings


def test_each_bad_file_fails_or_is_partial_with_a_reason_and_the_next_goes_on(caps, stored_document):
    real = CABINET_MINUTES.read_bytes()
    bad = {
        "truncated": (real[: len(real) // 2], "failed", "damaged"),
        "corrupt": (b"%PDF-1.7\n" + bytes(range(256)) * 40, "failed", "damaged"),
        "encrypted": (badfiles.encrypted_pdf(), "failed", "encrypted and needs a password"),
        "bomb": (badfiles.content_bomb_pdf(700), "failed", "400 MB memory cap"),
        "thousands of pages": (badfiles.many_pages_pdf(3000), "partial", "has 3000 pages; only the first 200"),
        "not a document": (bytes(range(256)) * 8, "failed", "no extractor for this kind of file"),
    }
    documents = [stored_document(data, title) for title, (data, _, _) in bad.items()]
    good = stored_document(real, "Printed minutes")
    empty = stored_document(b"", "empty")
    report = extract_documents([d.pk for d in [*documents, empty, good]])
    assert (report.failed, report.partial, report.done, report.skipped) == (5, 1, 1, 1)
    for document, (title, (_, status, reason)) in zip(documents, bad.items(), strict=True):
        document.refresh_from_db()
        assert (title, document.extraction_status) == (title, status)
        assert reason in document.extraction_error, document.extraction_error
        assert document.extracted_sha256 == document.sha256
    many = Document.objects.get(title="thousands of pages")
    assert many.page_count == 200 and many.pages.first().text.startswith("Kent County Council Cabinet papers, page 1")
    empty.refresh_from_db()
    assert (empty.extraction_status, empty.extraction_error) == ("skipped", "nothing stored to extract")
    good.refresh_from_db()
    assert (good.extraction_status, good.page_count, good.extraction_error) == ("done", 17, "")


def test_zero_byte_file_fails_with_a_reason():
    with ExtractionWorker() as worker:
        result = worker.extract(b"")
    assert (result.status, result.error) == ("failed", "the file is empty (0 bytes)")


def test_image_only_pdf_without_ocr_fails_and_a_slow_one_is_stopped(settings, stored_document):
    scan, _ = badfiles.scanned_pdf(CABINET_MINUTES.read_bytes(), 0, dpi=100)
    settings.EXTRACT_OCR = False
    document = extract_document(stored_document(scan, "scan").pk)
    assert document.extraction_status == "failed"
    assert "1 scanned page(s) were left unread: OCR is switched off" in document.extraction_error
    assert document.pages.get().method == "none"

    with ExtractionWorker(timeout=0.5, limits=Limits(ocr=True)) as worker:
        slow = worker.extract(scan)
        assert slow.status == "failed" and "took longer than 0.5 s and was stopped" in slow.error
        worker.timeout = 60
        assert worker.extract(CABINET_MINUTES.read_bytes()).status == "done"  # a fresh child took over


def test_unchanged_bytes_are_not_extracted_again(stored_document):
    document = extract_document(stored_document(CABINET_MINUTES.read_bytes(), "minutes").pk)
    first_pages = list(document.pages.values_list("pk", flat=True))
    again = extract_document(document.pk)
    assert list(again.pages.values_list("pk", flat=True)) == first_pages
    forced = extract_document(document.pk, force=True)
    assert forced.page_count == 17 and list(forced.pages.values_list("pk", flat=True)) != first_pages
