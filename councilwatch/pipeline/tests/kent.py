"""Copies of the replayed Kent council, and a snapshot of what the pipeline made of one, to compare runs."""

import json
import re
from datetime import date
from pathlib import Path

from django.conf import settings

from councilwatch.councils.models import Council
from councilwatch.documents.models import Document
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline.tests.conftest import make_council
from councilwatch.summaries.models import Summary

SINCE = date(2025, 1, 1)
UNTIL = date(2025, 2, 28)


def kent_hashes() -> set[str]:
    """sha256 of every real Kent paper shipped in data/kent."""
    hashes: set[str] = set()
    for path in Path(settings.DATA_DIR, "kent").glob("*/metadata.json"):
        hashes |= {entry["hash"] for entry in json.loads(path.read_text())}
    return hashes


def kent_copy(code: str, base_url: str) -> Council:
    """A council whose platform is the Kent replay at ``base_url``."""
    return make_council(code, base_url)


def _portable(body: dict, council: Council, upstream: dict[int, str]) -> str:
    """The summary body with database ids of documents and the council's base URL replaced by stable names."""
    text = json.dumps(body, sort_keys=True).replace(council.platform_base_url.rstrip("/"), "BASE")
    text = re.sub(r'"document_id": (\d+)', lambda m: f'"document_id": "{upstream.get(int(m[1]), m[1])}"', text)
    return re.sub(r"/documents/(\d+)/", lambda m: f"/documents/{upstream.get(int(m[1]), m[1])}/", text)


def snapshot(council: Council) -> dict:
    """Meetings, documents, their extracted text and the summaries, keyed by upstream ids (not database ids)."""
    upstream = dict(Document.objects.filter(council=council).values_list("pk", "upstream_id"))
    meetings = {}
    for meeting in Meeting.objects.filter(council=council).order_by("upstream_id"):
        documents = {
            d.upstream_id: (d.sha256, d.extracted_sha256, d.page_count, d.extraction_status)
            for d in Document.objects.filter(meeting=meeting)
        }
        summaries = [
            (s.version, s.kind, s.headline, _portable(s.body, council, upstream))
            for s in Summary.objects.filter(meeting=meeting).order_by("version")
        ]
        meetings[meeting.upstream_id] = {
            "start": meeting.start.isoformat(),
            "documents": documents,
            "summaries": summaries,
        }
    return meetings
