"""A scanned copy of a real Kent page (rendered by pdfium, no text layer) is read back by Tesseract."""

import re
import shutil
from collections import Counter

import pytest

from councilwatch.documents.extract.sandbox import ExtractionWorker
from councilwatch.documents.tests.badfiles import scanned_pdf
from councilwatch.documents.tests.kent import CABINET


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[a-z0-9]+", text.lower().replace("\ufffe", "-")))


@pytest.mark.skipif(not shutil.which("tesseract"), reason="needs Debian's tesseract-ocr (make install)")
def test_scanned_kent_page_is_read_by_ocr():
    report = (
        CABINET / "24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf"
    ).read_bytes()
    scan, original = scanned_pdf(report, 1)
    with ExtractionWorker(timeout=120) as worker:
        result = worker.extract(scan)
    assert (result.status, [p.method for p in result.pages]) == ("done", ["ocr"])
    expected, read = words(original), words(result.pages[0].text)
    matched = sum((expected & read).values()) / sum(expected.values())
    assert sum(expected.values()) > 250
    assert matched >= 0.95, f"only {matched:.1%} of the page's words were read"
