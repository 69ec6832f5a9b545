"""Query budgets of the busiest uncached pages: a regression to N+1 queries fails here, whatever the data size."""

import pytest


@pytest.fixture
def uncached(settings):
    settings.WEB_PAGE_CACHE_SECONDS = 0


def test_meeting_page_query_budget(client, kent, uncached, django_assert_max_num_queries):
    meeting = kent["cabinet"]
    assert meeting.attendances.count() >= 3 and meeting.documents.count() >= 3
    # council, meeting+committee, documents, summary, its topics, attendance, versions, items, decisions
    with django_assert_max_num_queries(9):
        response = client.get(f"/councils/KEN/meetings/{meeting.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    committee = meeting.committee
    assert f'href="/councils/KEN/committees/{committee.slug or committee.name.lower()}/"' in body
    for attendance in meeting.attendances.select_related("person"):
        assert f'href="/councils/KEN/people/{attendance.person.pk}/"' in body


def test_search_page_query_budget(client, kent, uncached, django_assert_max_num_queries):
    # topics, councils, the count, a page of ranked ids, their snippets, their rows
    with django_assert_max_num_queries(6):
        response = client.get("/search/?q=devolution")
    body = response.content.decode()
    assert response.status_code == 200 and body.count('class="result"') > 3 and "<mark>" in body
    assert f"/councils/KEN/meetings/{kent['full_council'].pk}/" in body
    # A council filter adds its committees; the chosen council stays selected in the list of every council.
    with django_assert_max_num_queries(7):
        response = client.get("/search/?q=devolution&council=ken")
    assert '<option value="KEN" selected>Kent</option>' in response.content.decode()
