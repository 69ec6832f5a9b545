"""The recording a platform links becomes the meeting's webcast_url; one given by hand stays when it links none."""

from datetime import UTC, datetime

import pytest

from councilwatch.ingest.importer import Importer
from councilwatch.ingest.records import MeetingRecord
from councilwatch.ingest.tests.conftest import make_council
from councilwatch.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def _record(webcast_url: str) -> MeetingRecord:
    return MeetingRecord(
        upstream_id="2",
        committee_upstream_id="1",
        title="Joint Committee",
        status="held",
        start=datetime(2026, 6, 5, 10, tzinfo=UTC),
        source_url="https://example.org/mgWebService.asmx/GetMeeting?lMeetingId=2",
        webcast_url=webcast_url,
    )


def test_the_platforms_recording_is_saved_and_a_hand_given_one_kept():
    council = make_council("WEC", "West of England", "moderngov", "https://westofengland-ca.moderngov.co.uk/")
    Importer(council).save_meeting(_record("https://www.youtube.com/embed/vjxnqQc7n2E"))
    meeting = Meeting.objects.get(council=council, upstream_id="2")
    assert meeting.webcast_url == "https://www.youtube.com/embed/vjxnqQc7n2E"
    Meeting.objects.filter(pk=meeting.pk).update(webcast_url="https://example.org/recording.mp4")  # import_webcast
    Importer(council).save_meeting(_record(""))
    meeting.refresh_from_db()
    assert meeting.webcast_url == "https://example.org/recording.mp4"
