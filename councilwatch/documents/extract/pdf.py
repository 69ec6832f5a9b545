"""PDF pages with pypdfium2: the text layer where there is a usable one, else OCR of the rendered page."""

import ctypes
import math
import re
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from councilwatch.documents.extract.ocr import ocr_image, pgm_bytes, tesseract_available
from councilwatch.documents.extract.types import ExtractedPage, ExtractionError, Limits

_WORDISH = re.compile(r"[A-Za-z0-9]")
MIN_TEXT_CHARS = 20  # fewer letters and digits than this on a page with pictures: treat as a scan


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ExtractionError("the PDF is encrypted and needs a password to open") from exc
        if "format" in message or "file" in message:
            raise ExtractionError(f"the PDF is damaged and cannot be opened ({exc})") from exc
        raise ExtractionError(f"the PDF cannot be opened: {exc}") from exc


def usable(text: str) -> bool:
    """Whether a text layer says something: enough letters/digits, and not mostly replacement characters."""
    if len(text) > 400 and text.count("\ufffd") + text.count("\x00") < 20 and text.count(" ") < len(text) * 0.6:
        return True  # the common case, decided without scanning every character
    letters = len(_WORDISH.findall(text))
    if letters < MIN_TEXT_CHARS:
        return False
    junk = text.count("\ufffd") + text.count("\x00")
    return junk < letters


def _has_pictures(page: pdfium.PdfPage) -> bool:
    paths = 0
    for obj in page.get_objects(max_depth=2):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            return True
        if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
            paths += 1
            if paths > 200:  # text drawn as outlines
                return True
    return False


def _render_for_ocr(page: pdfium.PdfPage, limits: Limits) -> tuple[bytes, int]:
    width, height = page.get_size()
    scale = limits.ocr_dpi / 72
    if width * height * scale * scale > limits.max_pixels:
        scale = math.sqrt(limits.max_pixels / max(width * height, 1.0))
    bitmap = page.render(scale=scale, grayscale=True)
    try:
        return pgm_bytes(bitmap.width, bitmap.height, bitmap.stride, bitmap.buffer), round(72 * scale)
    finally:
        bitmap.close()


_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.I)
_ALNUM = re.compile(r"[^\W_]")
LARGER = 1.2  # a line this much larger than the page's usual size counts as set apart


def _font_of(textpage: object, index: int, name: ctypes.Array) -> tuple[float, bool]:
    """(size, bold) of the character at ``index``: bold by the font's name or weight."""
    size = pdfium_c.FPDFText_GetFontSize(textpage, index)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(textpage, index, name, len(name), ctypes.byref(flags))
    weight = pdfium_c.FPDFText_GetFontWeight(textpage, index)
    bold = bool(_BOLD_NAME.search(name.value.decode("latin-1", "replace"))) or weight >= 600
    return float(size), bold


def _emphasis(textpage: object, text: str) -> tuple[str, ...]:
    """The lines of a page whose first letter or digit is bold or clearly larger than the page's other lines.

    Character ``i`` of pdfium's page text is the page's character ``i``, so each line's first letter is looked up
    directly: a few calls a line, not a pass over every character.
    """
    name = ctypes.create_string_buffer(96)
    starts: list[tuple[str, float, bool]] = []
    offset = 0
    for raw_line in text.split("\r\n"):
        match = _ALNUM.search(raw_line)
        line = raw_line.strip()
        if match and line:
            size, bold = _font_of(textpage, offset + match.start(), name)
            starts.append((line, size, bold))
        offset += len(raw_line) + 2
    sizes = sorted(size for _, size, _ in starts if size > 0)
    usual = sizes[len(sizes) // 2] if sizes else 0.0
    return tuple(line for line, size, bold in starts if bold or (usual > 0 and size >= usual * LARGER))


def _page_text(pdf: pdfium.PdfDocument, index: int) -> tuple[str, tuple[str, ...]]:
    """The text layer of one page and its emphasised lines, through pdfium's C API directly (no wrapper
    objects: this is the hot path)."""
    page = pdfium_c.FPDF_LoadPage(pdf.raw, index)
    if not page:
        raise ExtractionError(f"page {index + 1} cannot be loaded")
    try:
        textpage = pdfium_c.FPDFText_LoadPage(page)
        if not textpage:
            return "", ()
        try:
            count = pdfium_c.FPDFText_CountChars(textpage)
            if count <= 0:
                return "", ()
            buffer = ctypes.create_string_buffer((count + 1) * 2)
            written = pdfium_c.FPDFText_GetText(
                textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
            )
            text = buffer.raw[: max(written - 1, 0) * 2].decode("utf-16-le", errors="replace")
            return text, _emphasis(textpage, text)
        finally:
            pdfium_c.FPDFText_ClosePage(textpage)
    finally:
        pdfium_c.FPDF_ClosePage(page)


def page_count(data: bytes) -> int:
    pdf = _open(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def extract_pdf_pages(data: bytes, limits: Limits, warn: list[str]) -> Iterator[ExtractedPage]:
    """Yield the pages of a PDF one by one (so a caller that stops early keeps what it has)."""
    pdf = _open(data)
    try:
        total = len(pdf)
        if total == 0:
            raise ExtractionError("the PDF has no pages")
        if total > limits.max_pages:
            warn.append(f"the PDF has {total} pages; only the first {limits.max_pages} were read (EXTRACT_MAX_PAGES)")
        ocr_done = 0
        ocr_skipped = 0
        for index in range(min(total, limits.max_pages)):
            raw_text, emphasis = _page_text(pdf, index)
            text = raw_text.replace("\r\n", "\n").replace("\ufffe", "-")
            if usable(text):
                yield ExtractedPage(index + 1, text, "text", tuple(e.replace("\ufffe", "-") for e in emphasis))
                continue
            page = pdf[index]
            try:
                if not _has_pictures(page):
                    yield ExtractedPage(index + 1, text.strip(), "text" if text.strip() else "none", emphasis)
                    continue
                if not limits.ocr or not tesseract_available():
                    ocr_skipped += 1
                    yield ExtractedPage(index + 1, text.strip(), "none")
                    continue
                if ocr_done >= limits.ocr_max_pages:
                    ocr_skipped += 1
                    yield ExtractedPage(index + 1, text.strip(), "none")
                    continue
                image, dpi = _render_for_ocr(page, limits)
                ocr_text = ocr_image(image, language=limits.ocr_language, dpi=dpi, timeout=limits.ocr_timeout)
                ocr_done += 1
                yield ExtractedPage(index + 1, ocr_text, "ocr" if ocr_text.strip() else "none")
            finally:
                page.close()
        if ocr_skipped:
            why = (
                "OCR is switched off or tesseract is missing"
                if not (limits.ocr and tesseract_available())
                else (f"only {limits.ocr_max_pages} pages per document are OCRed (EXTRACT_OCR_MAX_PAGES)")
            )
            warn.append(f"{ocr_skipped} scanned page(s) were left unread: {why}")
    finally:
        pdf.close()
