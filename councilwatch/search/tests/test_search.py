"""Search over the real Kent papers: ranking, snippets, filters, index upkeep (SQLite FTS5 or PostgreSQL)."""

import threading
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from councilwatch.search.models import SearchEntry
from councilwatch.search.query import START, RankedPages, SearchFilters, fts5_query, highlight
from councilwatch.search.services import index_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def kent(db, document_storage):
    from councilwatch.testing.factories import kent_world

    return kent_world()


def test_fts5_query_quotes_every_term():
    assert fts5_query("devolution") == '"devolution"'
    assert fts5_query('"white paper" mayor') == '"white paper" AND "mayor"'
    assert fts5_query("budget OR devolution -schools") == '(("budget" OR "devolution")) NOT "schools"'
    assert fts5_query('NEAR( title:x * ") OR') == '"NEAR" AND "title x"'
    assert fts5_query("-only") == "" and fts5_query("  ") == ""


def test_highlight_escapes_then_marks():
    raw = "a <script>alert(1)</script> \x02devolution\x03 & \x02more"
    assert highlight(raw) == ("a &lt;script&gt;alert(1)&lt;/script&gt; <mark>devolution</mark> &amp; <mark>more</mark>")


def test_devolution_finds_county_council_of_9_january_2025(kent):
    results = list(SearchEntry.objects.search("devolution")[:20])
    assert results, "no results for devolution"
    best = results[0]
    assert best.meeting_id == kent["full_council"].pk
    assert best.meeting.start.date() == date(2025, 1, 9)
    assert "<mark>" in highlight(best.snippet_raw).lower()
    assert "devolution" in highlight(best.snippet_raw).lower()
    assert results == sorted(results, key=lambda r: -r.rank)


def test_ranked_pages_are_the_ranked_query_page_by_page(kent, django_assert_num_queries):
    ranked = SearchEntry.objects.search("devolution")
    expected = [(e.pk, e.rank, e.snippet_raw) for e in ranked]
    assert len(expected) > 6
    pages = RankedPages(ranked, related=("council", "meeting__committee"), deferred=("body",))
    assert pages.count() == len(expected)
    got = []
    for start in range(0, len(expected), 5):
        with django_assert_num_queries(3):  # ranked ids, their snippets, their rows with council and committee
            rows = pages[start : start + 5]
            got += [(e.pk, e.rank, e.snippet_raw, e.council.code, e.meeting.committee.name) for e in rows]
    assert [g[:3] for g in got] == expected
    assert {g[3] for g in got} == {"KEN"} and all(g[4] for g in got)


def test_search_filters(kent):
    cabinet, full = kent["cabinet"], kent["full_council"]

    def ids(q: str, **filters) -> set[int]:
        return set(SearchEntry.objects.search(q, SearchFilters(**filters)).values_list("meeting_id", flat=True))

    assert ids("budget") >= {cabinet.pk}
    assert ids("budget", council="WGN") == set()
    assert ids("budget", council="ken") >= {cabinet.pk}
    assert ids("budget", topic="budget") == {cabinet.pk}
    assert full.pk not in ids("devolution", topic="budget")
    assert ids("devolution", committee=full.committee_id) == {full.pk}
    assert ids("devolution", committee=cabinet.committee_id) <= {cabinet.pk}
    assert full.pk not in ids("devolution", date_from=date(2025, 1, 10))
    assert ids("devolution", date_from=date(2025, 1, 9), date_to=date(2025, 1, 9)) == {full.pk}
    assert full.pk in ids("devolution", document_kind="minutes")
    kinds = set(
        SearchEntry.objects.search("devolution", SearchFilters(document_kind="report")).values_list(
            "document_kind", flat=True
        )
    )
    assert kinds == {"report"}
    assert ids("overspend", kind="summary") == {cabinet.pk}


def test_index_follows_changes(kent, django_capture_on_commit_callbacks):
    from councilwatch.testing.factories import upcoming_meeting

    assert not SearchEntry.objects.search("zeppelin").exists()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        meeting = upcoming_meeting(kent["cabinet"].committee, 40)
        item = meeting.items.create(number="1", order=1, title="Zeppelin landing strip", upstream_id="z1")
        meeting.items.create(number="2", order=2, title="Any other business", upstream_id="z2")
    assert len(callbacks) == 1  # one reindex per meeting per transaction
    assert set(SearchEntry.objects.search("zeppelin").values_list("meeting_id", flat=True)) == {meeting.pk}
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Airship mooring mast"
        item.save()
    assert not SearchEntry.objects.search("zeppelin").exists()
    assert SearchEntry.objects.search("airship").get(kind="item").item_id == item.pk
    with django_capture_on_commit_callbacks(execute=True):
        meeting.delete()
    assert not SearchEntry.objects.search("airship").exists()
    assert not SearchEntry.objects.filter(meeting_id=meeting.pk).exists()


def test_index_meeting_is_idempotent_and_reindex_command(kent, capsys):
    meeting = kent["full_council"]
    before = SearchEntry.objects.filter(meeting=meeting).count()
    index_meeting(meeting.pk)
    index_meeting(meeting.pk)
    assert SearchEntry.objects.filter(meeting=meeting).count() == before
    assert SearchEntry.objects.search("devolution").count() == SearchEntry.objects.search("devolution").count()
    SearchEntry.objects.all().delete()
    assert not SearchEntry.objects.search("devolution").exists()
    call_command("reindex", "--council", "KEN")
    assert "reindexed 4 meetings" in capsys.readouterr().out
    assert SearchEntry.objects.search("devolution").exists()


def test_search_page(client, kent):
    html = client.get("/search/", {"q": "devolution"}).content.decode()
    assert "County Council - Thursday, 9th January, 2025 10.00 am" in html
    assert "<mark>" in html.lower()
    html = client.get("/search/", {"q": "devolution", "council": "WGN"}).content.decode()
    assert "0 results" in html
    full = kent["full_council"]
    html = client.get(
        "/search/", {"q": "devolution", "council": "ken", "committee": full.committee_id}
    ).content.decode()
    assert f'<option value="{full.committee_id}" selected>County Council</option>' in html
    assert "Cabinet - Thursday" not in html.split('id="results-h"')[1]
    bad = client.get("/search/", {"q": "devolution", "date_from": "not-a-date"}).content.decode()
    assert "Enter a valid date" in bad


def test_search_page_paginates(client, kent):
    first = client.get("/search/", {"q": "council", "kind": "page"}).content.decode()
    assert "Page 1 of" in first and 'rel="next"' in first
    second = client.get("/search/", {"q": "council", "kind": "page", "page": 2}).content.decode()
    assert "Page 2 of" in second


class ReindexBetween:
    """A database execute wrapper: as soon as the ranked query of a search has run, another connection (a
    thread, as another worker would) reindexes ``meeting_id`` and commits, before the search reads on."""

    def __init__(self, meeting_id: int, after: str) -> None:
        self.meeting_id, self.after, self.done = meeting_id, after, 0

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self.done and self.after in sql:
            self.done += 1
            worker = threading.Thread(target=self._reindex)
            worker.start()
            worker.join(60)
            assert self.done == 2, "the concurrent reindex did not finish"
        return result

    def _reindex(self) -> None:
        try:
            index_meeting(self.meeting_id)
            self.done += 1
        finally:
            connection.close()


def _ranked_sql() -> str:
    return "ts_rank" if connection.vendor == "postgresql" else "bm25"


@pytest.mark.django_db(transaction=True)
def test_a_search_during_a_reindex_answers_a_correct_page(client, document_storage):
    """The ranked ids, then their rows: a reindex committing in between (it deletes and recreates the meeting's
    entries) must neither fail the page (it did: KeyError, a 500) nor leave rows out of it."""
    from councilwatch.testing.factories import kent_world

    full = kent_world()["full_council"]
    race = ReindexBetween(full.pk, _ranked_sql())
    with connection.execute_wrapper(race):
        response = client.get("/search/", {"q": "devolution"})
    assert race.done == 2 and response.status_code == 200
    assert "County Council - Thursday, 9th January, 2025 10.00 am" in response.content.decode()

    expected = [(e.pk, e.title) for e in SearchEntry.objects.search("devolution")[:10]]
    pages = RankedPages(SearchEntry.objects.search("devolution"), related=("council", "meeting__committee"))
    race = ReindexBetween(full.pk, _ranked_sql())
    with connection.execute_wrapper(race):
        rows = pages[0:10]
    assert race.done == 2
    assert [(e.pk, e.title) for e in rows] == expected  # the whole page as it stood when it was ranked
    assert all(e.council.code == "KEN" and START in e.snippet_raw for e in rows)
    after = [(e.pk, e.title) for e in SearchEntry.objects.search("devolution")[:10]]
    assert [title for _, title in after] == [title for _, title in expected]
    assert {pk for pk, _ in after} != {pk for pk, _ in expected}  # the reindex did replace the rows


@pytest.mark.django_db(transaction=True)
def test_rows_and_their_snippets_come_from_one_state_of_the_index(document_storage):
    from councilwatch.testing.factories import kent_world

    full = kent_world()["full_council"]
    race = ReindexBetween(full.pk, _ranked_sql())
    with connection.execute_wrapper(race):
        rows = list(SearchEntry.objects.search("devolution")[:10])
    assert race.done == 2 and rows
    assert all(START in row.snippet_raw for row in rows), [row.snippet_raw for row in rows]
