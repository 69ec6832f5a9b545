"""Under each fault the replay server injects, a crawl of Kent finishes, records what failed and why, keeps what
it had, and a later clean crawl completes the data with no duplicates."""

from datetime import date

import pytest

from councilwatch.documents.models import Document, DocumentVersion
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import AgendaItem, Attendance, Meeting
from councilwatch.replay.faults import KINDS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_http", "document_storage")]
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31)}
REPORT = "/documents/s128315/*"  # the Devolution White Paper report to County Council
CABINET = "/mgWebService.asmx/GetMeeting?lMeetingId=9475"
COUNCIL = "/mgWebService.asmx/GetMeeting?lMeetingId=9645"

FAULTS = [
    # (rule, kind of error recorded, what failed, words in the reason)
    (f"{CABINET}=timeout:seconds=3", "timeout", "meeting 9475 (2025-01-30)", "no answer within 0.3s"),
    (f"{REPORT}=http500", "HTTP error", "document 128315", "HTTP 500"),
    (f"{COUNCIL}=http503:retry_after=1", "HTTP error", "meeting 9645 (2025-01-09)", "HTTP 503"),
    (f"{REPORT}=truncated", "truncated", "document 128315", ""),
    (f"{COUNCIL}=html_error", "unexpected content", "meeting 9645 (2025-01-09)", "expected XML but got an HTML page"),
    (f"{REPORT}=slow:seconds=20", "timeout", "document 128315", "no answer within 0.3s"),
    (f"{CABINET}=redirect_loop", "too many redirects", "meeting 9475 (2025-01-30)", "redirect loop"),
    (f"{CABINET}=disconnect", "connection failed", "meeting 9475 (2025-01-30)", "closed the connection without"),
    (f"{COUNCIL}=js_redirect", "unexpected content", "meeting 9645 (2025-01-09)", "a JavaScript redirect stub"),
    ("/mgWebService.asmx/GetCouncillorsByWard=empty", "empty answer", "people", "no wards and no councillors"),
    (f"{REPORT}=empty", "unexpected content", "document 128315", "expected PDF but got an empty body"),
]


def complete(kent) -> None:
    assert Meeting.objects.filter(council=kent).count() == 2 and AgendaItem.objects.count() == 12
    assert Attendance.objects.count() == 107 and Document.objects.count() == 37
    assert DocumentVersion.objects.count() == 37 and not Document.objects.filter(sha256="").exists()
    assert not Meeting.objects.filter(gone_upstream_at__isnull=False).exists()
    assert not Document.objects.filter(gone_upstream_at__isnull=False).exists()


FAULT_IDS = [
    next(f"{kind}-{what.split(' (')[0].replace(' ', '')}" for kind in KINDS if f"={kind}" in rule)
    for rule, _, what, _ in FAULTS
]


@pytest.mark.parametrize(("rule", "error", "what", "reason"), FAULTS, ids=FAULT_IDS)
def test_fault_is_recorded_and_a_clean_crawl_completes(kent, replay_server, settings, rule, error, what, reason):
    settings.HTTP_TIMEOUT = 0.3
    replay_server.set_faults([rule])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "partial"
    (failure,) = run.failures
    assert failure["error"] == error and failure["what"].startswith(what)
    assert reason in failure["reason"] and failure["url"].startswith(replay_server.base_url)
    assert Meeting.objects.count() == 2 - what.startswith("meeting")  # the other meeting is stored

    replay_server.clear_faults()
    clean = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert clean.status == "succeeded" and clean.failures == []
    complete(kent)


def test_faults_after_a_complete_crawl_lose_nothing(kent, replay_server, settings):
    settings.HTTP_TIMEOUT = 0.3
    crawl_council(kent, base_url=replay_server.base_url, **JAN)
    replay_server.set_faults([r"re:/GetMeeting\?=http500", "/documents/*=truncated"])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "partial" and len(run.failures) == 2
    assert run.total("updated") == 0 and run.total("gone") == 0
    complete(kent)  # nothing lost, nothing marked gone
    replay_server.set_faults(["/ieListDocuments.aspx*=http500", "/documents/s128315/*=http500"])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    pages = [f for f in run.failures if f["what"] in ("meeting 9475", "meeting 9645")]
    assert len(pages) == 2 and all(f["url"].startswith(replay_server.base_url + "/ieListDocuments.aspx") for f in pages)
    assert pages[0]["reason"] == "meeting page: HTTP error: HTTP 500 Internal Server Error"
    assert run.total("gone") == 0  # the meeting pages failed: their papers are left as they were
    complete(kent)
    assert "HTTP 500" in Document.objects.get(upstream_id="128315").fetch_error


def test_retry_after_then_success_is_not_a_failure(kent, replay_server):
    replay_server.set_faults([f"{COUNCIL}=http503:1:retry_after=1"])
    run = crawl_council(kent, base_url=replay_server.base_url, fetch_documents=False, **JAN)
    assert run.status == "succeeded"
    assert replay_server.count(COUNCIL) == 2


def test_a_steady_trickle_is_stopped_by_the_download_deadline(kent, replay_server, settings):
    settings.HTTP_TIMEOUT = 0.5  # every piece arrives within the read timeout …
    settings.HTTP_MAX_DOWNLOAD_SECONDS = 0.3  # … but the whole would take 2 s
    replay_server.set_faults([f"{REPORT}=slow:seconds=2"])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    (failure,) = run.failures
    assert failure["error"] == "timeout" and "body still arriving after 0.3s" in failure["reason"]


def test_papers_and_minutes_published_after_the_agenda_arrive_on_a_recrawl(kent, replay_server):
    replay_server.set_stage("agenda")
    first = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert first.status == "succeeded", first.failures
    assert Attendance.objects.count() == 0 and not AgendaItem.objects.exclude(minutes_text="").exists()
    assert not Document.objects.filter(upstream_id__in=["g9475-T1", "g9645-T1"]).exists()
    assert Meeting.objects.get(upstream_id="9645").status == "confirmed"
    agenda_documents = Document.objects.count()

    replay_server.set_stage("published")
    later = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert later.status == "succeeded", later.failures
    assert later.count("document", "inserted") == 37 - agenda_documents > 0
    assert later.count("attendance", "inserted") == 107 and later.count("meeting", "updated") == 2
    supplementary = Document.objects.filter(title__contains="Supplementary", meeting__upstream_id="9475")
    assert supplementary.count() == 2 and {d.kind for d in supplementary} == {"supplement"}
    assert Meeting.objects.get(upstream_id="9645").status == "held"
    assert AgendaItem.objects.exclude(minutes_text="").exists()
    complete(kent)


PAGES = "/ieListDocuments.aspx*"
NOT_A_PAGE = [
    ("html_error", "expected the ModernGov page of meeting {id} but got an HTML page (title 'Error')"),
    ("js_redirect", "expected the ModernGov page of meeting {id} but got a JavaScript redirect stub, not data"),
]


@pytest.mark.parametrize(("kind", "reason"), NOT_A_PAGE, ids=[k for k, _ in NOT_A_PAGE])
def test_a_meeting_page_that_is_not_one_fails_and_marks_nothing_gone(kent, replay_server, kind, reason):
    """An error page or a JavaScript stub where the meeting page should be is not a meeting without papers."""
    crawl_council(kent, base_url=replay_server.base_url, **JAN)
    replay_server.set_faults([f"{PAGES}={kind}"])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "partial"
    assert sorted((f["what"], f["error"], f["reason"]) for f in run.failures) == [
        (f"meeting {mid}", "partial", "meeting page: unexpected content: " + reason.format(id=mid))
        for mid in ("9475", "9645")
    ]
    assert all(f["url"].startswith(replay_server.base_url + "/ieListDocuments.aspx?CId=") for f in run.failures)
    assert run.total("gone") == 0
    complete(kent)  # the frontsheets and printed minutes are still there, not gone


def test_a_meeting_page_error_on_a_first_crawl_is_a_failure_not_no_papers(kent, replay_server):
    replay_server.set_faults([f"{PAGES}=html_error"])
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "partial" and {f["what"] for f in run.failures} == {"meeting 9475", "meeting 9645"}
    assert not Document.objects.filter(upstream_id__in=["g9475-T0", "g9475-T1", "g9645-T0", "g9645-T1"]).exists()
    replay_server.clear_faults()
    assert crawl_council(kent, base_url=replay_server.base_url, **JAN).status == "succeeded"
    complete(kent)


def test_an_empty_listing_of_one_committee_is_loud_and_marks_nothing_gone(kent, replay_server):
    crawl_council(kent, base_url=replay_server.base_url, fetch_documents=False, **JAN)
    replay_server.set_faults(["/mgWebService.asmx/GetMeetings?lCommitteeId=115*=empty"])
    run = crawl_council(kent, base_url=replay_server.base_url, fetch_documents=False, **JAN)
    assert run.status == "partial"
    (failure,) = run.failures
    assert (failure["what"], failure["error"]) == ("listing 115", "empty answer")
    assert failure["reason"] == (
        "the listing holds no meetings between 2025-01-01 and 2025-01-31, but 1 of this committee's meetings in "
        "that window are known; none of them is marked gone"
    )
    assert failure["url"].startswith(replay_server.base_url + "/mgWebService.asmx/GetMeetings?lCommitteeId=115")
    assert run.total("gone") == 0 and not Meeting.objects.filter(gone_upstream_at__isnull=False).exists()
    assert run.count("meeting", "unchanged") == 1  # the County Council's listing was read and its meeting saved

    kent.platform_options = {"allow_empty": ["meetings"]}  # declared normal: the Cabinet meeting is gone
    kent.save()
    run = crawl_council(kent, base_url=replay_server.base_url, fetch_documents=False, **JAN)
    assert run.status == "succeeded" and run.count("meeting", "gone") == 1
    assert list(Meeting.objects.filter(gone_upstream_at__isnull=False).values_list("upstream_id", flat=True)) == [
        "9475"
    ]


def test_a_stored_paper_cut_short_is_fetched_and_extracted_again(kent, replay_server, document_storage):
    """A file cut to 1,000 bytes in storage was "unchanged" on every crawl while extraction failed; now the
    extraction sets it aside, the fetch writes it whole again, and it is extracted from the whole bytes."""
    from pathlib import Path

    from councilwatch.documents.services import extract_document
    from councilwatch.ingest.services import fetch_document

    crawl_council(kent, base_url=replay_server.base_url, **JAN)
    paper = Document.objects.get(upstream_id="128315")
    assert extract_document(paper.pk).extraction_status == "done"
    stored = Path(document_storage.path(paper.storage_path))
    whole = stored.read_bytes()
    stored.write_bytes(whole[:1000])

    damaged = extract_document(paper.pk, force=True)
    assert damaged.fetch_error.endswith(f"has 1000 of its {len(whole)} bytes; it will be fetched again")
    fetched = fetch_document(paper.pk)
    assert fetched.fetch_error == "" and stored.read_bytes() == whole
    assert (fetched.extraction_status, fetched.extracted_sha256) == ("pending", "")
    assert extract_document(paper.pk).extraction_status == "done"

    stored.write_bytes(whole[:1000])  # and a crawl, which downloads every paper, repairs it as well
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.count("file", "unchanged") == 37 and stored.read_bytes() == whole
    paper.refresh_from_db()
    assert paper.extraction_status == "pending"
