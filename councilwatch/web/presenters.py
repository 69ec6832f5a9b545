"""Turn a summary's JSON body into what the meeting page shows: sentences each linked to document and page.

The body comes from the summaries app (see ``councilwatch/summaries/models.py``). A section with
``sentences: [{text, citations}]`` links each sentence to its own citations. Otherwise its ``text`` is split
into sentences and its ``citations`` are matched to them in order when there is one per sentence, or by a
``"sentence": index`` key (0-based). Citations that match no sentence are listed after the section's text, so
no source is ever dropped. Every string stays plain text: templates escape it.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import reverse

from councilwatch.documents.models import Document
from councilwatch.summaries.models import Summary
from councilwatch.webcasts.models import clock

_BOUNDARY = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z0-9£\"“‘(])")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Cllr|St|No|Prof|Rev|Sir|etc|e\.g|i\.e|[A-Z]))\.$")


@dataclass
class Citation:
    label: str
    url: str
    page: int | None
    document_title: str
    at: str = ""  # a time in a recording, "mm:ss", where a transcript is cited


@dataclass
class Sentence:
    text: str
    citations: list[Citation] = field(default_factory=list)
    unsupported: bool = False


@dataclass
class DecisionLine:
    text: str
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Section:
    item_number: str
    title: str
    sentences: list[Sentence]
    decisions: list[DecisionLine]
    extra_citations: list[Citation]


_DECIDED = re.compile(r"^\s*decided\s*:\s*", re.IGNORECASE)


def _decisions(raw: dict, sentences: list[Sentence]) -> tuple[list[Sentence], list[DecisionLine]]:
    """The section's decisions, each with the citations of the sentence that states it.

    A sentence that only repeats a decision moves into the decisions list, so nothing is said twice.
    """
    lines = [DecisionLine(_DECIDED.sub("", str(d))) for d in raw.get("decisions") or []]
    by_text = {_normalise(line.text): line for line in lines}
    prose = []
    for sentence in sentences:
        line = by_text.get(_normalise(_DECIDED.sub("", sentence.text)))
        if line is not None and not sentence.unsupported:
            line.citations += [c for c in sentence.citations if c not in line.citations]
        else:
            prose.append(sentence)
    return prose, lines


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, not after titles and initials ("Mr J. Smith")."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.end()].strip()
        if match.group().startswith(".") and _ABBREVIATION.search(text[start : match.start() + 1]):
            continue
        sentences.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    return [*sentences, tail] if tail else sentences


def _safe_url(url: str) -> str:
    """Only http(s) links and paths on this site; anything else (javascript:, data:, //host) is dropped."""
    if url.startswith("/") and not url.startswith("//"):
        return url
    return url if urlsplit(url).scheme in ("http", "https") else ""


class CitationResolver:
    """Find the stored document a citation names (by id, title or URL) and link to our copy of that page."""

    def __init__(self, documents: list[Document]) -> None:
        self.by_id = {d.id: d for d in documents}
        self.by_title = {d.title.casefold(): d for d in documents}
        self.by_url = {d.source_url.split("#")[0]: d for d in documents if d.source_url}

    def find(self, raw: dict) -> Document | None:
        document_id = raw.get("document_id")
        if isinstance(document_id, int) and document_id in self.by_id:
            return self.by_id[document_id]
        ref = raw.get("document")
        if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
            found = self.by_id.get(int(ref))
            if found:
                return found
        if isinstance(ref, str) and ref.casefold() in self.by_title:
            return self.by_title[ref.casefold()]
        for key in ("source_url", "url"):
            found = self.by_url.get(str(raw.get(key) or "").split("#")[0])
            if found:
                return found
        return None

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
        seconds = raw.get("seconds")
        if document is not None and isinstance(seconds, int | float):
            at = clock(seconds)
            url = reverse("web:transcript", args=[document.id]) + f"#t{int(seconds)}"
            return Citation(label=f"{title} at {at}", url=url, page=page, document_title=title, at=at)
        label = f"{title}, page {page}" if page else title
        return Citation(label=label, url=url, page=page, document_title=title)


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def present_sections(
    body: dict, resolver: CitationResolver, unsupported: frozenset[str] = frozenset()
) -> list[Section]:
    """Sections with sentences linked to sources; sentences the verifier could not confirm are flagged."""
    sections = []
    for raw in body.get("sections") or []:
        if isinstance(raw.get("sentences"), list) and raw["sentences"]:
            sections.append(_section_from_sentences(raw, resolver, unsupported))
            continue
        sentences = [
            Sentence(text, unsupported=_normalise(text) in unsupported)
            for text in split_sentences(str(raw.get("text") or ""))
        ]
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
        sentences, decisions = _decisions(raw, sentences)
        sections.append(
            Section(
                item_number=str(raw.get("item_number") or ""),
                title=str(raw.get("title") or ""),
                sentences=sentences,
                decisions=decisions,
                extra_citations=extra,
            )
        )
    return sections


def _citations(raw: object, resolver: CitationResolver) -> list[Citation]:
    return [resolver.resolve(c) for c in raw or [] if isinstance(c, dict)] if isinstance(raw, list) else []


def _unique_citations(citations: Iterable[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(citation.url or citation.label, citation)
    return list(seen.values())


def _section_from_sentences(raw: dict, resolver: CitationResolver, unsupported: frozenset[str]) -> Section:
    sentences = []
    for item in raw["sentences"]:
        if not isinstance(item, dict):
            continue
        text = str(item.get("text") or "")
        sentences.append(Sentence(text, _citations(item.get("citations"), resolver), _normalise(text) in unsupported))
    sentences, decisions = _decisions(raw, sentences)
    return Section(
        item_number=str(raw.get("item_number") or ""),
        title=str(raw.get("title") or ""),
        sentences=sentences,
        decisions=decisions,
        extra_citations=[],
    )


def present_summary(summary: Summary, documents: list[Document]) -> dict:
    body = summary.body or {}
    verification = summary.verification or {}
    unsupported = frozenset(_normalise(str(s)) for s in verification.get("unsupported") or [])
    resolver = CitationResolver(documents)
    return {
        "summary": summary,
        "sections": present_sections(body, resolver, unsupported),
        "headline_citations": _citations(body.get("headline_citations"), resolver),
        "expected": [  # a forward plan's decisions due, a sentence a date
            {"text": str(s.get("text") or ""), "citations": _citations(s.get("citations"), resolver)}
            for s in body.get("expected") or []
            if isinstance(s, dict)
        ],
        "footnotes": [
            {
                "term": str(f.get("term") or ""),
                "text": str(f.get("text") or ""),
                "citations": _citations(f.get("citations"), resolver),
            }
            for f in body.get("footnotes") or []
            if isinstance(f, dict)
        ],
        "attendees": [a for a in body.get("attendees") or [] if isinstance(a, dict)],
        "attendee_citations": _unique_citations(
            c
            for a in body.get("attendees") or []
            if isinstance(a, dict)
            for c in _citations(a.get("citations"), resolver)
        ),
        "checked": verification.get("checked"),
        "unsupported": verification.get("unsupported") or [],
    }
