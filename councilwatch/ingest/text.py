"""Turning the entity-escaped Word HTML of agenda text and minutes into clean plain text."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from councilwatch.core.text import normalise_space

_BLOCKS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol"}
_BREAK = "\x00"
_SKIP = {"script", "style", "head", "title", "xml"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append(_BREAK)
        if tag == "li":
            self.parts.append("• ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append(_BREAK)

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data.replace("\n", " "))

    def handle_comment(self, data: str) -> None:  # Word's conditional comments
        pass


def word_html_to_text(markup: str) -> str:
    """Plain text of a Word HTML fragment: paragraphs on their own lines, white space within them collapsed.

    The web service escapes the HTML once more inside the XML; after XML parsing it is ordinary HTML, but some
    installations escape it twice, so a fragment still made of ``&lt;`` entities is unescaped first.
    """
    if not markup or not markup.strip():
        return ""
    if "<" not in markup and "&lt;" in markup:
        markup = html.unescape(markup)
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    lines = (normalise_space(line) for line in "".join(collector.parts).split(_BREAK))
    return "\n".join(line for line in lines if line)
