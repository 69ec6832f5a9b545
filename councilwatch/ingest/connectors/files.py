"""Papers on disk as one meeting's records: for councils no connector reads yet, and for anyone with papers.

The connector turns a committee, a start time and some files into a ``MeetingRecord`` whose documents are the
files (keyed by the meeting and the file name, so a second import of the same files is the same records); the
importer saves it like any crawled meeting, and the reading stage gives the papers their kinds and items.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.utils.text import slugify

from councilwatch.ingest.records import DocumentRef, MeetingRecord


@dataclass(frozen=True)
class LocalFile:
    path: Path
    data: bytes


def meeting_upstream_id(committee_slug: str, start: datetime) -> str:
    return f"local:{committee_slug}:{start:%Y-%m-%dT%H%M}"


def document_upstream_id(meeting_id: str, filename: str) -> str:
    key = f"file:{meeting_id}:{filename}"
    if len(key) <= 200:
        return key
    return f"file:{meeting_id}:{hashlib.sha256(filename.encode()).hexdigest()[:24]}:{filename[:80]}"


class FilesConnector:
    """One meeting from files: ``meeting()`` gives its record; the files' bytes are stored by the service."""

    name = "files"

    def __init__(self, committee_upstream_id: str, committee_name: str, start: datetime, title: str | None) -> None:
        self.committee_upstream_id = committee_upstream_id
        self.committee_name = committee_name
        self.start = start
        self.title = title

    def meeting(self, files: Sequence[LocalFile], *, status: str) -> MeetingRecord:
        slug = slugify(self.committee_name)[:300] or "committee"
        upstream_id = meeting_upstream_id(slug, self.start)
        documents = tuple(
            DocumentRef(document_upstream_id(upstream_id, f.path.name), f.path.stem[:1000], "", "") for f in files
        )
        return MeetingRecord(
            upstream_id=upstream_id,
            committee_upstream_id=self.committee_upstream_id,
            title=self.title or f"{self.committee_name}, {self.start:%-d %B %Y}",
            status=status,
            start=self.start,
            source_url="",
            documents=documents,
        )
