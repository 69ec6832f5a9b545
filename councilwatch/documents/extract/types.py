"""What extraction returns: the text of each page, how it was read, and anything a person should know."""

from dataclasses import dataclass, field


class ExtractionError(Exception):
    """The file cannot be read at all; the message says why in words a person can act on."""


@dataclass(frozen=True)
class ExtractedPage:
    number: int  # 1-based
    text: str
    method: str  # "text" (text layer), "ocr" or "none"
    # The page's lines (stripped, as in ``text``) that the layout sets apart: bold, or larger than the page's
    # body text. None when the format tells nothing of layout (plain text, OCR); () when it does and none is.
    emphasis: tuple[str, ...] | None = None


@dataclass
class Extraction:
    media_type: str
    pages: list[ExtractedPage] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    status: str = "done"  # done, partial, failed, skipped
    error: str = ""
    page_count: int | None = None  # pages in the file, which may exceed len(pages) when capped

    def reason(self) -> str:
        """One readable line for Document.extraction_error: the error, else the warnings."""
        return self.error or "; ".join(self.warnings)


@dataclass(frozen=True)
class Limits:
    """Caps applied to one document (see settings EXTRACT_*)."""

    max_pages: int = 2000
    ocr: bool = True
    ocr_language: str = "eng"
    ocr_max_pages: int = 50
    ocr_dpi: int = 300
    ocr_timeout: int = 60
    max_pixels: int = 40_000_000
    max_text_bytes: int = 50_000_000
