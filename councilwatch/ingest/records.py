"""Plain typed records that connectors yield and the importer saves. They never touch the ORM.

Every record carries the platform's own id (``upstream_id``) and the URL it was read from (``source_url``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CommitteeRecord:
    upstream_id: str
    name: str
    source_url: str
    is_expired: bool = False


@dataclass(frozen=True)
class PersonRecord:
    upstream_id: str
    name: str
    source_url: str = ""
    kind: str = "councillor"
    party: str = ""
    ward: str = ""
    title: str = ""


@dataclass(frozen=True)
class AttendanceRecord:
    person: PersonRecord
    role: str
    status: str  # a meetings.AttendanceStatus value
    source_url: str


@dataclass(frozen=True)
class DocumentRef:
    upstream_id: str
    title: str
    url: str
    kind: str  # a documents.DocumentKind value
    item_upstream_id: str | None = None
    is_restricted: bool = False


@dataclass(frozen=True)
class DecisionRecord:
    """A decision as the platform publishes it; ``upstream_id`` is ``item:<agenda item id>``."""

    upstream_id: str
    text: str
    source_url: str
    item_upstream_id: str | None = None
    outcome: str = "other"


@dataclass(frozen=True)
class AgendaItemRecord:
    upstream_id: str
    number: str
    order: int
    title: str
    source_url: str
    description: str = ""
    minutes_text: str = ""
    is_restricted: bool = False


@dataclass(frozen=True)
class MeetingStub:
    """A meeting as a listing shows it: enough to fetch its details and to notice it has gone."""

    upstream_id: str
    committee_upstream_id: str
    start: datetime
    status: str
    source_url: str
    committee_name: str = ""


@dataclass(frozen=True)
class MeetingRecord:
    upstream_id: str
    committee_upstream_id: str
    title: str
    status: str  # a meetings.MeetingStatus value
    start: datetime
    source_url: str
    end: datetime | None = None
    location: str = ""
    web_url: str = ""
    webcast_url: str = ""  # the recording the platform links, where it links one
    items: tuple[AgendaItemRecord, ...] = ()
    documents: tuple[DocumentRef, ...] = ()
    attendances: tuple[AttendanceRecord, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    #: What could not be read (e.g. the meeting page): the importer records it and leaves the papers as they were.
    problems: tuple[tuple[str, str], ...] = ()  # (url, reason)
