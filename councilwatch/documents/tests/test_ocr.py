"""A scanned copy of a real Kent page (rendered by pdfium, no text layer) is read back by Tesseract."""

import re
import shutil
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

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


def test_a_pixel_bomb_picture_is_refused_by_name_before_tesseract_runs():
    from councilwatch.documents.tests.badfiles import pixel_bomb_png

    bomb = pixel_bomb_png(60000)  # 566 KB that inflate to 3.6 gigapixels
    with ExtractionWorker(timeout=120) as worker:
        result = worker.extract(bomb)
    assert (result.status, result.error) == (
        "failed",
        "the picture is 60,000 × 60,000 pixels (3,600 megapixels), more than the 40-megapixel cap: "
        "refused as a possible pixel bomb",
    )


def test_picture_sizes_are_read_from_png_jpeg_and_every_tiff_page():
    import struct

    from councilwatch.documents.extract.ocr import check_pixels, image_size
    from councilwatch.documents.extract.types import ExtractionError
    from councilwatch.documents.tests.badfiles import pixel_bomb_png

    assert image_size(pixel_bomb_png(3000)) == [(3000, 3000)]
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof0 = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", 2339, 1654) + b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    assert image_size(b"\xff\xd8" + jfif + sof0 + b"\xff\xd9") == [(1654, 2339)]

    def ifd(width: int, height: int, next_offset: int) -> bytes:
        entries = struct.pack("<HHII", 256, 4, 1, width) + struct.pack("<HHIHH", 257, 3, 1, height, 0)
        return struct.pack("<H", 2) + entries + struct.pack("<I", next_offset)

    first = ifd(2480, 3508, 8 + 30)
    tiff = b"II*\x00" + struct.pack("<I", 8) + first + ifd(100000, 50000, 0)
    assert image_size(tiff) == [(2480, 3508), (100000, 50000)]
    check_pixels(tiff[: 8 + 30])  # the A4 page alone is fine
    with pytest.raises(
        ExtractionError, match=r"^page 2 of the picture is 100,000 × 50,000 pixels \(5,000 megapixels\)"
    ):
        check_pixels(tiff)
    for garbage in (
        b"\x89PNG\r\n\x1a\n\x00",
        b"\xff\xd8\xff",
        b"MM\x00*\xff\xff\xff\xff",
        b"II*\x00\x08\x00\x00\x00\xff",
    ):
        assert image_size(garbage) == []


@hsettings(max_examples=200, deadline=None)
@given(st.sampled_from([b"\x89PNG\r\n\x1a\n", b"\xff\xd8", b"II*\x00", b"MM\x00*"]), st.binary(max_size=400))
def test_measuring_any_bytes_never_raises_anything_but_an_extraction_error(prefix, data):
    from councilwatch.documents.extract.ocr import check_pixels, image_size
    from councilwatch.documents.extract.types import ExtractionError

    assert all(isinstance(n, int) for size in image_size(prefix + data) for n in size)
    try:
        check_pixels(prefix + data)
    except ExtractionError as exc:
        assert "pixel bomb" in str(exc)
