"""Every list endpoint paginates and filters as documented; details and bad parameters answer as documented."""

import pytest

from councilwatch.api.tests import factories
from councilwatch.meetings.models import Meeting

pytestmark = pytest.mark.django_db
LISTS = [
    "councils",
    "committees",
    "meetings",
    "items",
    "documents",
    "summaries",
    "decisions",
    "people",
    "attendance",
    "topics",
    "search?q=cabinet",
    "city-scrapers/meetings",
]


def get(client, url: str, status: int = 200, **headers) -> dict:
    response = client.get(url if url.startswith("/") else f"/api/v1/{url}", headers=headers)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response.json()


def error(client, url: str, status: int, parameter: str | None) -> dict:
    body = get(client, url, status)
    assert set(body) == {"error"}
    assert body["error"]["parameter"] == parameter, body
    assert body["error"]["message"]
    return body["error"]


def walk(client, url: str) -> list[dict]:
    """Every result of a list, following ``next``."""
    found, page = [], get(client, url)
    while True:
        found += page["results"]
        if page["next"] is None:
            return found
        assert page["next"].startswith("http://127.0.0.1:8000/api/v1/")
        page = get(client, page["next"].removeprefix("http://127.0.0.1:8000"))


@pytest.mark.parametrize("path", LISTS)
def test_every_list_pages_with_page_and_page_size(client, meeting, path):
    factories.make_meetings(factories.kent(), 3, committee=factories.cabinet())
    factories.cabinet(factories.other_council())
    factories.add_summary(Meeting.objects.get(upstream_id="bulk-0"), meeting.documents.get(kind="minutes"))
    sep = "&" if "?" in path else "?"
    whole = get(client, f"{path}{sep}page_size=200")
    assert whole["count"] >= 2 and whole["pages"] == 1 and whole["next"] is None and whole["previous"] is None
    paged = walk(client, f"{path}{sep}page_size=1")
    assert paged == whole["results"]  # same results, same order, one at a time
    assert len(paged) == whole["count"]
    last = get(client, f"{path}{sep}page_size=1&page={whole['count']}")
    assert last["next"] is None and last["previous"] is not None and last["page"] == whole["count"]
    out = error(client, f"{path}{sep}page_size=1&page={whole['count'] + 1}", 404, "page")
    assert out["code"] == "page_out_of_range"
    error(client, f"{path}{sep}page_size=0", 400, "page_size")
    error(client, f"{path}{sep}page_size=100000", 400, "page_size")
    error(client, f"{path}{sep}page=zero", 400, "page")


def test_meeting_filters(client, meeting):
    kent = factories.kent()
    factories.make_meetings(kent, 10)  # 29 Jan 2025 back to 20 Jan 2025, no committee
    factories.make_meetings(factories.other_council(), 5)
    assert get(client, "meetings")["count"] == 16
    by_council = walk(client, "meetings?council=ken")
    assert len(by_council) == 11 and {m["council"] for m in by_council} == {"KEN"}
    assert [m["start"] for m in by_council] == sorted((m["start"] for m in by_council), reverse=True)
    oldest_first = walk(client, "meetings?council=KEN&order=start")
    assert oldest_first == list(reversed(by_council))
    cabinet = factories.cabinet()
    assert [m["id"] for m in walk(client, f"meetings?committee={cabinet.pk}")] == [meeting.pk]
    window = walk(client, "meetings?council=KEN&date_from=2025-01-25&date_to=2025-01-30")
    assert len(window) == 6 and window[0]["id"] == meeting.pk
    assert get(client, "meetings?date_from=2025-01-30&date_to=2025-01-30")["count"] == 1
    cancelled = walk(client, "meetings?status=cancelled")
    expected = Meeting.objects.filter(status="cancelled").count()
    assert len(cancelled) == expected > 0 and {m["status"] for m in cancelled} == {"cancelled"}
    assert [m["id"] for m in walk(client, "meetings?topic=budget")] == [meeting.pk]
    factories.topic("planning", "Planning")
    assert get(client, "meetings?topic=planning")["count"] == 0


def test_meeting_bad_parameters(client, meeting):
    assert error(client, "meetings?council=ZZZ", 404, "council")["code"] == "not_found"
    assert error(client, "meetings?council=K3N", 400, "council")["code"] == "invalid_parameter"
    assert "date_from" in error(client, "meetings?date_from=30/01/2025", 400, "date_from")["message"]
    error(client, "meetings?date_to=2025-02-30", 400, "date_to")
    error(client, "meetings?date_from=2025-02-01&date_to=2025-01-01", 400, "date_from")
    error(client, "meetings?status=happening", 400, "status")
    error(client, "meetings?committee=999999", 404, "committee")
    error(client, "meetings?topic=no-such-topic", 404, "topic")
    error(client, "meetings?order=title", 400, "order")
    error(client, "meetings/999999", 404, "meeting_id")
    error(client, "meetings/not-a-number", 404, "meeting_id")
    error(client, "councils/ZZZ", 404, "code")
    error(client, "search?q=x", 400, "q")
    error(client, "search?q=bud%00get", 400, "q")
    error(client, "people?party=Lab%00our", 400, "party")
    error(client, "search", 400, "q")
    assert error(client, "no-such-thing", 404, None)["code"] == "not_found"


def test_meeting_detail_has_items_documents_attendance_decisions_and_summary(client, meeting):
    detail = get(client, f"meetings/{meeting.pk}")
    assert detail["council"] == "KEN" and detail["committee"]["name"] == "Cabinet"
    assert [i["number"] for i in detail["items"]] == [str(n) for n in range(1, 10)]
    assert {d["kind"] for d in detail["documents"]} == {"agenda", "minutes"}
    statuses = {a["person"]["name"]: a["status"] for a in detail["attendance"]}
    assert statuses["Mrs C Bell"] == "apologies" and statuses["Mr S Jones"] == "virtual"
    budget = next(d for d in detail["decisions"] if d["page"] == 13)
    assert "endorsed the draft budget" in budget["text"]
    summary = detail["summary"]
    assert summary["topics"] == ["budget", "education"]
    assert summary["verification"] == {"checked": 3, "unsupported": [], "details": []}
    budget_section = summary["body"]["sections"][1]
    citation = budget_section["sentences"][0]["citations"][0]
    assert citation["page"] == 13 and citation["source_url"].endswith("#page=13")
    minutes = next(d for d in detail["documents"] if d["kind"] == "minutes")
    assert citation["document_id"] == minutes["id"]


def test_document_detail_has_text_page_by_page_matching_the_citations(client, meeting):
    minutes = next(d for d in get(client, f"documents?meeting={meeting.pk}&kind=minutes")["results"])
    detail = get(client, f"documents/{minutes['id']}")
    assert detail["page_count"] == len(detail["pages"]) == 17
    assert [p["number"] for p in detail["pages"]] == list(range(1, 18))
    assert "Commissioning Plan for Education" in detail["pages"][16]["text"]
    decision = next(d for d in get(client, f"decisions?meeting={meeting.pk}")["results"] if d["page"] == 17)
    assert decision["text"].split("RESOLVED")[1][:40] in detail["pages"][16]["text"].replace("\n", " ")


def test_other_filters(client, meeting):
    other = factories.other_council()
    factories.make_meetings(other, 2)
    assert get(client, "councils?nation=England&support_level=full")["count"] == 2
    assert get(client, "councils?nation=Wales")["count"] == 0
    error(client, "councils?nation=Mars", 400, "nation")
    assert get(client, "committees?council=MAN")["count"] == 0
    assert get(client, f"items?meeting={meeting.pk}")["count"] == 9
    assert get(client, "items?council=MAN")["count"] == 0
    error(client, "items?meeting=424242", 404, "meeting")
    assert get(client, "decisions?outcome=approved&date_from=2025-01-30")["count"] == 6
    assert get(client, "decisions?date_to=2025-01-29")["count"] == 0
    assert get(client, "people?kind=officer")["count"] == 2
    watts = get(client, "people?council=KEN&kind=officer")["results"][0]
    assert get(client, f"attendance?person={watts['id']}")["results"][0]["role"] == "General Counsel"
    assert get(client, "attendance?status=apologies")["count"] == 1
    assert get(client, "summaries?topic=education")["count"] == 1
    error(client, "summaries?topic=nope", 404, "topic")
    minutes = meeting.documents.get(kind="minutes")
    factories.add_summary(meeting, minutes, version=2)
    assert get(client, "summaries")["count"] == 1
    versions = get(client, "summaries?latest=false")["results"]
    assert [(s["version"], s["is_latest"]) for s in versions] == [(2, True), (1, False)]


def test_search_uses_the_full_text_index_with_filters(client, meeting):
    hits = get(client, "search?q=BUDGET&council=KEN&page_size=200")["results"]
    assert {h["kind"] for h in hits} == {"meeting", "item", "summary", "page"}
    assert all(h["meeting"] == meeting.pk and h["council"] == "KEN" for h in hits)
    assert [h["rank"] for h in hits] == sorted((h["rank"] for h in hits), reverse=True)
    pages = get(client, 'search?q="Commissioning Plan for Education"&kind=page&document_kind=minutes')["results"]
    assert pages and all(h["kind"] == "page" and h["document_kind"] == "minutes" for h in pages)
    assert 17 in {h["page"] for h in pages}
    hit = next(h for h in pages if h["page"] == 17)
    assert "Commissioning Plan for Education" in hit["snippet"] and "\x02" not in hit["snippet"]
    assert hit["document_url"].endswith(f"/api/v1/documents/{hit['document']}")
    factories.other_council()
    assert get(client, "search?q=budget&council=MAN")["count"] == 0
    assert get(client, "search?q=budget&date_to=2025-01-29")["count"] == 0
    assert get(client, "search?q=budget&topic=education")["count"] == len(hits)
    error(client, "search?q=budget&topic=nope", 404, "topic")
    error(client, "search?q=budget&council=ZZZ", 404, "council")
    error(client, "search?q=budget&kind=video", 400, "kind")


def test_search_for_punctuation_only_finds_nothing(client, meeting):
    assert get(client, "search?q=%21%21")["count"] == 0
    assert get(client, "search?q=--")["count"] == 0


def test_lists_and_details_take_a_fixed_number_of_queries(client, meeting, django_assert_max_num_queries):
    factories.make_meetings(factories.kent(), 60, committee=factories.cabinet())
    with django_assert_max_num_queries(2):  # count and page, whatever the page size
        assert len(get(client, "meetings?page_size=50")["results"]) == 50
    with django_assert_max_num_queries(3):
        assert len(get(client, "city-scrapers/meetings?page_size=50")["results"]) == 50
    with django_assert_max_num_queries(7):  # the meeting, then items, documents, attendance, decisions, summary, topics
        get(client, f"meetings/{meeting.pk}")
    with django_assert_max_num_queries(3):
        assert len(get(client, "summaries?latest=false")["results"]) == 1
