"""Crawl, extract, read the papers, re-crawl: nothing undoes anything; and one importer for every way in —
a crawl and ``import_files`` of the same papers give the same kinds, items and decisions."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from councilwatch.core.http import close_shared_client
from councilwatch.documents.models import Document, DocumentKind
from councilwatch.documents.services import extract_documents
from councilwatch.ingest.files import import_files
from councilwatch.ingest.reading import read_meeting_papers
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import Attendance, Decision, Meeting
from councilwatch.pipeline.tests.conftest import make_council
from councilwatch.replay.fixtures import replay_server  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("document_storage")]
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}
CABINET = Path(settings.BASE_DIR) / "data" / "kent" / "cabinet_2025-01-30" / "originals"


@pytest.fixture
def quick_http(settings):
    settings.HTTP_RATE_LIMIT = 0
    settings.HTTP_TIMEOUT = 5.0
    close_shared_client()
    yield
    close_shared_client()


def _rows(meeting: Meeting) -> dict:
    documents = meeting.documents.filter(gone_upstream_at=None)
    return {
        "kinds": sorted((d.sha256, d.kind) for d in documents),  # the same papers, however they are titled
        "items": [(i.number, i.title) for i in meeting.items.filter(gone_upstream_at=None).order_by("order")],
        "decisions": sorted(
            (d.item.number if d.item else "", d.text) for d in meeting.decisions.filter(gone_upstream_at=None)
        ),
    }


def test_crawl_extract_read_then_recrawl_changes_nothing(replay_server, quick_http):  # noqa: F811
    kent = make_council("KEN", replay_server.base_url)
    first = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert first.status == "succeeded", first.failures
    attendance_before = set(Attendance.objects.values_list("meeting_id", "person_id", "role", "status"))
    assert extract_documents(Document.objects.values_list("pk", flat=True)).failed == 0
    cabinet = Meeting.objects.get(upstream_id="9475")
    reading = read_meeting_papers(cabinet.pk)
    assert reading.run is not None and reading.run.count("decision", "inserted") == 6
    resolved = Decision.objects.filter(meeting=cabinet, upstream_id__startswith="read:")
    # Cabinet's printed minutes resolve on agenda items 3, 5, 6, 7, 8 and 9, each cited to a page.
    assert sorted(resolved.values_list("item__number", flat=True)) == ["3", "5", "6", "7", "8", "9"]
    assert all(d.document.kind == DocumentKind.MINUTES and d.page for d in resolved)
    # What the platform reported about attendance is kept as it was.
    assert attendance_before <= set(Attendance.objects.values_list("meeting_id", "person_id", "role", "status"))

    again = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert again.status == "succeeded", again.failures
    assert again.total("inserted") == 0 and again.total("updated") == 0 and again.total("gone") == 0
    assert read_meeting_papers(cabinet.pk).run is None  # nothing it reads changed
    forced = read_meeting_papers(cabinet.pk, force=True).run
    assert forced.total("inserted") == 0 and forced.total("updated") == 0 and forced.total("gone") == 0
    assert resolved.filter(gone_upstream_at__isnull=True).count() == 6


def test_crawl_and_import_files_give_identical_rows(replay_server, quick_http):  # noqa: F811
    crawled_council = make_council("KEN", replay_server.base_url)
    crawl_council(crawled_council, base_url=replay_server.base_url, **JAN)
    crawled = Meeting.objects.get(council=crawled_council, upstream_id="9475")
    extract_documents(crawled.documents.values_list("pk", flat=True))
    read_meeting_papers(crawled.pk)

    make_council("KCX", "")
    crawled_bytes = set(crawled.documents.values_list("sha256", flat=True))
    files = sorted(p for p in CABINET.glob("*.pdf") if hashlib.sha256(p.read_bytes()).hexdigest() in crawled_bytes)
    assert len(files) == len(crawled_bytes)
    report = import_files("KCX", "Cabinet", "2025-01-30 10:00", files)
    imported = report.meeting
    assert report.counts("document")["inserted"] == len(files)

    crawled_rows, imported_rows = _rows(crawled), _rows(imported)
    assert imported_rows["kinds"] == crawled_rows["kinds"]
    assert imported_rows["decisions"] == crawled_rows["decisions"]
    assert [n for n, _ in imported_rows["items"]] == [n for n, _ in crawled_rows["items"]]
    for (_, read_title), (_, platform_title) in zip(imported_rows["items"], crawled_rows["items"], strict=True):
        assert read_title.split()[:6] == platform_title.split()[:6]

    again = import_files("KCX", "Cabinet", "2025-01-30 10:00", files)
    assert again.run.total("inserted") == 0 and again.run.total("updated") == 0
    assert again.reading.run is None  # the same papers: nothing to read again
