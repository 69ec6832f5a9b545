"""Plain records the summariser works on, built from the database (sources.py) or straight from files (evaluation)."""

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

    def citation(self, page: int) -> dict:
        page = max(1, min(page, len(self.pages) or 1))
        return {
            "document": self.title,
            "document_id": self.id,
            "page": page,
            "url": f"/documents/{self.id}/#page={page}" if self.id is not None else "",
            "source_url": f"{self.source_url}#page={page}" if self.source_url else "",
        }


@dataclass(frozen=True)
class AgendaEntry:
    number: str
    title: str
    description: str = ""
    minutes_text: str = ""


@dataclass(frozen=True)
class DecisionEntry:
    item_number: str | None
    text: str
    document: SourceDocument | None = None
    page: int | None = None


@dataclass(frozen=True)
class AttendeeEntry:
    name: str
    role: str
    status: str


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

    def minutes(self) -> SourceDocument | None:
        """This meeting's own minutes: a minutes document not filed under an agenda item, 'printed minutes' first."""
        own = [d for d in self.documents if d.kind == "minutes" and d.item_number is None and d.pages]
        own.sort(key=lambda d: ("printed minutes" not in d.title.lower(), d.title))
        return own[0] if own else None

    def reports_for(self, number: str) -> list[SourceDocument]:
        kinds = ("report", "supplement")
        return [d for d in self.documents if d.item_number == number and d.kind in kinds and d.pages]
