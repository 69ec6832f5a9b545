"""Turn a summary's JSON body into what the meeting page shows: sentences each linked to document and page.

The body comes from the summaries app (see ``councilwatch/summaries/models.py``). A section's ``citations``
are matched to its sentences in order when there is one per sentence; a citation may also name its sentence
with ``"sentence": index`` (0-based). Citations that match no sentence are listed after the section's text,
so no source is ever dropped. Every string stays plain text: templates escape it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse

from councilwatch.documents.models import Document
from councilwatch.summaries.models import Summary

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9£\"“‘(])")


@dataclass
class Citation:
    label: str
    url: str
    page: int | None
    document_title: str


@dataclass
class Sentence:
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Section:
    item_number: str
    title: str
    sentences: list[Sentence]
    decisions: list[str]
    extra_citations: list[Citation]


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _safe_url(url: str) -> str:
    """Only http(s) links from scraped data; anything else (javascript:, data:) is dropped."""
    return url if urlsplit(url).scheme in ("http", "https") else ""


class CitationResolver:
    """Find the stored document a citation names (by id, title or URL) and link to our copy of that page."""

    def __init__(self, documents: list[Document]) -> None:
        self.by_id = {d.id: d for d in documents}
        self.by_title = {d.title.casefold(): d for d in documents}
        self.by_url = {d.source_url.split("#")[0]: d for d in documents if d.source_url}

    def find(self, raw: dict) -> Document | None:
        ref = raw.get("document")
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            found = self.by_id.get(int(ref))
            if found:
                return found
        if isinstance(ref, str) and ref.casefold() in self.by_title:
            return self.by_title[ref.casefold()]
        return self.by_url.get(str(raw.get("url") or "").split("#")[0])

    def resolve(self, raw: dict) -> Citation:
        page = raw.get("page")
        page = int(page) if isinstance(page, int) or (isinstance(page, str) and page.isdigit()) else None
        document = self.find(raw)
        if document is not None:
            title = document.title
            if page:
                url = reverse("web:document_page", args=[document.id, page])
            else:
                url = reverse("web:document", args=[document.id])
        else:
            title = str(raw.get("document") or "source")
            url = _safe_url(str(raw.get("url") or ""))
        label = f"{title}, page {page}" if page else title
        return Citation(label=label, url=url, page=page, document_title=title)


def present_sections(body: dict, resolver: CitationResolver) -> list[Section]:
    sections = []
    for raw in body.get("sections") or []:
        sentences = [Sentence(text) for text in split_sentences(str(raw.get("text") or ""))]
        citations = [c for c in raw.get("citations") or [] if isinstance(c, dict)]
        extra: list[Citation] = []
        if citations and len(citations) == len(sentences) and all("sentence" not in c for c in citations):
            for sentence, citation in zip(sentences, citations, strict=True):
                sentence.citations.append(resolver.resolve(citation))
        else:
            for citation in citations:
                index = citation.get("sentence")
                if isinstance(index, int) and 0 <= index < len(sentences):
                    sentences[index].citations.append(resolver.resolve(citation))
                else:
                    extra.append(resolver.resolve(citation))
        sections.append(
            Section(
                item_number=str(raw.get("item_number") or ""),
                title=str(raw.get("title") or ""),
                sentences=sentences,
                decisions=[str(d) for d in raw.get("decisions") or []],
                extra_citations=extra,
            )
        )
    return sections


def present_summary(summary: Summary, documents: list[Document]) -> dict:
    body = summary.body or {}
    verification = summary.verification or {}
    return {
        "summary": summary,
        "sections": present_sections(body, CitationResolver(documents)),
        "footnotes": [f for f in body.get("footnotes") or [] if isinstance(f, dict)],
        "attendees": [a for a in body.get("attendees") or [] if isinstance(a, dict)],
        "checked": verification.get("checked"),
        "unsupported": verification.get("unsupported") or [],
    }
