"""Plain records the summariser works on: a meeting's stored structure and the text of its papers.

Built from the database by ``sources.py``; everything here is what reading the papers found
(``ingest/reading.py``) — the summariser never parses papers itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class SourceDocument:
    id: int | None
    title: str
    kind: str  # documents.models.DocumentKind value
    pages: tuple[str, ...]  # page 1 is pages[0]
    source_url: str = ""
    item_number: str | None = None  # the agenda item it belongs to, when known
    sha256: str = ""
    proceedings: str = ""  # this | other | unknown | "" (documents.models.Proceedings)

    def citation(self, page: int) -> dict:
        """Document and page; the web turns them into links."""
        page = max(1, min(page, len(self.pages) or 1))
        return {"document": self.title, "document_id": self.id, "page": page}


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    description: str = ""
    minutes_text: str = ""


@dataclass(frozen=True)
class SpanEntry:
    """A part of a paper belonging to one item (meetings.PaperSpan)."""

    item_number: str | None
    document: SourceDocument
    role: str  # report | appendix | minutes | decision | page | previous_minutes
    page: int
    page_end: int
    heading: str = ""
    text: str = ""
    structure: dict = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionEntry:
    item_number: str | None
    text: str
    document: SourceDocument | None = None
    page: int | None = None
    outcome: str = "other"
    source: str = ""


@dataclass(frozen=True)
class MotionEntry:
    item_number: str | None
    kind: str
    label: str
    mover: str
    seconder: str
    proposes: str
    outcome: str
    document: SourceDocument | None = None
    page: int | None = None
    amount: str = ""
    funding: str = ""
    unanimous: bool = False
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None
    named: dict[str, list[str]] = field(default_factory=dict)
    amends: str = ""  # the label of the motion an amendment amends


@dataclass(frozen=True)
class AttendeeEntry:
    name: str
    role: str
    status: str
    substitute_for: str = ""
    document: SourceDocument | None = None
    page: int | None = None


@dataclass
class MeetingSources:
    id: int | None
    council: str
    committee: str
    start: datetime | None
    status: str
    url: str
    agenda: list[AgendaEntry] = field(default_factory=list)
    documents: list[SourceDocument] = field(default_factory=list)
    decisions: list[DecisionEntry] = field(default_factory=list)
    attendees: list[AttendeeEntry] = field(default_factory=list)
    spans: list[SpanEntry] = field(default_factory=list)
    motions: list[MotionEntry] = field(default_factory=list)
    participation: dict[str, dict[str, int]] = field(default_factory=dict)  # item → {"questions": n, …}
    # item → the pages the last entry of each kind is printed on, in each paper ("Question 42 – …", p. 38)
    participation_pages: dict[str, list[tuple[SourceDocument, int]]] = field(default_factory=dict)
    reading_kind: str = ""  # what reading the papers found: outcome | preview

    def spans_for(self, number: str, *roles: str) -> list[SpanEntry]:
        return [s for s in self.spans if s.item_number == number and (not roles or s.role in roles)]

    def own_records(self) -> list[SourceDocument]:
        """This meeting's own minutes and decision records (never another meeting's)."""
        return [d for d in self.documents if d.proceedings == "this"]
