"""Bulk exports of meetings (JSON lines, CSV, City Scrapers) and the nightly dump served at /api/v1/exports/."""

import csv
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, QuerySet
from django.utils import timezone

from councilwatch.api.cityscrapers import to_city_scrapers
from councilwatch.api.filters import link_loaded, meeting_details
from councilwatch.api.schemas import MeetingDetailOut, api_url
from councilwatch.councils.models import Council
from councilwatch.meetings.models import Meeting

FORMATS = ("jsonl", "csv", "city-scrapers")
CSV_COLUMNS = [
    "id",
    "url",
    "council",
    "council_name",
    "committee",
    "title",
    "status",
    "start",
    "end",
    "location",
    "web_url",
    "source_url",
    "items",
    "documents",
    "decisions",
    "summary_headline",
    "topics",
]
DUMP_NAME = re.compile(r"^meetings-(\d{4}-\d{2}-\d{2})\.(jsonl|csv|city-scrapers\.jsonl)\.gz$")
DUMP_FILES = {"jsonl": "jsonl", "csv": "csv", "city-scrapers": "city-scrapers.jsonl"}
MANIFEST = "manifest.json"
CHUNK = 200


class ExportError(ValueError):
    """Bad export arguments (an unknown format or council)."""


def export_queryset(council: Council | None = None, since: date | None = None) -> QuerySet:
    """Meetings to export, oldest first, with everything the exports print loaded in a few queries."""
    qs = meeting_details()
    if council is not None:
        qs = qs.filter(council=council)
    if since is not None:
        changed = Meeting.objects.filter(Q(updated_at__date__gte=since) | Q(summaries__created_at__date__gte=since))
        qs = qs.filter(pk__in=changed.values("pk"))
    return qs.order_by("start", "id")


def meeting_record(meeting: Meeting) -> dict:
    """The meeting as the API's meeting detail (encode with DjangoJSONEncoder, as the API does)."""
    return MeetingDetailOut.model_validate(link_loaded(meeting)).model_dump()


def csv_row(meeting: Meeting) -> dict[str, object]:
    summary = next((s for s in meeting.summaries.all() if s.is_latest), None)
    return {
        "id": meeting.pk,
        "url": api_url(f"meetings/{meeting.pk}"),
        "council": meeting.council.code,
        "council_name": meeting.council.name,
        "committee": meeting.committee.name if meeting.committee_id else "",
        "title": meeting.title,
        "status": meeting.status,
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat() if meeting.end else "",
        "location": meeting.location,
        "web_url": meeting.web_url,
        "source_url": meeting.source_url,
        "items": len(meeting.items.all()),
        "documents": len(meeting.documents.all()),
        "decisions": len(meeting.decisions.all()),
        "summary_headline": summary.headline if summary else "",
        "topics": ";".join(t.slug for t in summary.topics.all()) if summary else "",
    }


def _meetings(queryset: QuerySet) -> Iterator[Meeting]:
    return queryset.iterator(chunk_size=CHUNK)


def write_export(out: TextIO, fmt: str, council: Council | None = None, since: date | None = None) -> int:
    """Write the meetings in ``fmt`` (jsonl, csv or city-scrapers) to ``out``; returns how many."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    meetings = _meetings(export_queryset(council, since))
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for meeting in meetings:
            writer.writerow(csv_row(meeting))
            count += 1
        return count
    now = timezone.now()
    for meeting in meetings:
        record = meeting_record(meeting) if fmt == "jsonl" else to_city_scrapers(meeting, now)
        out.write(json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n")
        count += 1
    return count


def resolve_council(code: str | None) -> Council | None:
    if not code:
        return None
    council = Council.objects.filter(code=code.upper()).first()
    if council is None:
        raise ExportError(f"no council with code {code!r} (see `councilwatch load_councils`)")
    return council


@dataclass(frozen=True)
class DumpFile:
    name: str
    format: str
    date: str
    size: int
    sha256: str
    rows: int
    created: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_dump(directory: Path | None = None, day: date | None = None) -> list[DumpFile]:
    """Write today's gzipped dump in every format, record it in manifest.json and drop the oldest dumps."""
    directory = Path(directory or settings.API_EXPORT_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    day = day or timezone.localdate()
    written = []
    for fmt, suffix in DUMP_FILES.items():
        path = directory / f"meetings-{day.isoformat()}.{suffix}.gz"
        partial = path.with_name(path.name + ".partial")
        with gzip.open(partial, "wt", encoding="utf-8", newline="") as out:
            rows = write_export(out, fmt)
        partial.replace(path)
        stat = path.stat()
        written.append(
            DumpFile(path.name, fmt, day.isoformat(), stat.st_size, _sha256(path), rows, timezone.now().isoformat())
        )
    previous = [f for f in read_manifest(directory) if f.date != day.isoformat()]
    keep_days = sorted({f.date for f in previous}, reverse=True)[: max(0, settings.API_EXPORT_KEEP - 1)]
    kept = [f for f in previous if f.date in keep_days]
    for stale in {p.name for p in directory.glob("meetings-*.gz")} - {f.name for f in kept + written}:
        (directory / stale).unlink()
    manifest = sorted(written + kept, key=lambda f: (f.date, f.name), reverse=True)
    tmp = directory / (MANIFEST + ".partial")
    tmp.write_text(json.dumps([asdict(f) for f in manifest], indent=1))
    tmp.replace(directory / MANIFEST)
    return written


def read_manifest(directory: Path | None = None) -> list[DumpFile]:
    """The dump files listed in manifest.json that still exist, newest first."""
    directory = Path(directory or settings.API_EXPORT_DIR)
    try:
        entries = json.loads((directory / MANIFEST).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        return []
    files = [DumpFile(**e) for e in entries if DUMP_NAME.match(e.get("name", ""))]
    return [f for f in files if (directory / f.name).is_file()]


def dump_path(name: str) -> Path | None:
    """The file behind a listed dump name, or None (names not in the manifest are never opened)."""
    for entry in read_manifest():
        if entry.name == name:
            return Path(settings.API_EXPORT_DIR) / entry.name
    return None


def parse_since(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as exc:
        raise ExportError(f"--since must be a date as YYYY-MM-DD, got {value!r}") from exc
