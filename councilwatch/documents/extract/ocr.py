"""Optical character recognition with Tesseract (Debian's tesseract-ocr), one thread per OCR process.

A picture is measured from its header before Tesseract sees it (``image_size``: PNG, JPEG, every page of a
TIFF): one bigger than the pixel cap is refused as a possible pixel bomb, by name, instead of Tesseract failing
or exhausting memory on it.
"""

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

from councilwatch.documents.extract.types import ExtractionError, Limits


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


MAX_PIXELS = Limits.max_pixels  # 40 megapixels: an A4 page scanned at 600 dpi is 35
_JPEG_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
_MAX_TIFF_PAGES = 10_000


def _png_size(data: bytes) -> list[tuple[int, int]]:
    if len(data) >= 24 and data[12:16] == b"IHDR":
        return [struct.unpack(">II", data[16:24])]
    return []


def _jpeg_size(data: bytes) -> list[tuple[int, int]]:
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return []
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
        elif marker in (0x01, *range(0xD0, 0xD9)):  # markers without a length
            at += 2
        elif marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return [(width, height)]
        else:
            at += 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
    return []


def _tiff_sizes(data: bytes) -> list[tuple[int, int]]:
    order = {b"II": "<", b"MM": ">"}.get(data[:2])
    if order is None or len(data) < 8:
        return []
    sizes, offset, seen = [], struct.unpack(order + "I", data[4:8])[0], set()
    while offset and offset not in seen and offset + 2 <= len(data) and len(sizes) < _MAX_TIFF_PAGES:
        seen.add(offset)
        (count,) = struct.unpack(order + "H", data[offset : offset + 2])
        tags = {}
        for n in range(count):
            entry = data[offset + 2 + 12 * n : offset + 14 + 12 * n]
            if len(entry) < 12:
                break
            tag, kind = struct.unpack(order + "HH", entry[:4])
            if tag in (256, 257):  # ImageWidth, ImageLength: SHORT or LONG
                tags[tag] = struct.unpack(
                    order + ("H" if kind == 3 else "I"), entry[8:10] if kind == 3 else entry[8:12]
                )[0]
        sizes.append((tags.get(256, 0), tags.get(257, 0)))
        end = offset + 2 + 12 * count
        offset = struct.unpack(order + "I", data[end : end + 4])[0] if end + 4 <= len(data) else 0
    return sizes


def image_size(data: bytes) -> list[tuple[int, int]]:
    """(width, height) of each picture in ``data`` as its header declares them (TIFF: every page); [] unknown."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png_size(data)
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return _tiff_sizes(data)


def check_pixels(data: bytes, max_pixels: int = MAX_PIXELS) -> None:
    """Raise ExtractionError naming the size when a picture in ``data`` has more than ``max_pixels`` pixels."""
    for page, (width, height) in enumerate(image_size(data), start=1):
        if width * height > max_pixels:
            where = f"page {page} of the picture is" if page > 1 else "the picture is"
            raise ExtractionError(
                f"{where} {width:,} × {height:,} pixels ({width * height / 1e6:,.0f} megapixels), more than the "
                f"{max_pixels / 1e6:,.0f}-megapixel cap: refused as a possible pixel bomb"
            )


def pgm_bytes(width: int, height: int, stride: int, buffer: bytes) -> bytes:
    """A binary PGM image (which Tesseract reads) from an 8-bit grey bitmap whose rows are ``stride`` apart."""
    if stride == width:
        rows = bytes(buffer[: width * height])
    else:
        rows = b"".join(bytes(buffer[r * stride : r * stride + width]) for r in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + rows


def ocr_image(
    image: bytes,
    *,
    language: str = "eng",
    dpi: int = 300,
    timeout: int = 60,
    suffix: str = ".pgm",
    max_pixels: int = MAX_PIXELS,
) -> str:
    """The text Tesseract reads in ``image`` (PGM, PNG, JPEG or TIFF bytes); a picture over ``max_pixels`` is
    refused before Tesseract runs."""
    check_pixels(image, max_pixels)
    if not tesseract_available():
        raise ExtractionError(
            "OCR is needed but the tesseract program is not installed (apt-get install tesseract-ocr)"
        )
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    with tempfile.TemporaryDirectory(prefix="cw-ocr-") as folder:
        path = Path(folder) / f"page{suffix}"
        path.write_bytes(image)
        try:
            result = subprocess.run(
                ["tesseract", str(path), "stdout", "-l", language, "--dpi", str(dpi), "--psm", "3"],
                capture_output=True,
                timeout=timeout,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ExtractionError(f"OCR of one page took longer than {timeout} s and was stopped") from exc
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ExtractionError(
            f"tesseract failed: {message[-1] if message else 'exit status ' + str(result.returncode)}"
        )
    return result.stdout.decode("utf-8", "replace")
