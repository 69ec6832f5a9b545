"""A meeting from files on disk: for councils no connector reads yet, and for anyone with papers at hand.

``import_local_files`` stores each file (content-addressed), extracts it, classifies it from its name and text,
creates the agenda items an agenda frontsheet lists, links papers to their items and applies the meeting's
printed minutes. Keys are derived from the meeting and the file name, so a second run changes nothing.
"""

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from councilwatch.councils.models import Committee, Council
from councilwatch.documents.classify import agenda_item_hint, classify_kind
from councilwatch.documents.extract.sniff import sniff_media_type
from councilwatch.documents.models import Document, DocumentVersion
from councilwatch.documents.services import apply_minutes, extract_document, extraction_worker
from councilwatch.documents.storage import store_bytes
from councilwatch.documents.structure import parse_agenda
from councilwatch.meetings.models import AgendaItem, Meeting, MeetingStatus


class ImportFilesError(ValueError):
    """The command's input is wrong (unknown council, bad date, missing file); the message says which."""


@dataclass
class LocalImportReport:
    meeting: Meeting
    meeting_created: bool
    documents: dict[str, int] = field(default_factory=dict)  # inserted / updated / unchanged
    items: dict[str, int] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)  # file name -> kind
    extraction: dict[str, str] = field(default_factory=dict)  # file name -> status
    minutes: list[str] = field(default_factory=list)  # what applying minutes did

    @property
    def created_anything(self) -> bool:
        return self.meeting_created or bool(self.documents.get("inserted") or self.items.get("inserted"))


def _count(counts: dict[str, int], key: str) -> None:
    counts[key] = counts.get(key, 0) + 1


def parse_start(value: str) -> datetime:
    try:
        naive = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise ImportFilesError(f'--start must look like "2025-01-30 10:00", got {value!r}') from exc
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _document_key(meeting: Meeting, filename: str) -> str:
    key = f"file:{meeting.upstream_id}:{filename}"
    if len(key) <= 200:
        return key
    return f"file:{meeting.upstream_id}:{hashlib.sha256(filename.encode()).hexdigest()[:24]}:{filename[:80]}"


def _meeting(council: Council, committee_name: str, start: datetime, title: str | None) -> tuple[Meeting, bool]:
    committee = Committee.objects.filter(council=council, name__iexact=committee_name.strip()).first()
    if committee is None:
        slug = slugify(committee_name)[:300] or "committee"
        committee, _ = Committee.objects.get_or_create(
            council=council, upstream_id=f"local:{slug}", defaults={"name": committee_name.strip(), "slug": slug}
        )
    local = timezone.localtime(start)
    upstream_id = f"local:{committee.slug or slugify(committee.name)}:{local:%Y-%m-%dT%H%M}"
    meeting, created = Meeting.objects.get_or_create(
        council=council,
        upstream_id=upstream_id,
        defaults={
            "committee": committee,
            "title": title or f"{committee.name}, {local:%-d %B %Y}",
            "start": start,
            "status": MeetingStatus.HELD if start < timezone.now() else MeetingStatus.SCHEDULED,
        },
    )
    if not created and title and meeting.title != title:
        meeting.title = title
        meeting.save(update_fields=["title", "updated_at"])
    return meeting, created


def _store(meeting: Meeting, path: Path, data: bytes, counts: dict[str, int]) -> Document:
    blob = store_bytes(data)
    media_type = sniff_media_type(data)
    now = timezone.now()
    document, created = Document.objects.get_or_create(
        council=meeting.council,
        upstream_id=_document_key(meeting, path.name),
        defaults={
            "meeting": meeting,
            "title": path.stem[:1000],
            "sha256": blob.sha256,
            "size": blob.size,
            "storage_path": blob.path,
            "media_type": media_type,
            "fetched_at": now,
        },
    )
    if created:
        _count(counts, "inserted")
    elif document.sha256 != blob.sha256 or document.storage_path != blob.path:
        document.sha256, document.size, document.storage_path = blob.sha256, blob.size, blob.path
        document.media_type, document.fetched_at = media_type, now
        document.save(update_fields=["sha256", "size", "storage_path", "media_type", "fetched_at", "updated_at"])
        _count(counts, "updated")
    else:
        _count(counts, "unchanged")
    DocumentVersion.objects.get_or_create(
        document=document,
        sha256=blob.sha256,
        defaults={"size": blob.size, "media_type": media_type, "storage_path": blob.path, "fetched_at": now},
    )
    return document


def _first_pages(document: Document, count: int = 2) -> str:
    return "\n".join(document.pages.order_by("number").values_list("text", flat=True)[:count])


def _agenda_items(meeting: Meeting, document: Document, counts: dict[str, int]) -> None:
    pages = list(document.pages.order_by("number").values_list("text", flat=True))
    for order, entry in enumerate(parse_agenda(pages), start=1):
        values = {"number": entry.number, "order": order, "title": entry.title[:1000]}
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting, upstream_id=f"agenda:{entry.number}", defaults=values
        )
        if created:
            _count(counts, "inserted")
            continue
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        for name in changed:
            setattr(item, name, values[name])
        if changed:
            item.save(update_fields=[*changed, "updated_at"])
        _count(counts, "updated" if changed else "unchanged")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:-[0-9]+)?", text.lower())) - {"and", "of", "the", "for", "in", "to", "a"}


def _item_for(meeting: Meeting, document: Document) -> AgendaItem | None:
    """The agenda item a paper belongs to: 'Item 7 - ...', a decision number the item's title gives, or a title
    whose words are (nearly) all in the item's title."""
    number, decision = agenda_item_hint(document.title)
    items = list(AgendaItem.objects.filter(meeting=meeting))
    if number:
        return next((i for i in items if i.number == number), None)
    if decision:
        return next((i for i in items if decision in i.title), None)
    words = _words(document.title)
    if len(words) >= 3:
        scored = [(len(words & _words(i.title)) / len(words), i) for i in items]
        best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
        if best[0] >= 0.8:
            return best[1]
    return None


def import_local_files(
    code: str,
    committee: str,
    start: str,
    paths: Sequence[Path],
    *,
    title: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> LocalImportReport:
    """Create or update one meeting of council ``code`` from local files (see the module docstring)."""
    council = Council.objects.filter(code__iexact=code.strip()).first()
    if council is None:
        raise ImportFilesError(f"no council with code {code!r}: load the registry first (councilwatch load_councils)")
    when = parse_start(start)
    if not paths:
        raise ImportFilesError("give at least one file to import")
    contents: list[tuple[Path, bytes]] = []
    for path in paths:
        if not path.is_file():
            raise ImportFilesError(f"{path}: no such file")
        contents.append((path, path.read_bytes()))
    names = [path.name for path, _ in contents]
    if len(set(names)) != len(names):
        raise ImportFilesError("two files have the same name; each paper of a meeting needs its own file name")

    meeting, meeting_created = _meeting(council, committee, when, title)
    report = LocalImportReport(meeting=meeting, meeting_created=meeting_created)
    documents = [_store(meeting, path, data, report.documents) for path, data in contents]
    with extraction_worker() as worker:
        for document in documents:
            extracted = extract_document(document.pk, worker=worker)
            report.extraction[document.title] = extracted.extraction_status
            if progress is not None:
                progress(document.title)
    for document in documents:
        document.refresh_from_db()
        kind = classify_kind(
            document.title + Path(document.upstream_id).suffix, document.media_type, _first_pages(document)
        )
        report.kinds[document.title] = kind
        if document.kind != kind:
            document.kind = kind
            document.save(update_fields=["kind", "updated_at"])
    for document in documents:
        if document.kind == "agenda":
            _agenda_items(meeting, document, report.items)
    for document in documents:
        item = None if document.kind == "agenda" else _item_for(meeting, document)
        if document.item_id != (item.pk if item else None):
            document.item = item
            document.save(update_fields=["item", "updated_at"])
    for document in documents:
        if document.kind == "minutes":
            applied = apply_minutes(document)
            report.minutes.append(
                f"{document.title}: {applied.skipped}"
                if applied.skipped
                else f"{document.title}: decisions {applied.decisions}, attendance {applied.attendance}"
            )
    return report
