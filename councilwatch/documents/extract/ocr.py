"""Optical character recognition with Tesseract (Debian's tesseract-ocr), one thread per OCR process."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from councilwatch.documents.extract.types import ExtractionError


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def pgm_bytes(width: int, height: int, stride: int, buffer: bytes) -> bytes:
    """A binary PGM image (which Tesseract reads) from an 8-bit grey bitmap whose rows are ``stride`` apart."""
    if stride == width:
        rows = bytes(buffer[: width * height])
    else:
        rows = b"".join(bytes(buffer[r * stride : r * stride + width]) for r in range(height))
    return b"P5\n%d %d\n255\n" % (width, height) + rows


def ocr_image(image: bytes, *, language: str = "eng", dpi: int = 300, timeout: int = 60, suffix: str = ".pgm") -> str:
    """The text Tesseract reads in ``image`` (PGM, PNG, JPEG or TIFF bytes)."""
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
