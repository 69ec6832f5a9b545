"""crawl_council end to end over HTTP on 127.0.0.1: the real Manchester answers, real PDFs as papers."""

import hashlib
from datetime import date

import pytest

from councilwatch.core.tests.local_server import Answer
from councilwatch.councils.models import Committee, Person
from councilwatch.documents.models import Document, DocumentVersion
from councilwatch.documents.storage import read_bytes
from councilwatch.ingest.services import crawl_council, fetch_document
from councilwatch.ingest.tests.conftest import MAN, PAPERS, make_council
from councilwatch.meetings.models import AgendaItem, Attendance, Meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_http", "document_storage")]
WINDOW = {"since": date(2026, 1, 1), "until": date(2026, 2, 28)}


def crawl(council, site, **kw):
    return crawl_council(council, base_url=site.url, **{**WINDOW, **kw})


def test_first_crawl_saves_everything_and_second_changes_nothing(manchester, manchester_site):
    run = crawl(manchester, manchester_site)
    assert run.status == "succeeded", run.failures
    assert run.count("meeting", "inserted") == 2 and run.count("item", "inserted") == 2
    assert run.count("document", "inserted") == 3 and run.count("file", "inserted") == 3
    assert run.count("attendance", "inserted") == 2
    assert run.count("committee", "inserted") == 3
    held = Meeting.objects.get(upstream_id="4967")
    assert held.committee == Committee.objects.get(upstream_id="144", name="Audit Committee")
    assert held.status == "held" and held.title == "Audit Committee"
    # the council's own page for people to follow; source URLs say where it was read (the mirror)
    assert held.web_url == "https://democracy.manchester.gov.uk/ieListDocuments.aspx?CId=144&MId=4967"
    assert held.source_url == f"{manchester_site.url}/mgWebService.asmx/GetMeeting?lMeetingId=4967"
    assert Meeting.objects.get(upstream_id="4966").status == "cancelled"
    assert list(held.items.values_list("number", "title")) == [("1", "Minutes"), ("9", "Work Programme")]
    for upstream_id, path in [("60860", PAPERS["60860"]), ("60909", PAPERS["60909"]), ("g4967-T1", PAPERS["g4967"])]:
        document = Document.objects.get(upstream_id=upstream_id)
        original = path.read_bytes()
        assert read_bytes(document.storage_path) == original
        assert document.sha256 == hashlib.sha256(original).hexdigest()
        assert document.extraction_status == "pending" and document.media_type == "application/pdf"
    printed = Document.objects.get(upstream_id="g4967-T1")
    assert (printed.kind, printed.meeting, printed.item) == ("minutes", held, None)
    assert Document.objects.get(upstream_id="60909").item == held.items.get(upstream_id="18833")
    curley = Person.objects.get(upstream_id="192")
    assert (curley.name, curley.party, curley.ward) == ("Basil Curley", "LAB", "Charlestown")
    assert Person.objects.filter(council=manchester).count() > 40  # Kingston's councillors-by-ward answer
    assert "MAN: succeeded; 2 meetings, 3 document files; inserted" in run.summary()

    again = crawl(manchester, manchester_site)
    assert again.status == "succeeded"
    assert again.total("inserted") == 0 and again.total("updated") == 0 and again.total("gone") == 0
    assert again.count("file", "unchanged") == 3 and again.count("meeting", "unchanged") == 2
    assert Meeting.objects.count() == 2 and Document.objects.count() == 3 and DocumentVersion.objects.count() == 3
    assert Attendance.objects.count() == 2


def test_changes_upstream_update_without_duplicates_and_mark_gone(manchester, manchester_site, tmp_path):
    crawl(manchester, manchester_site)
    # upstream: the 13 January meeting disappears, item 9 and its paper are withdrawn, the minutes paper is revised
    manchester_site.overrides["GetMeetings:144"] = Answer(
        body=(MAN / "GetMeetings_meetings.xml")
        .read_bytes()
        .replace(b"<meetingid>4966</meetingid>", b"<meetingid>4999</meetingid>")
    )
    manchester_site.overrides["GetMeeting:4999"] = Answer(
        body=(MAN / "GetMeeting_meeting_no_minutes.xml").read_bytes().replace(b"4966", b"4999")
    )
    with_minutes = (MAN / "GetMeeting_meeting_with_minutes.xml").read_bytes()
    cut = with_minutes.index(b"    <agendaitem>\n      <agendaitemid>18833")
    end = with_minutes.index(b"  </agendaitems>")
    manchester_site.overrides["GetMeeting:4967"] = Answer(body=with_minutes[:cut] + with_minutes[end:])
    revised = PAPERS["60860"].read_bytes() + b"\n% revised\n"
    manchester_site.overrides["paper:60860"] = Answer(body=revised)

    run = crawl(manchester, manchester_site)
    assert run.status == "succeeded", run.failures
    assert run.count("meeting", "inserted") == 1 and run.count("meeting", "gone") == 1
    assert run.count("item", "gone") == 1 and run.count("document", "gone") == 1
    assert run.count("file", "updated") == 1
    assert Meeting.objects.get(upstream_id="4966").gone_upstream_at is not None
    assert AgendaItem.objects.get(upstream_id="18833").gone_upstream_at is not None
    assert AgendaItem.objects.filter(upstream_id="18833").count() == 1  # kept, never deleted
    minutes = Document.objects.get(upstream_id="60860")
    assert minutes.sha256 == hashlib.sha256(revised).hexdigest() and minutes.versions.count() == 2
    assert minutes.extraction_status == "pending"
    assert Document.objects.get(upstream_id="60909").gone_upstream_at is not None

    manchester_site.overrides.clear()  # everything comes back as it was
    back = crawl(manchester, manchester_site)
    assert back.count("meeting", "updated") == 1 and Meeting.objects.get(upstream_id="4966").gone_upstream_at is None
    assert Meeting.objects.count() == 3 and Document.objects.count() == 3
    assert Document.objects.get(upstream_id="60860").versions.count() == 2


def test_failures_are_recorded_and_a_clean_crawl_completes(manchester, manchester_site):
    manchester_site.overrides["GetMeeting:4967"] = Answer(500, b"Server Error")
    manchester_site.overrides["paper:60860"] = Answer(body=b"<html><title>Error</title></html>")
    run = crawl(manchester, manchester_site)
    assert run.status == "partial"
    reasons = {f["what"]: f for f in run.failures}
    assert reasons["meeting 4967 (2026-02-10)"]["reason"] == "HTTP 500 Internal Server Error"
    assert reasons["meeting 4967 (2026-02-10)"]["url"].endswith("GetMeeting?lMeetingId=4967")
    assert Meeting.objects.filter(upstream_id="4966").exists() and not Meeting.objects.filter(upstream_id="4967")

    manchester_site.overrides.pop("GetMeeting:4967")
    run = crawl(manchester, manchester_site)
    failure = next(f for f in run.failures if f["what"].startswith("document 60860"))
    assert failure["reason"] == "expected PDF but got an HTML page (title 'Error')"
    assert Document.objects.get(upstream_id="60860").fetch_error.startswith("unexpected content")
    assert Document.objects.get(upstream_id="60860").sha256 == ""

    manchester_site.overrides.clear()
    clean = crawl(manchester, manchester_site)
    assert clean.status == "succeeded" and clean.failures == []
    assert Meeting.objects.count() == 2 and Document.objects.count() == 3
    assert Document.objects.filter(sha256="").count() == 0
    assert fetch_document(Document.objects.get(upstream_id="60860").pk).fetch_error == ""
    manchester_site.overrides["paper:60909"] = Answer(500, b"down")
    failed = fetch_document(Document.objects.get(upstream_id="60909").pk)  # recorded on the document, not raised
    assert failed.fetch_error.endswith("HTTP 500 Internal Server Error") and failed.sha256  # the bytes it had stay


def test_fetching_documents_one_by_one_shares_the_polite_client(manchester, manchester_site, settings):
    crawl(manchester, manchester_site, fetch_documents=False)
    settings.HTTP_RATE_LIMIT = 20  # a new shared client: these settings are the ones that now apply
    started = len(manchester_site.server.log)
    for document in Document.objects.all():
        assert fetch_document(document.pk).sha256
    paths = [path for path, _, _ in manchester_site.server.log[started:]]
    assert paths.count("/robots.txt") == 1 and len(paths) == 4  # robots.txt once, then the three papers
    times = [t for _, t, _ in manchester_site.server.log[started + 1 :]]
    assert times[-1] - times[0] >= 0.07  # two 0.05 s turns: the rate limit holds across separate calls


def test_an_empty_window_is_an_error_unless_declared_normal(manchester, manchester_site):
    manchester_site.overrides["GetMeetings"] = Answer(
        body=b"<getmeetings><meetingscount> 0</meetingscount></getmeetings>"
    )
    manchester_site.overrides["GetMeetings:144"] = manchester_site.overrides["GetMeetings"]
    run = crawl(manchester, manchester_site)
    assert run.status == "failed" and "no meetings between 2026-01-01 and 2026-02-28" in run.error
    manchester.platform_options = {"allow_empty": ["meetings"]}
    manchester.save()
    assert crawl(manchester, manchester_site).status == "succeeded"


def test_html_instead_of_xml_fails_the_run_with_a_clear_reason(manchester, manchester_site):
    from django.conf import settings

    leeds = (
        settings.DATA_DIR / "moderngov" / "councillors_by_ward" / "GetCouncillorsByWard_leeds.gov.uk_ERROR_PAGE.html"
    )
    manchester_site.overrides["GetCommittees"] = Answer(body=leeds.read_bytes(), headers={"Content-Type": "text/html"})
    run = crawl(manchester, manchester_site)
    assert run.status == "failed"
    assert run.error == (
        f"unexpected content: {manchester_site.url}/mgWebService.asmx/GetCommittees: "
        "expected XML but got an HTML page (title 'Error')"
    )


def test_empty_people_list_is_recorded(manchester, manchester_site):
    from django.conf import settings

    empty = (
        settings.DATA_DIR
        / "moderngov"
        / "councillors_by_ward"
        / "GetCouncillorsByWard_online.eastherts.gov.uk_EMPTY.xml"
    )
    manchester_site.overrides["GetCouncillorsByWard"] = Answer(body=empty.read_bytes())
    run = crawl(manchester, manchester_site, fetch_documents=False)
    assert run.status == "partial" and [f["error"] for f in run.failures] == ["empty answer"]
    manchester.platform_options = {"allow_empty": ["people"]}
    manchester.save()
    assert crawl(manchester, manchester_site, fetch_documents=False).status == "succeeded"


def test_crawl_command_prints_one_summary_line(manchester, manchester_site):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    args = ["crawl", "MAN", "--since", "2026-01-01", "--until", "2026-02-28", "--base-url", manchester_site.url]
    call_command(*args, stdout=out)
    (line,) = out.getvalue().splitlines()
    assert line.startswith("MAN: succeeded; 2 meetings, 3 document files; inserted ")
    with pytest.raises(CommandError, match="not a date"):
        call_command("crawl", "MAN", "--since", "01/01/2026")
    with pytest.raises(CommandError, match="no council with code 'ZZZ'"):
        call_command("crawl", "ZZZ")
    manchester_site.overrides["GetCommittees"] = Answer(500, b"down")
    with pytest.raises(CommandError, match="crawl failed for MAN"):
        call_command(*args, stdout=StringIO())


def test_crawl_enabled_crawls_every_fully_supported_council(manchester, manchester_site):
    from io import StringIO

    from django.core.management import CommandError, call_command

    manchester.platform_base_url = manchester_site.url  # its own site, here on 127.0.0.1 (papers link elsewhere)
    manchester.save()
    make_council("BIR", "Birmingham City Council", "cmis", "http://127.0.0.1:9/", support_level="limited")
    out = StringIO()
    call_command("crawl", "--enabled", "--since", "2026-01-01", "--until", "2026-02-28", "--no-documents", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("MAN: succeeded;") and lines[-1] == "crawled 1 councils, 0 failed"
    make_council("OAD", "Oadby and Wigston Borough Council", "moderngov", "")
    out = StringIO()
    with pytest.raises(CommandError, match="crawl failed for OAD"):
        call_command(
            "crawl", "--enabled", "--no-documents", "--since", "2026-01-01", "--until", "2026-02-28", stdout=out
        )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("MAN: succeeded;")
    assert lines[1] == "OAD: not crawled: OAD has no platform base URL; give one with --base-url"
    assert lines[2] == "crawled 2 councils, 1 failed"
    with pytest.raises(CommandError, match="give a council code or --enabled"):
        call_command("crawl", "MAN", "--enabled")


def test_an_unexpected_error_closes_the_run_as_failed(manchester, manchester_site, monkeypatch):
    from councilwatch.ingest.importer import Importer
    from councilwatch.ingest.models import IngestRun

    def broken(self, record, committee_name=""):
        raise ValueError("bug in the importer")

    monkeypatch.setattr(Importer, "save_meeting", broken)
    with pytest.raises(ValueError, match="bug in the importer"):
        crawl(manchester, manchester_site)
    run = IngestRun.objects.get()
    assert run.status == "failed" and run.error == "ValueError: bug in the importer" and run.finished_at


def test_minutes_published_later_are_picked_up(manchester, manchester_site):
    body = (MAN / "GetMeeting_meeting_with_minutes.xml").read_bytes()
    before = body.replace(b"<minutepublished>True<", b"<minutepublished>False<").replace(
        b"<isminutepublished>True<", b"<isminutepublished>False<"
    )
    manchester_site.overrides["GetMeeting:4967"] = Answer(body=before)
    crawl(manchester, manchester_site, fetch_documents=False)
    meeting = Meeting.objects.get(upstream_id="4967")
    assert meeting.status == "confirmed" and not meeting.items.exclude(minutes_text="").exists()

    manchester_site.overrides.clear()
    run = crawl(manchester, manchester_site, fetch_documents=False)
    meeting.refresh_from_db()
    assert meeting.status == "held" and run.count("item", "updated") == 2
    assert meeting.items.get(upstream_id="18833").minutes_text.startswith("The Committee considered a report")
    assert AgendaItem.objects.count() == 2


def test_published_decisions_are_saved_and_decisions_from_the_minutes_left_alone(manchester, manchester_site):
    from councilwatch.meetings.models import Decision

    body = (MAN / "GetMeeting_meeting_with_minutes.xml").read_bytes()
    first_item_end = body.index(b"</agendaitem>")
    decided = (
        body[:first_item_end]
        .replace(b"<isdecision>False<", b"<isdecision>True<")
        .replace(b"<isdecisionpublished>False<", b"<isdecisionpublished>True<")
    )
    manchester_site.overrides["GetMeeting:4967"] = Answer(body=decided + body[first_item_end:])
    run = crawl(manchester, manchester_site, fetch_documents=False)
    decision = Decision.objects.get(upstream_id="item:18831")
    assert decision.text == "To approve the minutes of the meeting held on 25 November 2025 as a correct record."
    assert decision.item.upstream_id == "18831" and run.count("decision", "inserted") == 1
    meeting = decision.meeting
    from_minutes = Decision.objects.create(meeting=meeting, upstream_id="minutes:1", text="RESOLVED – approved.")

    manchester_site.overrides.clear()  # the platform no longer shows the decision
    run = crawl(manchester, manchester_site, fetch_documents=False)
    assert run.count("decision", "gone") == 1
    decision.refresh_from_db()
    from_minutes.refresh_from_db()
    assert decision.gone_upstream_at is not None and from_minutes.gone_upstream_at is None


def test_over_long_values_are_cut_to_fit_not_fatal(manchester, manchester_site):
    body = (MAN / "GetMeeting_meeting_with_minutes.xml").read_bytes()
    long_title = b"Work Programme " + b"and more " * 200
    manchester_site.overrides["GetMeeting:4967"] = Answer(
        body=body.replace(b"<agendaitemtitle>Work Programme<", b"<agendaitemtitle>" + long_title + b"<")
    )
    run = crawl(manchester, manchester_site, fetch_documents=False)
    assert run.status == "succeeded", run.failures
    title = AgendaItem.objects.get(upstream_id="18833").title
    assert len(title) == 1000 and title.startswith("Work Programme and more") and title.endswith("…")
    again = crawl(manchester, manchester_site, fetch_documents=False)
    assert again.total("updated") == 0  # the cut value compares equal next time
