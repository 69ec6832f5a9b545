"""Query budgets of the meeting list and detail: a regression to N+1 queries fails here, whatever the data size."""

from councilwatch.api.tests import factories


def test_meeting_list_query_budget(client, meeting, django_assert_max_num_queries):
    factories.make_meetings(factories.kent(), 60, committee=factories.cabinet(factories.kent()))
    # the count and one page of meetings with their councils and committees
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/meetings")
    body = response.json()
    assert response.status_code == 200 and len(body["results"]) == 50
    assert {r["council"] for r in body["results"]} == {"KEN"} and all(r["committee"] for r in body["results"])


def test_meeting_detail_query_budget(client, meeting, django_assert_max_num_queries):
    assert meeting.documents.count() >= 2 and meeting.attendances.count() > 3
    # the meeting (with council and committee), items, documents, attendance, decisions, summary, its topics
    with django_assert_max_num_queries(7):
        response = client.get(f"/api/v1/meetings/{meeting.pk}")
    body = response.json()
    assert response.status_code == 200
    assert {d["council"] for d in body["documents"]} == {"KEN"} and body["summary"]["council"] == "KEN"
    assert len(body["documents"]) == meeting.documents.count()
