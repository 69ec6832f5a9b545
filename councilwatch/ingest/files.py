"""``import_files``: a meeting from files on disk, through the same importer and reading stage as a crawl.

Each file is stored (content-addressed, with its version history), extracted page by page, and the meeting's
papers are read (kinds, items, decisions, attendance …). Keys are derived from the meeting and the file
names, so a second run of the same files changes nothing and says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from councilwatch.councils.models import Committee, Council
from councilwatch.documents.extract.sniff import sniff_media_type
from councilwatch.documents.services import extract_documents
from councilwatch.ingest.connectors.files import FilesConnector, LocalFile
from councilwatch.ingest.downloads import store_document_bytes
from councilwatch.ingest.importer import Importer
from councilwatch.ingest.models import IngestRun, RunKind, RunStatus
from councilwatch.ingest.reading import ReadingResult, read_meeting_papers
from councilwatch.meetings.models import Meeting, MeetingStatus


class ImportFilesError(ValueError):
    """The command's input is wrong (unknown council, bad date, missing file); the message says which."""


@dataclass
class FilesImport:
    meeting: Meeting
    meeting_created: bool
    run: IngestRun
    reading: ReadingResult
    kinds: dict[str, str] = field(default_factory=dict)  # file name -> kind
    extraction: dict[str, str] = field(default_factory=dict)  # file name -> status

    def counts(self, kind: str) -> dict[str, int]:
        return self.run.counts.get(kind, {})


def parse_start(value: str) -> datetime:
    try:
        naive = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError as exc:
        raise ImportFilesError(f'--start must look like "2025-01-30 10:00", got {value!r}') from exc
    return timezone.make_aware(naive, timezone.get_default_timezone())


def _files(paths: Sequence[Path]) -> list[LocalFile]:
    if not paths:
        raise ImportFilesError("give at least one file to import")
    files = []
    for path in paths:
        if not path.is_file():
            raise ImportFilesError(f"{path}: no such file")
        files.append(LocalFile(path, path.read_bytes()))
    names = [f.path.name for f in files]
    if len(set(names)) != len(names):
        raise ImportFilesError("two files have the same name; each paper of a meeting needs its own file name")
    return files


def import_files(
    code: str,
    committee: str,
    start: str,
    paths: Sequence[Path],
    *,
    title: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> FilesImport:
    """Create or update one meeting of council ``code`` from local files (see the module docstring)."""
    council = Council.objects.filter(code__iexact=code.strip()).first()
    if council is None:
        raise ImportFilesError(f"no council with code {code!r}: load the registry first (councilwatch load_councils)")
    when = parse_start(start)
    files = _files(paths)
    known = Committee.objects.filter(council=council, name__iexact=committee.strip()).first()
    committee_id = known.upstream_id if known else f"local:{slugify(committee)[:300] or 'committee'}"
    connector = FilesConnector(committee_id, committee.strip(), when, title)
    status = MeetingStatus.HELD if when < timezone.now() else MeetingStatus.SCHEDULED
    record = connector.meeting(files, status=status)
    day = timezone.localtime(when).date()
    existed = Meeting.objects.filter(council=council, upstream_id=record.upstream_id).exists()
    run = IngestRun.objects.create(council=council, kind=RunKind.FILES, since=day, until=day, base_url="")
    importer = Importer(council)
    with transaction.atomic():
        meeting, documents = importer.save_meeting(record, committee.strip())
        for document, local in zip(documents, files, strict=True):
            outcome = store_document_bytes(document, local.data, sniff_media_type(local.data))
            importer.counts["file"][outcome] += 1
    run.meeting = meeting
    extract_documents([d.pk for d in documents], progress=lambda d: progress(d.title) if progress else None)
    reading = read_meeting_papers(meeting.pk)
    run.status, run.counts, run.finished_at = RunStatus.SUCCEEDED, dict(importer.counts), timezone.now()
    run.save()
    report = FilesImport(reading.meeting, not existed, run, reading)
    for document in meeting.documents.order_by("pk"):
        report.kinds[document.title] = document.kind
        report.extraction[document.title] = document.extraction_status
    return report
