from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from councilwatch.meetings.models import MeetingStatus
from councilwatch.subscriptions import services
from councilwatch.subscriptions.models import Delivery, DeliveryState, Digest, Frequency
from councilwatch.subscriptions.tests.factories import (
    KENT_CABINET_DECISIONS,
    KENT_CABINET_HEADLINE,
    kent_cabinet,
    london,
    make_council,
    make_meeting,
    make_subscriber,
)
from councilwatch.subscriptions.tests.mailtools import header_url, links, parts
from councilwatch.subscriptions.weeks import BadWeek, due_week, last_complete_week, parse_week

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_weeks():
    assert str(parse_week("2025-W05")) == "2025-01-27"
    with pytest.raises(BadWeek, match="2025-W05"):
        parse_week("2025-5")
    with pytest.raises(BadWeek, match="does not exist"):
        parse_week("2025-W54")
    monday_6am = datetime(2025, 2, 3, 6, 59, tzinfo=LONDON)
    assert due_week(monday_6am) is None
    assert due_week(datetime(2025, 2, 3, 7, 0, tzinfo=LONDON)) == "2025-W05"
    assert due_week(datetime(2025, 2, 8, 23, 0, tzinfo=LONDON)) == "2025-W05"
    assert last_complete_week(monday_6am) == "2025-W05"


def test_digest_send_week_of_27_january(client, smtp):
    kent = make_council()
    kent_cabinet(kent)
    make_meeting(kent, "Governance and Audit Committee", london(2025, 2, 5, 14), location="Sessions House")
    make_meeting(kent, "Cancelled Committee", london(2025, 1, 28), status=MeetingStatus.CANCELLED)
    readers = [make_subscriber(f"r{i}@example.org", kent) for i in range(3)]
    make_subscriber("bounced@example.org", kent, bounced_at=datetime(2025, 1, 1, tzinfo=LONDON))
    make_subscriber("paused@example.org", kent, frequency=Frequency.PAUSED)
    make_subscriber("elsewhere@example.org", make_council("WGN", "Wigan", full=False))

    call_command("digest", "send", "--week", "2025-W05", "--council", "KEN")

    mails = smtp.messages()
    assert sorted(m["To"] for m in mails) == sorted(r.email for r in readers)
    for mail in mails:
        text, html = parts(mail)
        assert mail["Subject"].startswith("Kent council, week of 27 January 2025")
        assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert KENT_CABINET_HEADLINE in text and KENT_CABINET_HEADLINE in html
        assert all(d in text for d in KENT_CABINET_DECISIONS)
        assert "Governance and Audit Committee" in text  # next week
        assert "Cancelled Committee" not in text
        assert "democracy.kent.gov.uk" in html  # the council's own page of the meeting
        paths = links(text)
        assert paths == links(html)
        assert any(p.startswith("/councils/KEN/digests/2025-W05/") for p in paths)
        for path in paths:
            assert client.get(path).status_code == 200, path
        assert header_url(mail) in paths
    page = client.get("/councils/KEN/digests/2025-W05/")
    assert KENT_CABINET_HEADLINE.encode() in page.content
    assert b"r0@example.org" not in page.content  # addresses never shown publicly
    assert b"2025-W05" in client.get("/councils/KEN/digests/").content

    # Sending the week again sends nothing more.
    smtp.clear()
    _, report = services.send_digests("2025-W05", "KEN")
    assert smtp.messages() == [] and report.sent == 0
    states = dict(Delivery.objects.values_list("subscriber__email", "state"))
    assert states == {r.email: DeliveryState.SENT for r in readers}


def test_empty_week_is_skipped_and_limited_councils_get_none(smtp):
    kent = make_council()
    make_subscriber("r@example.org", kent)
    report = services.build_digests("2025-W10")
    assert report.skipped == ["KEN"] and not report.digests
    make_council("WGN", "Wigan", full=False)
    with pytest.raises(CommandError, match="limited support"):
        call_command("digest", "build", "--council", "WGN", "--week", "2025-W05")
    with pytest.raises(CommandError, match="2025-W05"):
        call_command("digest", "send", "--week", "last week")
    assert Digest.objects.count() == 0 and smtp.messages() == []


def test_rebuild_refreshes_only_unsent_digests(smtp):
    kent = make_council()
    meeting = kent_cabinet(kent)
    first = services.build_digests("2025-W05", "KEN")
    assert len(first.built) == 1
    assert services.build_digests("2025-W05", "KEN").unchanged == first.built
    meeting.summaries.update(headline="A corrected headline")
    assert len(services.build_digests("2025-W05", "KEN").updated) == 1
    make_subscriber("r@example.org", kent)
    services.send_digests("2025-W05", "KEN")
    meeting.summaries.update(headline="Changed after sending")
    again = services.build_digests("2025-W05", "KEN")
    assert again.unchanged and Digest.objects.get().content["held"][0]["headline"] == "A corrected headline"
