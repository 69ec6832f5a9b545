"""Crawl, then extraction applying the printed minutes, then a re-crawl: neither undoes the other."""

from datetime import date

import pytest

from councilwatch.core.http import close_shared_client
from councilwatch.documents.models import Document, DocumentKind
from councilwatch.documents.services import extract_documents
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import Attendance, Decision, Meeting
from councilwatch.pipeline.tests.conftest import make_council
from councilwatch.replay.fixtures import replay_server  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("document_storage")]
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}


@pytest.fixture
def quick_http(settings):
    settings.HTTP_RATE_LIMIT = 0
    settings.HTTP_TIMEOUT = 5.0
    close_shared_client()
    yield
    close_shared_client()


def test_minutes_give_decisions_and_a_recrawl_changes_nothing(replay_server, quick_http):  # noqa: F811
    kent = make_council("KEN", replay_server.base_url)
    first = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert first.status == "succeeded", first.failures
    attendance_before = set(Attendance.objects.values_list("meeting_id", "person_id", "role", "status"))
    minutes = Document.objects.filter(kind=DocumentKind.MINUTES, meeting__isnull=False)
    report = extract_documents(minutes.values_list("pk", flat=True))
    assert report.failed == 0

    cabinet = Meeting.objects.get(upstream_id="9475")
    resolved = Decision.objects.filter(meeting=cabinet, upstream_id__startswith="minutes:")
    # Cabinet's printed minutes resolve on agenda items 3, 5, 6, 7, 8 and 9, each cited to a page.
    assert sorted(resolved.values_list("item__number", flat=True)) == ["3", "5", "6", "7", "8", "9"]
    assert all(d.document.kind == DocumentKind.MINUTES and d.page for d in resolved)
    # What the platform reported about attendance is kept as it was.
    assert attendance_before <= set(Attendance.objects.values_list("meeting_id", "person_id", "role", "status"))

    again = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert again.status == "succeeded", again.failures
    assert again.total("inserted") == 0 and again.total("updated") == 0 and again.total("gone") == 0
    assert resolved.filter(gone_upstream_at__isnull=True).count() == 6
