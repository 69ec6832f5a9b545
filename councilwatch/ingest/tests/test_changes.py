"""A re-crawl after changes upstream (a temporary copy of the Kent recording, altered) updates without duplicates
and marks what has gone."""

import hashlib
import json
import re
import shutil
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from councilwatch.documents.models import Document
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import AgendaItem, Meeting
from councilwatch.replay.testing import running_replay_server

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_http", "document_storage")]
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}
REPLAY = settings.DATA_DIR / "replay" / "kent"
SUPPLEMENT = "kent/cabinet_2025-01-30/public_packs/24-00096 - PROD 30th-Jan-2025 10.00 Cabinet.pdf"
NEW_REPORT = "kent/cabinet_2025-01-30/originals/24-00096 - EQIA.pdf"


def alter(folder) -> None:  # type: ignore[no-untyped-def]
    """Cabinet cancelled; County Council moved to the afternoon, its last item withdrawn, its printed minutes gone, a supplement added and
    its report replaced by new bytes."""
    manifest = json.loads((folder / "manifest.json").read_text())
    for meeting in manifest["meetings"]:
        if meeting["id"] == 9475:
            meeting["status"] = "Cancelled"
        if meeting["id"] == 9645:
            meeting["time"] = "2.00 pm"
    for doc in manifest["documents"]:
        if doc["key"] == "s128315":
            doc["file"] = NEW_REPORT
    supplement = "https://democracy.kent.gov.uk/documents/g9645/Supplementary%20agenda%2009th-Jan-2025.pdf?T=11"
    manifest["documents"].append({"key": "g9645?T=11", "url": supplement, "file": SUPPLEMENT, "meeting_id": 9645})
    (folder / "manifest.json").write_text(json.dumps(manifest))
    cabinet = folder / "GetMeeting_9475.xml"
    cabinet.write_text(cabinet.read_text().replace("<meetingstatus>Confirmed<", "<meetingstatus>Cancelled<", 1))
    council = folder / "GetMeeting_9645.xml"
    xml = council.read_text().replace("<meetingtime>10.00 am<", "<meetingtime>2.00 pm<")
    last = xml.rindex("<agendaitem>")
    council.write_text(xml[:last] + xml[xml.index("</agendaitem>", last) + len("</agendaitem>") :])
    page = folder / "ieListDocuments_9645.html"
    html = re.sub(r'<li><a href="[^"]*\?T=1">Printed minutes PDF file</a></li>', "", page.read_text())
    page.write_text(html.replace("</ul>", f'<li><a href="{supplement}">Supplementary agenda</a></li></ul>', 1))


def test_recrawl_after_upstream_changes(kent, replay_server, tmp_path):
    crawl_council(kent, base_url=replay_server.base_url, **JAN)
    copy = tmp_path / "kent"
    shutil.copytree(REPLAY, copy)
    alter(copy)
    last_item = AgendaItem.objects.filter(meeting__upstream_id="9645").order_by("order").last()
    with running_replay_server(recording_dir=copy) as changed:
        run = crawl_council(kent, base_url=changed.base_url, **JAN)
    assert run.status == "succeeded", run.failures
    assert Meeting.objects.get(upstream_id="9475").status == "cancelled"
    moved = Meeting.objects.get(upstream_id="9645").start.astimezone(ZoneInfo("Europe/London"))
    assert (moved.date(), moved.hour) == (date(2025, 1, 9), 14)
    assert run.count("meeting", "updated") == 2 and run.count("meeting", "inserted") == 0
    last_item.refresh_from_db()
    assert last_item.gone_upstream_at is not None and run.count("item", "gone") == 1
    assert Document.objects.get(upstream_id="g9645-T1").gone_upstream_at is not None
    supplement = Document.objects.get(upstream_id="g9645-T11")
    assert supplement.kind == "supplement" and supplement.meeting.upstream_id == "9645"
    report = Document.objects.get(upstream_id="128315")
    new_bytes = (settings.DATA_DIR / NEW_REPORT).read_bytes()
    assert report.sha256 == hashlib.sha256(new_bytes).hexdigest() and report.versions.count() == 2
    assert report.extraction_status == "pending"
    assert run.count("file", "updated") == 1 and run.count("file", "inserted") == 1
    assert Document.objects.count() == 38 and Meeting.objects.count() == 2  # nothing duplicated
    assert AgendaItem.objects.filter(gone_upstream_at__isnull=True).count() == 11
