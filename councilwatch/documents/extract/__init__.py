"""Extraction is pure: bytes in, pages of text out, chosen by media type from ``EXTRACTORS``.

Download, hashing and storage live elsewhere (``documents/storage.py``, ``documents/services.py``).
``extract_bytes`` runs in the calling process; ``documents/extract/sandbox.py`` runs it in a child process
under time and memory caps, which is how the service calls it.
"""

from collections.abc import Callable, Iterable
from dataclasses import replace

from councilwatch.documents.extract import sniff
from councilwatch.documents.extract.ocr import ocr_image, tesseract_available
from councilwatch.documents.extract.office import extract_docx, extract_html
from councilwatch.documents.extract.pdf import extract_pdf_pages
from councilwatch.documents.extract.sniff import sniff_media_type
from councilwatch.documents.extract.transcript import extract_captions, extract_text
from councilwatch.documents.extract.types import ExtractedPage, Extraction, ExtractionError, Limits

Extractor = Callable[[bytes, Limits, list[str]], Iterable[ExtractedPage]]


def extract_image(data: bytes, limits: Limits, warn: list[str]) -> list[ExtractedPage]:
    """A picture (a scanned page sent as PNG, JPEG or TIFF) read by OCR."""
    if not limits.ocr or not tesseract_available():
        warn.append("the file is a picture and OCR is switched off or tesseract is missing")
        return [ExtractedPage(1, "", "none")]
    suffix = {sniff.PNG: ".png", sniff.JPEG: ".jpg", sniff.TIFF: ".tif"}[sniff_media_type(data[:16])]
    text = ocr_image(
        data, language=limits.ocr_language, timeout=limits.ocr_timeout, suffix=suffix, max_pixels=limits.max_pixels
    )
    return [ExtractedPage(1, text, "ocr" if text.strip() else "none")]


EXTRACTORS: dict[str, Extractor] = {
    sniff.PDF: extract_pdf_pages,
    sniff.DOCX: extract_docx,
    sniff.HTML: extract_html,
    sniff.TEXT: extract_text,
    sniff.VTT: extract_captions,
    sniff.SRT: extract_captions,
    sniff.PNG: extract_image,
    sniff.JPEG: extract_image,
    sniff.TIFF: extract_image,
}


def finish(result: Extraction) -> Extraction:
    """Set the status from what was read: nothing readable at all is a failure, gaps make it partial."""
    result.page_count = len(result.pages)
    if result.status in ("failed", "skipped"):
        return result
    readable = [p for p in result.pages if p.text.strip()]
    if not result.pages or not readable:
        result.status = "failed"
        result.error = result.error or "no text could be read from any page" + (
            f" ({'; '.join(result.warnings)})" if result.warnings else ""
        )
    elif result.warnings or result.error:
        result.status = "partial"
    else:
        result.status = "done"
    return result


def extract_bytes(
    data: bytes, limits: Limits | None = None, on_page: Callable[[ExtractedPage], None] | None = None
) -> Extraction:
    """Extract ``data`` in this process. Never raises for bad input: the result says what went wrong.

    ``on_page`` is called with each page as soon as it is read (the sandbox streams pages with it).
    """
    limits = limits or Limits()
    if not data:
        return Extraction(sniff.UNKNOWN, status="failed", error="the file is empty (0 bytes)")
    media_type = sniff_media_type(data)
    extractor = EXTRACTORS.get(media_type)
    if extractor is None:
        return Extraction(
            media_type,
            status="skipped" if media_type == sniff.ZIP else "failed",
            error=f"no extractor for this kind of file ({media_type}; first bytes {data[:8]!r})",
        )
    result = Extraction(media_type)
    try:
        for page in extractor(data, limits, result.warnings):
            page = replace(page, text=page.text.replace("\x00", ""))
            result.pages.append(page)
            if on_page is not None:
                on_page(page)
    except ExtractionError as exc:
        result.error = str(exc)
        if not result.pages:
            result.status = "failed"
    except MemoryError:
        result.error = "the document needed more memory than the cap allows (EXTRACT_MEMORY_MB)"
        if not result.pages:
            result.status = "failed"
    except Exception as exc:  # a parser bug or a file that breaks a library: record it, keep going
        result.error = f"extraction stopped: {type(exc).__name__}: {exc}"
        if not result.pages:
            result.status = "failed"
    if result.error and result.pages:
        result.warnings.append(result.error)
        result.error = f"stopped after page {len(result.pages)}: {result.error}"
    return finish(result)


__all__ = [
    "EXTRACTORS",
    "ExtractedPage",
    "Extraction",
    "ExtractionError",
    "Limits",
    "extract_bytes",
    "ocr_image",
    "sniff_media_type",
]
