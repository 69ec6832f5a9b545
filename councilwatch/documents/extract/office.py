"""Word documents (.docx) and ModernGov's Word HTML, as pages of text."""

import re
import zipfile
from html import unescape
from html.parser import HTMLParser
from io import BytesIO
from xml.etree import ElementTree

from councilwatch.documents.extract.types import ExtractedPage, ExtractionError, Limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BLANKS = re.compile(r"[ \t\xa0]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def _tidy(text: str) -> str:
    lines = [_BLANKS.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def extract_docx(data: bytes, limits: Limits, warn: list[str]) -> list[ExtractedPage]:
    """Pages of a .docx, split where Word put page breaks (hard breaks and its last rendered breaks)."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise ExtractionError(f"the Word file is damaged and cannot be opened ({exc})") from exc
    with archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError as exc:
            raise ExtractionError("the Word file has no word/document.xml: it is not a Word document") from exc
        if info.file_size > limits.max_text_bytes:
            raise ExtractionError(
                f"the Word file's text part would unpack to {info.file_size // 1_000_000} MB, more than the "
                f"{limits.max_text_bytes // 1_000_000} MB cap: refused as a possible decompression bomb"
            )
        try:
            with archive.open(info) as fh:
                xml = fh.read(limits.max_text_bytes + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ExtractionError(f"the Word file is damaged: {exc}") from exc
    if len(xml) > limits.max_text_bytes:
        raise ExtractionError(
            "the Word file's text part is larger than declared: refused as a possible decompression bomb"
        )
    if b"<!DOCTYPE" in xml[:2048] or b"<!ENTITY" in xml:
        raise ExtractionError("the Word file declares XML entities, which Word never does: refused")
    try:
        root = ElementTree.fromstring(xml)  # noqa: S314 - DTDs and entities are refused just above
    except ElementTree.ParseError as exc:
        raise ExtractionError(f"the Word file's text is not well-formed XML ({exc})") from exc
    pages: list[list[str]] = [[]]
    body = root.find(f"{_W}body")
    for paragraph in (body if body is not None else root).iter(f"{_W}p"):
        parts: list[str] = []
        for node in paragraph.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag == f"{_W}tab":
                parts.append("\t")
            elif (
                node.tag == f"{_W}br" and node.get(f"{_W}type") == "page"
            ) or node.tag == f"{_W}lastRenderedPageBreak":
                if any(p.strip() for p in parts) or any(x.strip() for x in pages[-1]):
                    pages[-1].append("".join(parts))
                    parts = []
                    pages.append([])
            elif node.tag == f"{_W}br" or node.tag == f"{_W}cr":
                parts.append("\n")
        pages[-1].append("".join(parts))
    texts = [_tidy("\n".join(lines)) for lines in pages]
    while len(texts) > 1 and not texts[-1]:
        texts.pop()
    return [ExtractedPage(n, text, "text" if text else "none") for n, text in enumerate(texts, start=1)]


_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "dd",
    "dt",
    "title",
}
_SKIP = {"script", "style", "head", "noscript", "template", "xml", "object", "iframe"}
_PAGE_BREAK = re.compile(r"page-break-(?:before|after)\s*:\s*always|break-(?:before|after)\s*:\s*page", re.I)
PAGE_MARK = "\f"
STRONG_MARK = "\x01"  # put before text set in bold or as a heading, so its line is known to be set apart
_STRONG = {"b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)


class _WordHtml(HTMLParser):
    """Text of (Word-exported) HTML: blocks on their own lines, table cells tab-separated, no scripts or styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.strong: list[str] = []  # the open tags that set their text apart

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        style = " ".join(v or "" for k, v in attrs if k == "style")
        if _PAGE_BREAK.search(style):
            self.out.append(PAGE_MARK)
        if tag in _STRONG or _BOLD_STYLE.search(style):
            self.strong.append(tag)
        if tag in _BLOCK:
            self.out.append("\n")
        elif tag in ("td", "th"):
            self.out.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP:
            self.skip -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in self.strong:
            while self.strong and self.strong.pop() != tag:
                pass
        if tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            text = data.replace("\n", " ").replace("\r", " ").replace(STRONG_MARK, "")
            if self.strong and text.strip():
                text = STRONG_MARK + text
            self.out.append(text)


def _marked_text(markup: str) -> str:
    parser = _WordHtml()
    parser.feed(markup)
    parser.close()
    return unescape("".join(parser.out))


def html_to_text(markup: str) -> str:
    """The text of (Word) HTML: blocks on their own lines, table cells tab-separated."""
    return _marked_text(markup).replace(STRONG_MARK, "")


def _split_emphasis(page: str) -> tuple[str, tuple[str, ...]]:
    """A page's text without marks, and its lines whose text starts in bold or a heading."""
    lines = page.split("\n")
    strong = tuple(line.replace(STRONG_MARK, "").strip() for line in lines if line.lstrip().startswith(STRONG_MARK))
    return page.replace(STRONG_MARK, ""), tuple(line for line in strong if line)


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def extract_html(data: bytes, limits: Limits, warn: list[str]) -> list[ExtractedPage]:
    if len(data) > limits.max_text_bytes:
        raise ExtractionError(f"the HTML file is larger than the {limits.max_text_bytes // 1_000_000} MB cap")
    markup = decode_text(data)
    charset = re.search(r"<meta[^>]+charset=[\"']?([\w-]+)", markup[:4096], re.I)
    if (
        charset
        and charset.group(1).lower() in ("windows-1252", "iso-8859-1", "latin-1")
        and not data.startswith(b"\xef\xbb\xbf")
    ):
        markup = data.decode("cp1252", "replace")
    text = _marked_text(markup)
    pages = [_split_emphasis(_tidy(chunk)) for chunk in text.split(PAGE_MARK)]
    pages = [p for p in pages if p[0]] or [("", ())]
    return [
        ExtractedPage(n, page, "text" if page else "none", emphasis)
        for n, (page, emphasis) in enumerate(pages, start=1)
    ]
