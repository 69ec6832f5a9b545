"""The summary body: typed, versioned, the one shape the web, search, digests and the API read.

A ``SummaryBody`` is stored as JSON on ``Summary.body`` (``to_json``) and read back with ``from_json``.
Every sentence carries its citations — document and page (and, for a recording, the second it starts at);
the summaries layer never makes URLs, the web does. ``to_json`` also writes the keys earlier readers used
(``headline`` as text, each section's ``text``, ``sentences``, ``decisions`` and ``citations``) so stored
summaries stay readable by anything written against version 1.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

BODY_VERSION = 2


@dataclass(frozen=True)
class Citation:
    document_id: int | None
    document: str  # the paper's title, as shown
    page: int
    seconds: float | None = None  # where a recording is cited, the start of the cited segment

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"document_id": self.document_id, "document": self.document, "page": self.page}
        if self.seconds is not None:
            data["seconds"] = self.seconds
        return data

    @classmethod
    def from_json(cls, data: dict) -> Citation:
        return cls(
            data.get("document_id"), str(data.get("document") or ""), int(data.get("page") or 1), data.get("seconds")
        )


@dataclass(frozen=True)
class Said:
    """One sentence of the summary and where it comes from."""

    text: str
    citations: tuple[Citation, ...] = ()
    exact: str = ""  # the papers' own wording the sentence was rewritten from, where it was rewritten

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "citations": [c.as_json() for c in self.citations]}
        if self.exact:
            data["exact"] = self.exact
        return data

    @classmethod
    def from_json(cls, data: dict) -> Said:
        return cls(
            str(data.get("text") or ""),
            tuple(Citation.from_json(c) for c in data.get("citations") or [] if isinstance(c, dict)),
            str(data.get("exact") or ""),
        )


@dataclass(frozen=True)
class VoteTold:
    """A vote on a motion, recommendation or amendment: counts, result, and the names of a recorded vote."""

    label: str  # what was voted on: "Recommendation 2A", "Mr Holden's amendment"
    outcome: str  # carried | lost | withdrawn | fell | accepted
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    unanimous: bool = False
    named: dict[str, list[str]] = field(default_factory=dict)  # {"for": [...], "against": [...], "abstain": [...]}
    sentence: Said | None = None

    def counts_line(self) -> str:
        """'For 41 · Against 10 · Abstained 7 — carried' (or '… — carried unanimously')."""
        parts = []
        for word, value in (
            ("For", self.votes_for),
            ("Against", self.votes_against),
            ("Abstained", self.votes_abstain),
        ):
            if value is not None:
                parts.append(f"{word} {value}")
        result = self.outcome + (" unanimously" if self.unanimous and self.outcome == "carried" else "")
        return (" · ".join(parts) + " — " if parts else "") + result


@dataclass(frozen=True)
class AmendmentTold:
    mover: str
    seconder: str
    proposal: str  # what it would have done, shortened
    outcome: str
    vote: VoteTold | None = None
    sentence: Said | None = None


@dataclass(frozen=True)
class ParticipationTold:
    questions: int = 0
    statements: int = 0
    petitions: int = 0
    deputations: int = 0
    signatures: int | None = None
    sentence: Said | None = None


@dataclass
class ItemSection:
    numbers: list[str]
    title: str
    reference: str = ""  # a decision number the title carried: "24/00108"
    procedural: bool = False
    decided: list[Said] = field(default_factory=list)  # what was decided (outcome) or recommended (preview)
    votes: list[VoteTold] = field(default_factory=list)
    amendments: list[AmendmentTold] = field(default_factory=list)
    presented: list[Said] = field(default_factory=list)  # what the report or the debate said, and by whom
    figures: list[Said] = field(default_factory=list)
    participation: ParticipationTold | None = None
    next_steps: list[Said] = field(default_factory=list)
    said: list[Said] = field(default_factory=list)  # what was said at the meeting (a recording)
    topics: list[str] = field(default_factory=list)

    def sentences(self) -> list[Said]:
        """The section's prose in reading order."""
        out = [*self.decided]
        out += [v.sentence for v in self.votes if v.sentence]
        out += [a.sentence for a in self.amendments if a.sentence]
        out += [*self.presented, *self.figures]
        if self.participation and self.participation.sentence:
            out.append(self.participation.sentence)
        return [*out, *self.next_steps, *self.said]


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    status: str
    substitute_for: str = ""
    citations: tuple[Citation, ...] = ()


@dataclass(frozen=True)
class Term:
    term: str
    text: str
    citations: tuple[Citation, ...] = ()


@dataclass
class SummaryBody:
    kind: str  # outcome | preview | transcript
    backend: str
    headline: list[Said] = field(default_factory=list)
    sections: list[ItemSection] = field(default_factory=list)
    expected: list[Said] = field(default_factory=list)  # a forward plan's decisions due, a sentence a date
    attendees: list[Attendee] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    topic_slugs: list[str] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    fallbacks: list[dict] = field(default_factory=list)
    version: int = BODY_VERSION

    @property
    def headline_text(self) -> str:
        return " ".join(s.text for s in self.headline)

    def all_sentences(self) -> list[Said]:
        return [*self.headline, *self.expected, *(s for section in self.sections for s in section.sentences())]

    # -- storage ----------------------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        sections = []
        for section in self.sections:
            said = section.sentences()
            raw = json.loads(json.dumps(asdict(section)))  # plain JSON types (tuples become lists)
            raw.update(
                {
                    "item_number": ", ".join(section.numbers),
                    "item_numbers": section.numbers,
                    "text": " ".join(s.text for s in said),
                    "sentences": [s.as_json() for s in said],
                    "decisions": [s.exact or s.text for s in section.decided],
                    "citations": _unique([c for s in said for c in s.citations]),
                }
            )
            sections.append(raw)
        headline_citations = _unique([c for s in self.headline for c in s.citations])
        return {
            "version": self.version,
            "kind": self.kind,
            "backend": self.backend,
            "headline": self.headline_text,
            "headline_sentences": [s.as_json() for s in self.headline],
            "headline_citations": headline_citations,
            "sections": sections,
            "expected": [s.as_json() for s in self.expected],
            "attendees": [{**asdict(a), "citations": [c.as_json() for c in a.citations]} for a in self.attendees],
            "topics": self.topics,
            "topic_slugs": self.topic_slugs,
            "footnotes": [
                {"term": t.term, "text": t.text, "citations": [c.as_json() for c in t.citations]} for t in self.terms
            ],
            "fallbacks": self.fallbacks,
        }

    @classmethod
    def from_json(cls, data: dict) -> SummaryBody:
        """A stored body of any version (a version-1 body becomes sections of plain sentences)."""
        body = cls(str(data.get("kind") or ""), str(data.get("backend") or ""))
        body.headline = [Said.from_json(s) for s in data.get("headline_sentences") or []]
        if not body.headline and data.get("headline"):
            body.headline = [
                Said(str(data["headline"]), tuple(Citation.from_json(c) for c in data.get("headline_citations") or []))
            ]
        body.expected = _said_list(data.get("expected"))
        for raw in data.get("sections") or []:
            if not isinstance(raw, dict):
                continue
            body.sections.append(_section_from_json(raw))
        body.attendees = [
            Attendee(
                str(a.get("name") or ""), str(a.get("role") or ""), str(a.get("status") or ""),
                str(a.get("substitute_for") or ""), tuple(Citation.from_json(c) for c in a.get("citations") or []),
            )
            for a in data.get("attendees") or []
            if isinstance(a, dict)
        ]  # fmt: skip
        body.topics = list(data.get("topics") or [])
        body.topic_slugs = list(data.get("topic_slugs") or [])
        body.terms = [
            Term(
                str(f.get("term") or ""),
                str(f.get("text") or ""),
                tuple(Citation.from_json(c) for c in f.get("citations") or []),
            )
            for f in data.get("footnotes") or []
            if isinstance(f, dict)
        ]
        body.fallbacks = list(data.get("fallbacks") or [])
        body.version = int(data.get("version") or 1)
        return body


def _said_list(raw: object) -> list[Said]:
    return [Said.from_json(s) for s in raw or [] if isinstance(s, dict)] if isinstance(raw, list) else []


def _vote(raw: dict | None) -> VoteTold | None:
    if not isinstance(raw, dict):
        return None
    sentence = raw.get("sentence")
    return VoteTold(
        str(raw.get("label") or ""), str(raw.get("outcome") or ""), raw.get("votes_for"), raw.get("votes_against"),
        raw.get("votes_abstain"), bool(raw.get("unanimous")), dict(raw.get("named") or {}),
        Said.from_json(sentence) if isinstance(sentence, dict) else None,
    )  # fmt: skip


def _section_from_json(raw: dict) -> ItemSection:
    numbers = raw.get("numbers") or raw.get("item_numbers") or [str(raw.get("item_number") or "")]
    section = ItemSection(numbers=[str(n) for n in numbers], title=str(raw.get("title") or ""))
    section.reference = str(raw.get("reference") or "")
    section.procedural = bool(raw.get("procedural"))
    section.topics = list(raw.get("topics") or [])
    if "decided" not in raw:  # version 1: the sentences as they were, the decisions as exact wording
        section.presented = _said_list(raw.get("sentences")) or (
            [Said(str(raw.get("text")), tuple(Citation.from_json(c) for c in raw.get("citations") or []))]
            if raw.get("text")
            else []
        )
        return section
    section.decided = _said_list(raw.get("decided"))
    section.presented = _said_list(raw.get("presented"))
    section.figures = _said_list(raw.get("figures"))
    section.next_steps = _said_list(raw.get("next_steps"))
    section.said = _said_list(raw.get("said"))
    section.votes = [v for v in (_vote(r) for r in raw.get("votes") or []) if v]
    for a in raw.get("amendments") or []:
        if isinstance(a, dict):
            sentence = a.get("sentence")
            section.amendments.append(
                AmendmentTold(
                    str(a.get("mover") or ""), str(a.get("seconder") or ""), str(a.get("proposal") or ""),
                    str(a.get("outcome") or ""), _vote(a.get("vote")),
                    Said.from_json(sentence) if isinstance(sentence, dict) else None,
                )
            )  # fmt: skip
    part = raw.get("participation")
    if isinstance(part, dict):
        sentence = part.get("sentence")
        section.participation = ParticipationTold(
            int(part.get("questions") or 0), int(part.get("statements") or 0), int(part.get("petitions") or 0),
            int(part.get("deputations") or 0), part.get("signatures"),
            Said.from_json(sentence) if isinstance(sentence, dict) else None,
        )  # fmt: skip
    return section


def _unique(citations: list[Citation]) -> list[dict]:
    seen: dict[tuple, Citation] = {}
    for citation in citations:
        seen.setdefault((citation.document_id, citation.document, citation.page, citation.seconds), citation)
    return [c.as_json() for c in seen.values()]
