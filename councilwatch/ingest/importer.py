"""The one importer: saves connector records idempotently, keyed on (council, upstream id), saving only what changed.

Every save is counted as inserted, updated or unchanged per kind; rows no longer found upstream get
``gone_upstream_at`` (never deleted) and count as gone; a row that comes back has it cleared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, TypeVar

from django.db import models
from django.utils import timezone

from councilwatch.councils.models import Committee, Council, Person
from councilwatch.documents.models import Document
from councilwatch.ingest.records import (
    AgendaItemRecord,
    AttendanceRecord,
    CommitteeRecord,
    DecisionRecord,
    DocumentRef,
    MeetingRecord,
    PersonRecord,
)
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting

M = TypeVar("M", bound=models.Model)


def _fit(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Cut strings to their column's length: a council's over-long title must not fail the whole meeting."""
    fitted = {}
    for name, value in values.items():
        if isinstance(value, str):
            limit = getattr(model._meta.get_field(name), "max_length", None)
            if limit and len(value) > limit:
                value = value[: limit - 1] + "…"
        fitted[name] = value
    return fitted


def _pk(obj: models.Model | None) -> int | None:
    return obj.pk if obj is not None else None


Counts = dict[str, dict[str, int]]
#: Upstream ids of decisions that come from the platform (connectors' DecisionRecords) start with this.
PLATFORM_DECISION_PREFIX = "item:"


class Importer:
    def __init__(self, council: Council) -> None:
        self.council = council
        self.counts: Counts = defaultdict(lambda: {"inserted": 0, "updated": 0, "unchanged": 0, "gone": 0})
        self.now = timezone.now()
        self._committees: dict[str, Committee] = {c.upstream_id: c for c in council.committees.all()}
        self._people: dict[str, Person] = {p.upstream_id: p for p in council.people.all()}
        self._people_saved: set[tuple[str, bool]] = set()  # (upstream id, authoritative) saved in this run
        self._people_seen: set[str] = set()

    # -- the generic upsert ------------------------------------------------------------------------------------
    def _save(self, kind: str, existing: M | None, model: type[M], values: dict[str, Any]) -> M:
        """Insert, or update only the fields whose values differ; count the outcome under ``kind``."""
        values = _fit(model, values)
        if existing is None:
            obj = model.objects.create(**values)
            self.counts[kind]["inserted"] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(existing, name) != value]
        if getattr(existing, "gone_upstream_at", None) is not None:
            existing.gone_upstream_at = None  # type: ignore[attr-defined]
            changed.append("gone_upstream_at")
        if not changed:
            self.counts[kind]["unchanged"] += 1
            return existing
        for name in changed:
            if name != "gone_upstream_at":
                setattr(existing, name, values[name])
        update_fields = changed + (["updated_at"] if hasattr(existing, "updated_at") else [])
        existing.save(update_fields=update_fields)
        self.counts[kind]["updated"] += 1
        return existing

    def _mark_gone(self, kind: str, queryset: models.QuerySet) -> int:
        gone = queryset.filter(gone_upstream_at__isnull=True).update(gone_upstream_at=self.now)
        self.counts[kind]["gone"] += gone
        return gone

    # -- committees and people ---------------------------------------------------------------------------------
    def save_committees(self, records: Iterable[CommitteeRecord], *, complete: bool = True) -> None:
        seen = set()
        for record in records:
            seen.add(record.upstream_id)
            values = {"name": record.name, "source_url": record.source_url}
            self._committee(record.upstream_id, values)
        if complete and seen:
            self._mark_gone("committee", self.council.committees.exclude(upstream_id__in=seen))

    def _committee(self, upstream_id: str, values: dict[str, Any]) -> Committee:
        existing = self._committees.get(upstream_id)
        full = {"council": self.council, "upstream_id": upstream_id, **values}
        committee = self._save("committee", existing, Committee, full if existing is None else values)
        self._committees[upstream_id] = committee
        return committee

    def committee_for(self, upstream_id: str, name: str) -> Committee | None:
        """The committee a meeting belongs to; platforms without a committee list name it from the meeting."""
        if not upstream_id:
            return None
        if upstream_id in self._committees:
            return self._committees[upstream_id]
        return self._committee(upstream_id, {"name": name or f"Committee {upstream_id}", "source_url": ""})

    def save_person(self, record: PersonRecord, *, authoritative: bool = True) -> Person:
        """Save a person, once per run and source. Blank values never clear what is known, and attendee lists
        (not authoritative) only fill blanks, so an abbreviated party on an attendee list never overwrites the
        party from the councillor list, and the two sources never undo each other from crawl to crawl."""
        existing = self._people.get(record.upstream_id)
        key = (record.upstream_id, authoritative)
        if key in self._people_saved and existing is not None:
            return existing
        values = {
            "name": record.name,
            "kind": record.kind,
            "party": record.party,
            "ward": record.ward,
            "title": record.title,
            "source_url": record.source_url,
        }
        if existing is None:
            values = {"council": self.council, "upstream_id": record.upstream_id, **values}
        else:
            values = {k: v for k, v in values.items() if v and (authoritative or not getattr(existing, k))}
            if not values and existing.gone_upstream_at is None and record.upstream_id in self._people_seen:
                return existing  # already counted in this run; an attendee list adding nothing is not news
        person = self._save("person", existing, Person, values)
        self._people[record.upstream_id] = person
        self._people_saved.add(key)
        self._people_seen.add(record.upstream_id)
        return person

    def save_people(self, records: Iterable[PersonRecord]) -> None:
        for record in records:
            self.save_person(record)

    # -- meetings ----------------------------------------------------------------------------------------------
    def save_meeting(self, record: MeetingRecord, committee_name: str = "") -> tuple[Meeting, list[Document]]:
        """Save a meeting with its items, documents, attendance and decisions; return it and its documents."""
        committee = self.committee_for(record.committee_upstream_id, committee_name or record.title)
        values = {
            "committee_id": committee.pk if committee else None,
            "title": record.title,
            "status": record.status,
            "start": record.start,
            "end": record.end,
            "location": record.location,
            "web_url": record.web_url,
            "source_url": record.source_url,
        }
        existing = Meeting.objects.filter(council=self.council, upstream_id=record.upstream_id).first()
        if existing is None:
            values = {"council": self.council, "upstream_id": record.upstream_id, **values}
        meeting = self._save("meeting", existing, Meeting, values)
        items = self._save_items(meeting, record.items)
        documents = self._save_documents(meeting, items, record.documents, complete=not record.problems)
        self._save_attendances(meeting, record.attendances)
        self._save_decisions(meeting, items, record.decisions)
        return meeting, documents

    def _save_items(self, meeting: Meeting, records: tuple[AgendaItemRecord, ...]) -> dict[str, AgendaItem]:
        existing = {i.upstream_id: i for i in meeting.items.all()}
        saved = {}
        for record in records:
            values = {
                "number": record.number,
                "order": record.order,
                "title": record.title,
                "description": record.description,
                "minutes_text": record.minutes_text,
                "is_restricted": record.is_restricted,
                "source_url": record.source_url,
            }
            old = existing.get(record.upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": record.upstream_id, **values}
            saved[record.upstream_id] = self._save("item", old, AgendaItem, values)
        self._mark_gone("item", meeting.items.exclude(upstream_id__in=saved))
        return saved

    def _save_documents(
        self, meeting: Meeting, items: dict[str, AgendaItem], refs: tuple[DocumentRef, ...], *, complete: bool
    ) -> list[Document]:
        ids = [r.upstream_id for r in refs]
        existing = {d.upstream_id: d for d in Document.objects.filter(council=self.council, upstream_id__in=ids)}
        saved: list[Document] = []
        for ref in refs:
            values = {
                "meeting_id": meeting.pk,
                "item_id": _pk(items.get(ref.item_upstream_id or "")),
                "title": ref.title,
                "kind": ref.kind,
                "source_url": ref.url,
            }
            old = existing.get(ref.upstream_id)
            if old is None:
                values = {"council": self.council, "upstream_id": ref.upstream_id, **values}
            document = self._save("document", old, Document, values)
            if not ref.is_restricted:
                saved.append(document)
        if complete:
            self._mark_gone("document", meeting.documents.exclude(upstream_id__in=ids))
        return saved

    def _save_attendances(self, meeting: Meeting, records: tuple[AttendanceRecord, ...]) -> None:
        existing = {a.person_id: a for a in meeting.attendances.all()}
        for record in records:
            person = self.save_person(record.person, authoritative=False)
            values = {"role": record.role, "status": record.status, "source_url": record.source_url}
            old = existing.get(person.pk)
            if old is None:
                values = {"meeting": meeting, "person": person, **values}
            existing[person.pk] = self._save("attendance", old, Attendance, values)

    def _save_decisions(
        self, meeting: Meeting, items: dict[str, AgendaItem], records: tuple[DecisionRecord, ...]
    ) -> None:
        existing = {d.upstream_id: d for d in meeting.decisions.all()}
        for record in records:
            values = {
                "item_id": _pk(items.get(record.item_upstream_id or "")),
                "text": record.text,
                "outcome": record.outcome,
                "source_url": record.source_url,
            }
            old = existing.get(record.upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": record.upstream_id, **values}
            self._save("decision", old, Decision, values)
        # Only decisions the platform gave ("item:<id>") can go from it; those read from the printed minutes
        # ("minutes:<n>", documents.services.apply_minutes) are the documents app's to keep or mark.
        platform_decisions = meeting.decisions.filter(upstream_id__startswith=PLATFORM_DECISION_PREFIX)
        self._mark_gone("decision", platform_decisions.exclude(upstream_id__in=[r.upstream_id for r in records]))

    def mark_gone_meetings(self, seen: set[str], since: date, until: date, committees: set[str] | None) -> int:
        """Meetings in the window (of the listed committees) that no listing showed any more."""
        start = timezone.make_aware(datetime.combine(since, datetime.min.time()))
        end = timezone.make_aware(datetime.combine(until, datetime.max.time()))
        queryset = Meeting.objects.filter(council=self.council, start__range=(start, end)).exclude(upstream_id__in=seen)
        if committees is not None:
            queryset = queryset.filter(committee__upstream_id__in=committees)
        return self._mark_gone("meeting", queryset)
