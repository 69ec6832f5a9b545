"""Crawling the replayed Kent ModernGov site: everything arrives, bytes identical, and a re-crawl changes nothing."""

import hashlib
import json
import re
from collections import Counter
from datetime import date

import pytest
from django.conf import settings

from councilwatch.documents.models import Document, DocumentVersion
from councilwatch.documents.storage import read_bytes
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import AgendaItem, Attendance, Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_http", "document_storage")]
KENT = settings.DATA_DIR / "kent"
REPLAY = settings.DATA_DIR / "replay" / "kent"
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}


def kent_hashes() -> dict[str, str]:
    """sha256 of every original paper by its path on democracy.kent.gov.uk (data/kent/*/metadata.json)."""
    hashes = {}
    for meta in KENT.glob("*/metadata.json"):
        for row in json.loads(meta.read_text()):
            hashes[row["url"].removeprefix("https://democracy.kent.gov.uk/")] = row["hash"]
    return hashes


def served(meeting_id: str, pattern: str) -> int:
    return len(re.findall(pattern, (REPLAY / f"GetMeeting_{meeting_id}.xml").read_text()))


def test_kent_crawl_gets_everything_then_a_recrawl_changes_nothing(kent, replay_server, kent_recording):
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "succeeded", run.failures
    asked = Counter(r.target for r in replay_server.requests)
    assert set(asked.values()) == {1} and len(asked) == 46  # politeness: every URL once, robots.txt included
    cabinet, council = Meeting.objects.get(upstream_id="9475"), Meeting.objects.get(upstream_id="9645")
    assert (cabinet.committee.name, cabinet.start.date()) == ("Cabinet", date(2025, 1, 30))
    assert (council.committee.name, council.start.date()) == ("County Council", date(2025, 1, 9))
    assert council.location == "Council Chamber, Sessions House, County Hall, Maidstone"
    for meeting in (cabinet, council):
        mid = meeting.upstream_id
        assert meeting.items.count() == served(mid, "<agendaitem>")
        assert meeting.attendances.count() == served(mid, "<attendee ")
    assert AgendaItem.objects.count() == 12 and Attendance.objects.count() == 107

    hashes = kent_hashes()
    documents = Document.objects.filter(council=kent)
    assert documents.count() == len(kent_recording.documents) == 37
    for document in documents:
        path = document.source_url.removeprefix(replay_server.base_url + "/")
        assert document.sha256 == hashes[path], path
        assert hashlib.sha256(read_bytes(document.storage_path)).hexdigest() == document.sha256
        assert document.meeting in (cabinet, council) and document.fetch_error == ""
    frontsheet = documents.get(upstream_id="g9645-T0")
    assert frontsheet.kind == "agenda" and documents.get(upstream_id="g9645-T1").kind == "minutes"
    assert documents.filter(item__isnull=False).count() == 33

    again = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert again.status == "succeeded", again.failures
    assert again.total("inserted") == 0 and again.total("updated") == 0 and again.total("gone") == 0
    assert again.count("file", "unchanged") == 37
    assert Document.objects.count() == 37 and DocumentVersion.objects.count() == 37
    assert Meeting.objects.count() == 2 and Attendance.objects.count() == 107


def test_an_interrupted_crawl_keeps_what_it_saved_and_the_next_one_completes(kent, replay_server, admin_client):
    from councilwatch.ingest.models import IngestRun

    def interrupt(phase: str, done: int, total: int) -> None:
        if phase == "meetings" and done == 1:
            raise KeyboardInterrupt  # Ctrl-C after the first meeting was saved

    with pytest.raises(KeyboardInterrupt):
        crawl_council(kent, base_url=replay_server.base_url, progress=interrupt, **JAN)
    interrupted = IngestRun.objects.get()
    assert interrupted.status == "failed" and interrupted.error.startswith("KeyboardInterrupt")
    assert interrupted.count("meeting", "inserted") == 1 and Meeting.objects.count() == 1

    resumed = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert resumed.status == "succeeded" and resumed.count("meeting", "inserted") == 1
    assert resumed.count("meeting", "unchanged") == 1
    assert Meeting.objects.count() == 2 and Document.objects.count() == 37 and AgendaItem.objects.count() == 12

    page = admin_client.get("/admin/ingest/ingestrun/")
    assert page.status_code == 200 and b"Kent" in page.content
    detail = admin_client.get(f"/admin/ingest/ingestrun/{interrupted.pk}/change/")
    assert detail.status_code == 200 and b"KeyboardInterrupt" in detail.content
