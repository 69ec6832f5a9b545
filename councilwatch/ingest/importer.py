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

from councilwatch.core.text import name_key
from councilwatch.councils.models import Committee, Council, Person
from councilwatch.documents.models import Document
from councilwatch.documents.structure.align import normal_number
from councilwatch.documents.structure.reader import MeetingRead
from councilwatch.ingest.records import (
    AgendaItemRecord,
    AttendanceRecord,
    CommitteeRecord,
    DecisionRecord,
    DocumentRef,
    MeetingRecord,
    PersonRecord,
)
from councilwatch.meetings.models import (
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Motion,
    PaperSpan,
    Participation,
    RecordedVote,
)

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
        if record.webcast_url:  # a recording given by hand (import_webcast) stays when the platform links none
            values["webcast_url"] = record.webcast_url
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
        # Items read from the papers ("agenda:<n>") are the reading stage's to keep or mark.
        self._mark_gone("item", meeting.items.exclude(upstream_id__in=saved).exclude(upstream_id__startswith="agenda:"))
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
            if not ref.kind:  # a file's kind is read from its text, by the reading stage
                values.pop("kind")
            if old is None:
                values = {
                    "council": self.council,
                    "upstream_id": ref.upstream_id,
                    "kind": ref.kind or "other",
                    **values,
                }
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
        # ("read:…", ingest/reading.py) are the reading stage's to keep or mark.
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

    # -- what reading the papers found ---------------------------------------------------------------------------
    def save_reading(self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document]) -> None:
        """Save what ``documents.structure.read_meeting`` found in a meeting's papers, idempotently.

        Keys are derived from the paper and the item, so a second reading of the same papers changes nothing;
        rows made by an earlier reading that this one no longer finds are marked gone (decisions, motions,
        participation) or removed (spans and recorded votes, which are only ever derived).
        """
        self._save_paper_kinds(read, documents)
        items = self._save_read_items(meeting, read)
        self._save_spans(meeting, read, documents, items)
        self._save_read_decisions(meeting, read, documents, items)
        self._save_motions(meeting, read, documents, items)
        self._save_read_attendance(meeting, read, documents)
        self._save_participation(meeting, read, documents, items)

    def _save_paper_kinds(self, read: MeetingRead, documents: dict[str, Document]) -> None:
        for info in read.papers:
            document = documents.get(info.key)
            if document is None:
                continue
            translation = documents.get(info.translation_of) if info.translation_of else None
            values: dict[str, Any] = {
                "kind": info.kind,
                "language": info.language,
                "translation_of_id": _pk(translation),
                "proceedings": info.proceedings,
                "printed_date": date.fromisoformat(info.printed_date) if info.printed_date else None,
            }
            self._save("paper", document, Document, values)

    def _save_read_items(self, meeting: Meeting, read: MeetingRead) -> dict[str, AgendaItem]:
        """Items the papers give (not the platform's): keyed ``agenda:<number>``; the platform's are kept."""
        existing = list(meeting.items.all())
        by_number = {normal_number(i.number): i for i in existing if i.gone_upstream_at is None}
        if read.items_source in ("platform", ""):
            return by_number
        saved: dict[str, AgendaItem] = {}
        own = {i.upstream_id: i for i in existing}
        for order, entry in enumerate(read.items, start=1):
            upstream_id = f"agenda:{normal_number(entry.number)}"
            values = {"number": entry.number, "order": order, "title": entry.title, "description": entry.description}
            old = own.get(upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": upstream_id, **values}
            saved[normal_number(entry.number)] = self._save("item", old, AgendaItem, values)
        stale = meeting.items.filter(upstream_id__startswith="agenda:").exclude(
            upstream_id__in=[f"agenda:{n}" for n in saved]
        )
        self._mark_gone("item", stale)
        return saved

    def _save_spans(
        self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document], items: dict[str, AgendaItem]
    ) -> None:
        existing = {s.key: s for s in meeting.spans.all()}
        seen = set()
        for span in read.spans:
            document = documents.get(span.paper)
            if document is None:
                continue
            item = items.get(normal_number(span.item or ""))
            key = f"{span.role}:{document.pk}:{span.page}:{normal_number(span.item or '-')}"[:200]
            if key in seen:
                continue
            seen.add(key)
            values = {
                "item_id": _pk(item),
                "page_end": span.page_end,
                "heading": span.heading,
                "text": span.text,
                "structure": span.structure,
            }
            old = existing.get(key)
            if old is None:
                values = {"meeting": meeting, "document": document, "role": span.role, "page": span.page, "key": key,
                          **values}  # fmt: skip
            self._save("span", old, PaperSpan, values)
        stale = [s.pk for k, s in existing.items() if k not in seen]
        if stale:
            PaperSpan.objects.filter(pk__in=stale).delete()
            self.counts["span"]["gone"] += len(stale)

    def _save_read_decisions(
        self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document], items: dict[str, AgendaItem]
    ) -> None:
        existing = {d.upstream_id: d for d in meeting.decisions.all()}
        seen = []
        for order, decision in enumerate(read.decisions):
            document = documents.get(decision.paper)
            upstream_id = f"read:{decision.key}"[:200]
            seen.append(upstream_id)
            values = {
                "item_id": _pk(items.get(normal_number(decision.item or ""))),
                "text": decision.text,
                "outcome": decision.outcome,
                "document_id": _pk(document),
                "page": decision.page if document is not None else None,
                "source": decision.source,
                "order": order,
                "source_url": document.source_url if document is not None else "",
            }
            old = existing.get(upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": upstream_id, **values}
            self._save("decision", old, Decision, values)
        self._mark_gone(
            "decision", meeting.decisions.filter(upstream_id__startswith="read:").exclude(upstream_id__in=seen)
        )

    def _save_motions(
        self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document], items: dict[str, AgendaItem]
    ) -> None:
        existing = {m.upstream_id: m for m in meeting.motions.all()}
        saved: dict[str, Motion] = {}
        for order, found in enumerate(read.motions):
            motion = found.motion
            document = documents.get(found.paper)
            prefix = f"{found.paper}:{normal_number(found.item or '-')}"
            upstream_id = f"{prefix}:{motion.key}"[:200]
            parent = saved.get(f"{prefix}:{motion.parent}") if motion.parent else None
            values = {
                "item_id": _pk(items.get(normal_number(found.item or ""))),
                "amends_id": _pk(parent),
                "kind": motion.kind,
                "label": motion.label,
                "mover": motion.mover,
                "seconder": motion.seconder,
                "proposes": motion.proposes,
                "amount": motion.amount,
                "funding": motion.funding,
                "outcome": motion.outcome,
                "unanimous": motion.unanimous,
                "votes_for": motion.votes_for,
                "votes_against": motion.votes_against,
                "votes_abstain": motion.votes_abstain,
                "document_id": _pk(document),
                "page": motion.page,
                "order": order,
                "source_url": document.source_url if document is not None else "",
            }
            old = existing.get(upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": upstream_id, **values}
            saved[f"{prefix}:{motion.key}"] = row = self._save("motion", old, Motion, values)
            self._save_recorded_votes(row, motion.named)
        self._mark_gone("motion", meeting.motions.exclude(upstream_id__in=[m.upstream_id for m in saved.values()]))

    def _save_recorded_votes(self, motion: Motion, named: tuple[tuple[str, str], ...]) -> None:
        wanted = {(name[:200], vote) for name, vote in named}
        current = {(v.name, v.vote): v for v in motion.recorded_votes.all()}
        if wanted:
            new = [RecordedVote(motion=motion, name=name, vote=vote) for name, vote in sorted(wanted - current.keys())]
            RecordedVote.objects.bulk_create(new)  # no signals listen to votes: one insert, not one per member
            self.counts["recorded vote"]["inserted"] += len(new)
            self.counts["recorded vote"]["unchanged"] += len(wanted) - len(new)
        stale = [v.pk for key, v in current.items() if key not in wanted]
        if stale:
            RecordedVote.objects.filter(pk__in=stale).delete()
            self.counts["recorded vote"]["gone"] += len(stale)

    def _save_read_attendance(self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document]) -> None:
        """Attendance the papers list. Rows the platform reported (no paper) are left as it has them."""
        existing = {a.person_id: a for a in meeting.attendances.select_related("person")}
        seen: set[int] = set()
        for found in read.attendance:
            entry = found.entry
            document = documents.get(found.paper)
            key = name_key(entry.name)
            if not key:
                continue
            person = self._people.get(f"name:{key}"[:200]) or next(
                (p for p in self._people.values() if name_key(p.name) == key), None
            )
            if person is None:
                officer = entry.status in ("in_attendance", "virtual") and entry.role not in ("Member", "")
                person = self.save_person(
                    PersonRecord(
                        upstream_id=f"name:{key}"[:200],
                        name=entry.name,
                        source_url=document.source_url if document else "",
                        kind="officer" if officer else "councillor",
                        title=entry.role if officer else "",
                    ),
                    authoritative=False,
                )
            if person.pk in seen:
                continue
            seen.add(person.pk)
            old = existing.get(person.pk)
            if (
                old is not None
                and old.document_id is None
                and old.source_url
                and old.source_url != (document.source_url if document else "")
            ):
                continue  # the platform's own row
            values = {
                "role": entry.role,
                "status": entry.status,
                "substitute_for": entry.substitute_for,
                "document_id": _pk(document),
                "page": entry.page,
                "source_url": document.source_url if document else "",
            }
            if old is None:
                values = {"meeting": meeting, "person": person, **values}
            existing[person.pk] = self._save("attendance", old, Attendance, values)
        stale = [a.pk for a in existing.values() if a.document_id is not None and a.person_id not in seen]
        if stale:  # listed by a paper no longer read as this meeting's record
            Attendance.objects.filter(pk__in=stale).delete()
            self.counts["attendance"]["gone"] += len(stale)

    def _save_participation(
        self, meeting: Meeting, read: MeetingRead, documents: dict[str, Document], items: dict[str, AgendaItem]
    ) -> None:
        existing = {p.upstream_id: p for p in meeting.participation.all()}
        seen = []
        for order, found in enumerate(read.participation):
            entry = found.entry
            document = documents.get(found.paper)
            upstream_id = f"{found.paper}:{normal_number(found.item or '-')}:{order}"[:200]
            seen.append(upstream_id)
            values = {
                "item_id": _pk(items.get(normal_number(found.item or ""))),
                "kind": entry.kind,
                "number": entry.number,
                "person": entry.person,
                "title": entry.title,
                "signatures": entry.signatures,
                "answer": entry.answer,
                "document_id": _pk(document),
                "page": entry.page,
                "order": order,
            }
            old = existing.get(upstream_id)
            if old is None:
                values = {"meeting": meeting, "upstream_id": upstream_id, **values}
            self._save("participation", old, Participation, values)
        self._mark_gone("participation", meeting.participation.exclude(upstream_id__in=seen))
