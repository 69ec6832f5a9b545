"""crawl_council over a CMIS site on 127.0.0.1 answering with the real Birmingham pages."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings

from councilwatch.core.tests.local_server import Answer, local_server
from councilwatch.councils.models import Committee
from councilwatch.documents.models import Document
from councilwatch.ingest.connectors.cmis import DEFAULT_CALENDAR_PATH
from councilwatch.ingest.services import crawl_council
from councilwatch.ingest.tests.conftest import make_council
from councilwatch.meetings.models import Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_http", "document_storage")]
BHM = settings.DATA_DIR / "cmis" / "birmingham"
PAPER = (
    settings.DATA_DIR
    / "kent"
    / "full_council_2025-01-09"
    / "originals"
    / "Appendix A - 16.12.24 Ministerial Letter.pdf"
)


def test_cmis_crawl(db):
    birmingham = make_council("BIR", "Birmingham City Council", "cmis", "https://birmingham.cmis.uk.com/birmingham")
    routes = {
        "/" + DEFAULT_CALENDAR_PATH.format(year=2026, month=6): Answer(
            body=(BHM / "cmis_calendar_month.html").read_bytes()
        ),
        "/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/15028/Committee/6/SelectedTab/Documents/Default.aspx": Answer(
            body=(BHM / "cmis_meeting_summary.html").read_bytes()
        ),
        "/birmingham/Document.ashx?czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A": Answer(body=PAPER.read_bytes()),
    }
    with local_server(routes) as site:
        run = crawl_council(birmingham, since=date(2026, 6, 1), until=date(2026, 6, 8), base_url=site.url)
        assert run.status == "succeeded", run.failures
        again = crawl_council(birmingham, since=date(2026, 6, 1), until=date(2026, 6, 8), base_url=site.url)
    meeting = Meeting.objects.get(council=birmingham)
    assert meeting.upstream_id == "15028" and meeting.title == "Licensing Sub-Committee A"
    assert meeting.committee == Committee.objects.get(council=birmingham, upstream_id="6")
    assert meeting.start == datetime(2026, 8, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))  # as the meeting page says
    assert meeting.location == "On-line meeting"
    assert meeting.web_url.startswith(
        "https://birmingham.cmis.uk.com/birmingham/Meetings/tabid/70/ctl/ViewMeetingPublic/"
    )
    paper = Document.objects.get(council=birmingham)
    assert (paper.title, paper.kind, paper.size) == ("Minutes of the previous meeting", "minutes", PAPER.stat().st_size)
    assert again.total("inserted") == 0 and again.total("updated") == 0
