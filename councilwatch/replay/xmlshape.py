"""Writing XML exactly as ModernGov's ``mgWebService.asmx`` does (see ``data/moderngov/manchester``).

Two-space indentation; an element with no text and no children is written open/close on two lines at the same
indent; only ``&``, ``<`` and ``>`` are escaped in text (quotes stay as they are); counts carry a leading
space; booleans are ``True``/``False``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

HEADER = '<?xml version="1.0" encoding="utf-8"?>\n'


@dataclass
class El:
    """One element: a tag with text or children (never both) and attributes in their written order."""

    tag: str
    text: str = ""
    children: list[El] = field(default_factory=list)
    attrs: list[tuple[str, str]] = field(default_factory=list)

    def add(self, tag: str, text: str = "", attrs: list[tuple[str, str]] | None = None) -> El:
        child = El(tag, text, attrs=attrs or [])
        self.children.append(child)
        return child


def count(n: int) -> str:
    """A count as the web service writes it: with one leading space."""
    return f" {n}"


def boolean(value: bool) -> str:
    return "True" if value else "False"


def _write(el: El, depth: int, out: list[str]) -> None:
    pad = "  " * depth
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in el.attrs)
    if el.children:
        out.append(f"{pad}<{el.tag}{attrs}>\n")
        for child in el.children:
            _write(child, depth + 1, out)
        out.append(f"{pad}</{el.tag}>\n")
    elif el.text:
        out.append(f"{pad}<{el.tag}{attrs}>{escape(el.text)}</{el.tag}>\n")
    else:
        out.append(f"{pad}<{el.tag}{attrs}>\n{pad}</{el.tag}>\n")


def render(root: El) -> str:
    """The whole document, with the XML declaration, as the web service sends it."""
    out = [HEADER]
    _write(root, 0, out)
    return "".join(out)


def word_html(paragraphs: list[str]) -> str:
    """Paragraphs of plain text as the Word HTML ModernGov stores for item text and minutes (unescaped)."""
    body = "\n".join(f'<p class="MsoNormal">{escape(p)}</p>' for p in paragraphs)
    return f'<div class="WordSection1">\n{body}\n</div>\n'
