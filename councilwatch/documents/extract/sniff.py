"""Which kind of file some bytes are, from their first bytes (names and Content-Type headers lie)."""

import re
import zipfile
from io import BytesIO

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
TEXT = "text/plain"
VTT = "text/vtt"
SRT = "application/x-subrip"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
ZIP = "application/zip"
UNKNOWN = "application/octet-stream"

_SRT_START = re.compile(rb"^\s*\d+\s*\r?\n\d\d:\d\d:\d\d[,.]\d{3}\s*-->")
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|h\d)\b", re.I | re.S
)


def _looks_like_text(head: bytes) -> bool:
    if not head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a multi-byte character cut at the end is fine
            try:
                text = head.decode("cp1252")
            except UnicodeDecodeError:
                return False
        else:
            text = head[: exc.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f")
    return controls <= len(text) * 0.01


def sniff_media_type(data: bytes) -> str:
    """The media type of ``data`` judged by its content alone."""
    head = data[:4096]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return TIFF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except (zipfile.BadZipFile, OSError, ValueError):
            pass
        return ZIP
    if stripped.startswith(b"WEBVTT"):
        return VTT
    if _SRT_START.match(stripped):
        return SRT
    if _HTML_START.match(stripped) or (stripped[:200].lower().startswith(b"<?xml") and b"<html" in head.lower()):
        return HTML
    if _looks_like_text(head):
        return TEXT
    return UNKNOWN
