"""ModernGov's meeting page (``ieListDocuments.aspx``): agenda items with their inline decisions and minutes.

The page is the platform's, so its shape is the same for every council on it: a table ``mgItemTable`` whose
rows hold the item number (``mgItemNumberCell``), the title (``mgAiTitleTxt``, often a link to the report),
the agenda text (``mgWordPara``) and labelled blocks (``mgSubItemTitleTxt``: "Decision:", "Minutes:",
"Additional documents:"). A decision cut short on the page ends "… view the full decision text for item N".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

_BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "ul", "ol", "table"}
_SKIP = {"script", "style", "head", "noscript"}
_SPACE = re.compile(r"[ \t\xa0]+")
_TRUNCATED = re.compile(r"(?:\.\.\.|…)?\s*view the full (?:decision|minutes) text for item[^\n]*$", re.I)


@dataclass(frozen=True)
class PageItem:
    number: str
    title: str
    description: str = ""
    decision: str = ""
    minutes: str = ""
    truncated: bool = False  # the page shows only the start of the decision or minutes
    documents: tuple[str, ...] = ()  # titles of the papers linked from the item


@dataclass(frozen=True)
class MeetingPage:
    title: str
    items: list[PageItem] = field(default_factory=list)


class _Rows(HTMLParser):
    """Collects, for each row of the items table, its number cell text and its content as labelled blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict] = []
        self.title = ""
        self._skip = 0
        self._in_table = 0
        self._cell: str | None = None  # "number" or "content"
        self._label = "title"
        self._capture: list[str] | None = None
        self._title_parts: list[str] | None = None
        self._filesize = 0
        self._link_title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag == "table" and "mgItemTable" in classes:
            self._in_table = 1
            return
        if tag in ("h1", "h2", "h3") and "mgSubTitleTxt" in classes:
            self._title_parts = []
        if not self._in_table:
            return
        if tag == "tr":
            self.rows.append({"number": [], "blocks": {"title": []}, "documents": []})
            self._cell = None
        elif tag == "td":
            self._cell = "number" if "mgItemNumberCell" in classes else "content"
            self._label = "title"
        elif tag == "p" and "mgSubItemTitleTxt" in classes and self.rows:
            self._label = "label"
            self._capture = []
        elif tag == "span" and "mgFileSize" in classes:
            self._filesize += 1
        elif tag == "a" and self._cell == "content" and self._label == "additional":
            self._link_title = []
        if tag in _BLOCK and self.rows and self._cell == "content":
            self._text("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
            return
        if tag in ("h1", "h2", "h3") and self._title_parts is not None:
            self.title = _SPACE.sub(" ", "".join(self._title_parts)).strip()
            self._title_parts = None
        if not self._in_table:
            return
        if tag == "table":
            self._in_table = 0
        elif tag == "span" and self._filesize:
            self._filesize -= 1
        elif tag == "a" and self._link_title is not None:
            name = _SPACE.sub(" ", "".join(self._link_title).replace("\n", " ")).strip(" ,")
            if name and self.rows:
                self.rows[-1]["documents"].append(re.sub(r",\s*item\s+\S+$", "", name))
            self._link_title = None
        elif tag == "p" and self._label == "label" and self._capture is not None:
            label = "".join(self._capture).strip().rstrip(":").lower()
            self._label = {"decision": "decision", "minutes": "minutes"}.get(
                label, "additional" if label.startswith("additional") else "other"
            )
            self._capture = None
            return
        titled = self.rows and "".join(self.rows[-1]["blocks"]["title"]).strip()
        if tag == "p" and self._label == "title" and self._cell == "content" and titled:
            self._label = "description"
        if tag in _BLOCK and self.rows and self._cell == "content":
            self._text("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._title_parts is not None:
            self._title_parts.append(data)
        if not self._in_table or not self.rows:
            return
        if self._label == "label" and self._capture is not None:
            self._capture.append(data)
            return
        if self._filesize:
            return
        if self._link_title is not None:
            self._link_title.append(data)
        if self._cell == "number":
            self.rows[-1]["number"].append(data)
        elif self._cell == "content":
            self._text(data.replace("\n", " "))

    def _text(self, text: str) -> None:
        self.rows[-1]["blocks"].setdefault(self._label, []).append(text)


def _tidy(parts: list[str]) -> str:
    lines = [_SPACE.sub(" ", line).strip() for line in unescape("".join(parts)).split("\n")]
    return "\n".join(line for line in lines if line)


def is_meeting_page(markup: str) -> bool:
    """Whether an HTML file is a ModernGov meeting page with an items table."""
    return 'class="mgItemTable"' in markup or "class='mgItemTable'" in markup


def parse_meeting_page(markup: str) -> MeetingPage:
    """The items of a ModernGov meeting page, each with its agenda text and any decision or minutes shown."""
    parser = _Rows()
    parser.feed(markup)
    parser.close()
    items: list[PageItem] = []
    for row in parser.rows:
        number = _SPACE.sub("", "".join(row["number"])).strip().rstrip(".")
        blocks = {label: _tidy(parts) for label, parts in row["blocks"].items()}
        title = blocks.get("title", "").replace("\n", " ").strip()
        if not number or not title:
            continue
        decision, minutes = blocks.get("decision", ""), blocks.get("minutes", "")
        truncated = bool(_TRUNCATED.search(decision) or _TRUNCATED.search(minutes))
        items.append(
            PageItem(
                number=number,
                title=title,
                description=blocks.get("description", ""),
                decision=_TRUNCATED.sub("", decision).strip(),
                minutes=_TRUNCATED.sub("", minutes).strip(),
                truncated=truncated,
                documents=tuple(row["documents"]),
            )
        )
    return MeetingPage(parser.title, items)
