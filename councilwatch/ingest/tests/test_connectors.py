"""The real ModernGov and CMIS fixtures parse into the expected records; the bad answers give distinct errors."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from councilwatch.core.http import UnexpectedContent
from councilwatch.documents.classify import classify_paper as classify_document
from councilwatch.ingest.connectors import cmis, moderngov
from councilwatch.ingest.connectors.base import Connector
from councilwatch.ingest.errors import EmptyFetch, ParseError
from councilwatch.ingest.records import MeetingStub
from councilwatch.ingest.registry import CONNECTORS, check_registry
from councilwatch.ingest.text import word_html_to_text

LONDON = ZoneInfo("Europe/London")
MAN = settings.DATA_DIR / "moderngov" / "manchester"
CBW = settings.DATA_DIR / "moderngov" / "councillors_by_ward"
BHM = settings.DATA_DIR / "cmis" / "birmingham"
WS = "https://democracy.manchester.gov.uk/mgWebService.asmx/"


def stub(mid: str = "4967") -> MeetingStub:
    return MeetingStub(mid, "144", datetime(2026, 2, 10, 10, tzinfo=LONDON), "confirmed", WS + "GetMeetings")


def test_manchester_committees():
    records = moderngov.parse_committees(WS + "GetCommittees", (MAN / "GetCommittees_committees.xml").read_bytes())
    assert [(c.upstream_id, c.name, c.is_expired) for c in records] == [
        ("312", "Appointment Sub Committee for Director of Adult Social Services", True),
        ("163", "Art Galleries Committee", False),
        ("144", "Audit Committee", False),
    ]
    assert records[0].source_url == WS + "GetCommittees"


def test_manchester_meetings_with_window_filter():
    body = (MAN / "GetMeetings_meetings.xml").read_bytes()
    stubs = moderngov.parse_meetings(WS + "GetMeetings", body)
    assert [(s.upstream_id, s.committee_upstream_id, s.status) for s in stubs] == [
        ("4966", "144", "cancelled"),
        ("4967", "144", "confirmed"),
    ]
    assert stubs[1].start == datetime(2026, 2, 10, 10, 0, tzinfo=LONDON)
    # the service ignores dates it cannot read and returns everything: the window is applied here too
    only_feb = moderngov.parse_meetings(WS + "GetMeetings", body, date(2026, 2, 1), date(2026, 2, 28))
    assert [s.upstream_id for s in only_feb] == ["4967"]


def test_manchester_meeting_with_minutes():
    body = (MAN / "GetMeeting_meeting_with_minutes.xml").read_bytes()
    record = moderngov.parse_meeting(WS + "GetMeeting?lMeetingId=4967", body, stub(), "Audit Committee")
    assert record.upstream_id == "4967" and record.committee_upstream_id == "144"
    assert record.title == "Audit Committee"
    assert record.status == "held"  # confirmed and its minutes are published
    assert record.start == datetime(2026, 2, 10, 10, 0, tzinfo=LONDON)
    assert record.end == datetime(2026, 2, 10, 14, 0, tzinfo=LONDON)
    assert record.location == "Council Antechamber, Level 2, Town Hall Extension"
    first, second = record.items
    assert (first.upstream_id, first.number, first.order, first.title) == ("18831", "1", 1, "Minutes")
    assert first.description == "To approve as a correct record the minutes of the meeting held on 25 November 2025."
    assert first.minutes_text == "To approve the minutes of the meeting held on 25 November 2025 as a correct record."
    assert (second.upstream_id, second.number, second.title) == ("18833", "9", "Work Programme")
    assert second.minutes_text.startswith("The Committee considered a report of the Governance and Scrutiny")
    docs = {d.upstream_id: d for d in record.documents}
    assert docs["60860"].url == "https://democracy.manchester.gov.uk/mgConvert2PDF.aspx?ID=60860"
    assert docs["60860"].title == "6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025"
    assert docs["60860"].kind == "minutes" and docs["60860"].item_upstream_id == "18831"
    assert docs["60909"].item_upstream_id == "18833"
    (attendance,) = record.attendances
    assert attendance.person.upstream_id == "192" and attendance.person.name == "Basil Curley"
    assert (attendance.person.party, attendance.person.ward) == ("LAB", "Charlestown")
    assert (attendance.role, attendance.status) == ("Committee Member", "expected")
    assert attendance.person.source_url == "https://democracy.manchester.gov.uk/mgUserInfo.aspx?UID=192"


def test_manchester_cancelled_meeting_without_items():
    body = (MAN / "GetMeeting_meeting_no_minutes.xml").read_bytes()
    record = moderngov.parse_meeting(WS + "GetMeeting?lMeetingId=4966", body, stub("4966"))
    assert record.status == "cancelled" and record.items == () and record.documents == ()
    assert record.attendances[0].person.title == "Chair of Health Scrutiny Committee"


def test_word_html_to_clean_text():
    markup = (
        '<div class="WordSection1">\n<p class="MsoNormal"><span style="">The report of the\nGovernance&nbsp;and'
        ' Scrutiny</span></p>\n<p class="MsoNormal"><o:p>&nbsp;</o:p></p><ul><li>First</li><li>Second</li></ul></div>'
    )
    assert word_html_to_text(markup) == "The report of the Governance and Scrutiny\n• First\n• Second"
    assert word_html_to_text("&lt;p&gt;Twice &amp;amp; escaped&lt;/p&gt;") == "Twice & escaped"
    assert word_html_to_text("  \n ") == ""


def test_councillors_by_ward():
    people = moderngov.parse_councillors("x", (CBW / "GetCouncillorsByWard_oadby-wigston.gov.uk.xml").read_bytes())
    darr = next(p for p in people if p.upstream_id == "323")
    assert (darr.name, darr.party, darr.ward, darr.title) == (
        "M Latif Darr",
        "Liberal Democrats",
        "Oadby Brocks Hill",
        "Mayor",
    )
    assert len({p.upstream_id for p in people}) == len(people) > 20


def test_bad_councillor_answers_give_clear_distinct_errors():
    url = "https://online.eastherts.gov.uk/mgWebService.asmx/GetCouncillorsByWard"
    with pytest.raises(EmptyFetch) as empty:
        moderngov.parse_councillors(url, (CBW / "GetCouncillorsByWard_online.eastherts.gov.uk_EMPTY.xml").read_bytes())
    with pytest.raises(UnexpectedContent) as html:
        moderngov.parse_councillors(url, (CBW / "GetCouncillorsByWard_leeds.gov.uk_ERROR_PAGE.html").read_bytes())
    with pytest.raises(UnexpectedContent) as js:
        moderngov.parse_councillors(
            url, (CBW / "GetCouncillorsByWard_denbighshire.gov.uk_JS_REDIRECT_PAGE.html").read_bytes()
        )
    messages = {str(empty.value), str(html.value), str(js.value)}
    assert len(messages) == 3 and all(url in m for m in messages)
    assert "no wards" in empty.value.reason
    assert "HTML page" in html.value.reason and "JavaScript redirect" in js.value.reason
    with pytest.raises(ParseError, match="malformed XML"):
        moderngov.parse_committees(url, b"<committees><committee>")


def test_the_webcast_a_meeting_page_plays_is_the_meetings_webcast_url():
    # WECA's real meeting pages (data/papers/weca) play a YouTube recording through ModernGov's media player.
    weca = settings.DATA_DIR / "papers" / "weca"
    joint = (weca / "2026-06-05_joint-committee" / "ieListDocuments.html").read_text(encoding="utf-8")
    scrutiny = (weca / "2026-06-01_overview-scrutiny" / "ieListDocuments.html").read_text(encoding="utf-8")
    base = "https://westofengland-ca.moderngov.co.uk/ieListDocuments.aspx?CId=1&MId=2"
    assert moderngov.meeting_page_webcast(base, joint) == "https://www.youtube.com/embed/vjxnqQc7n2E"
    assert moderngov.meeting_page_webcast(base, scrutiny) == "https://www.youtube.com/embed/i3vAxUgMyKw"
    linked = '<p><a href="https://kent.public-i.tv/core/portal/webcast_interactive/9475">Watch the webcast</a></p>'
    assert (
        moderngov.meeting_page_webcast(base, linked) == "https://kent.public-i.tv/core/portal/webcast_interactive/9475"
    )
    hostile = '<script>new mgMediaPlayer(mgJQuery, "m", [{"Url":"javascript:alert(1)"}], {});</script>'
    assert moderngov.meeting_page_webcast(base, hostile) == ""  # only http(s) addresses
    assert moderngov.meeting_page_webcast(base, "<p>No recording</p>") == ""


def test_meeting_page_documents_finds_frontsheet_and_printed_minutes():
    page = (
        '<ul><li><a href="documents/g9475/Public%20reports%20pack%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=10">'
        "Public reports pack</a></li>"
        '<li><a href="documents/g9475/Printed%20minutes%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=1" '
        'title="Link to file Printed minutes 30/01/2025 10:00">x</a></li>'
        '<li><a href="documents/g9475/Agenda%20frontsheet.pdf?T=0">Agenda frontsheet</a></li>'
        '<li><a href="documents/g1/other.pdf?T=0">another meeting</a></li>'
        '<li><a href="documents/s128743/Minutes.pdf">Minutes of the meeting held on 9th January 2025</a></li></ul>'
    )
    base = "https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=115&MId=9475"
    known = {"https://democracy.kent.gov.uk/documents/s128743/Minutes.pdf"}
    refs = {d.upstream_id: d for d in moderngov.meeting_page_documents(base, page, "9475", known)}
    assert set(refs) == {"g9475-T10", "g9475-T1", "g9475-T0"}
    assert refs["g9475-T1"].kind == "minutes" and refs["g9475-T1"].title == "Printed minutes 30/01/2025 10:00"
    assert refs["g9475-T0"].kind == "agenda" and refs["g9475-T10"].kind == "agenda"
    assert refs["g9475-T0"].url == "https://democracy.kent.gov.uk/documents/g9475/Agenda%20frontsheet.pdf?T=0"


@pytest.mark.parametrize(
    ("title", "url", "kind"),
    [
        ("Item 7 - Supplementary - 24-00109 - Transfer", "https://x/documents/s128883/a.pdf", "supplement"),
        ("24-00115 - Appendix B - KCC ICS priorities measures", "https://x/documents/s128778/a.pdf", "appendix"),
        ("Minutes of the meeting held on 9th January 2025", "https://x/documents/s128743/a.pdf", "minutes"),
        ("24-00115 - Adoption of Integrated Care Strategy delivery plan - Report", "", "report"),
        ("24-00096 - PRoD", "", "appendix"),  # a proposed record of decision: a proposal, not a decision
        ("Printed minutes 30th-Jan-2025 10.00 Cabinet", "https://x/documents/g9475/p.pdf?T=1", "minutes"),
        ("Agenda frontsheet 30th-Jan-2025", "https://x/documents/g9475/a.pdf?T=0", "agenda"),
        ("Budget 2025-26", "https://x/documents/s1/b.pdf", "report"),
        ("Something", "https://x/other.pdf", "other"),
    ],
)
def test_classify_document(title, url, kind):
    assert classify_document(title, url) == kind


def test_birmingham_calendar_month():
    url = "https://birmingham.cmis.uk.com/birmingham/Meetings/cal"
    stubs = cmis.parse_calendar_month(url, (BHM / "cmis_calendar_month.html").read_text(), 2026)
    assert [(s.upstream_id, s.committee_upstream_id, s.committee_name, s.start) for s in stubs] == [
        ("15028", "6", "Licensing Sub-Committee A", datetime(2026, 6, 8, 10, 0, tzinfo=LONDON)),
        ("15029", "7", "Licensing Sub-Committee B", datetime(2026, 6, 9, 10, 0, tzinfo=LONDON)),
        ("15030", "7", "Licensing Sub-Committee B", datetime(2026, 6, 9, 12, 0, tzinfo=LONDON)),
        ("15099", "4", "Planning Committee", datetime(2026, 6, 30, 14, 0, tzinfo=LONDON)),
    ]
    assert stubs[0].source_url.endswith("/Meeting/15028/Committee/6/SelectedTab/Documents/Default.aspx")


def test_birmingham_list_view():
    url = "https://birmingham.cmis.uk.com/birmingham/Meetings/list"
    stubs = cmis.parse_list_view(url, (BHM / "cmis_listview.html").read_text())
    assert [(s.upstream_id, s.committee_upstream_id, s.committee_name, s.start) for s in stubs] == [
        ("15042", "4", "Planning Committee", datetime(2026, 7, 9, 11, 0, tzinfo=LONDON)),
        ("15115", "38", "Standards Committee", datetime(2026, 7, 23, 14, 0, tzinfo=LONDON)),
    ]


def test_birmingham_meeting_summary():
    url = "https://birmingham.cmis.uk.com/birmingham/Meetings/tabid/70/ctl/ViewMeetingPublic/mid/397/Meeting/15200/Committee/6/Default.aspx"
    s = MeetingStub("15200", "6", datetime(2026, 8, 3, 10, tzinfo=LONDON), "scheduled", url, "Licensing")
    record = cmis.parse_meeting_page(url, (BHM / "cmis_meeting_summary.html").read_text(), s)
    assert record.title == "Licensing Sub-Committee A"
    assert record.start == datetime(2026, 8, 3, 10, 0, tzinfo=LONDON)
    assert (record.status, record.location) == ("scheduled", "On-line meeting")
    (doc,) = record.documents
    assert doc.url == "https://birmingham.cmis.uk.com/birmingham/Document.ashx?czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A"
    assert (doc.title, doc.kind, doc.upstream_id) == (
        "Minutes of the previous meeting",
        "minutes",
        "doc:czJKcaeAi5tUFL1DTL2UE4sOqCLHzE2A",
    )


def test_registry_is_checked():
    check_registry(CONNECTORS)
    assert CONNECTORS["moderngov"] is moderngov.ModernGovConnector and CONNECTORS["cmis"] is cmis.CmisConnector

    class Half(Connector):
        platform = "cmis"
        reads = "x"

    with pytest.raises(ImproperlyConfigured, match="does not implement"):
        check_registry({"cmis": Half})
    with pytest.raises(ImproperlyConfigured, match="unknown platform"):
        check_registry({"myspace": moderngov.ModernGovConnector})
    with pytest.raises(ImproperlyConfigured, match="platform is not"):
        check_registry({"cmis": moderngov.ModernGovConnector})


def test_meeting_page_check_takes_the_meetings_own_page_only():
    pages = settings.DATA_DIR / "replay" / "kent"
    cabinet = (pages / "ieListDocuments_9475.html").read_bytes()
    url = "https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=115&MId=9475"
    moderngov.check_meeting_page(url, cabinet, "9475")
    wrong = {
        "another meeting's page": (
            cabinet,
            "expected the ModernGov page of meeting 9645 but got an HTML page (title 'Agenda for Cabinet on "
            "Thursday, 30 January, 2025, 10.00 am'), which does not name it",
        ),
        "Leeds' error page": (
            (CBW / "GetCouncillorsByWard_leeds.gov.uk_ERROR_PAGE.html").read_bytes(),
            "expected the ModernGov page of meeting 9645 but got an HTML page (title 'Error')",
        ),
        "Denbighshire's redirect stub": (
            (CBW / "GetCouncillorsByWard_denbighshire.gov.uk_JS_REDIRECT_PAGE.html").read_bytes(),
            "expected the ModernGov page of meeting 9645 but got a JavaScript redirect stub, not data",
        ),
        "an empty page": (
            b"<html><body></body></html>",
            "expected the ModernGov page of meeting 9645 but got an HTML page",
        ),
    }
    for name, (body, reason) in wrong.items():
        with pytest.raises(UnexpectedContent) as caught:
            moderngov.check_meeting_page(url, body, "9645")
        assert (name, caught.value.reason) == (name, reason)
