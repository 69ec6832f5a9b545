"""Feeds, calendars, security headers, escaping and the page cache."""

import re

import pytest

from councilwatch.meetings.models import MeetingStatus
from councilwatch.web.ical import fold

pytestmark = pytest.mark.django_db


def test_atom_feeds(client, kent):
    for url in ("/councils/KEN/feed.atom", "/councils/KEN/committees/cabinet/feed.atom", "/topics/budget/feed.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert "Cabinet endorsed the draft 2025-26 budget" in body
        assert f"/councils/KEN/meetings/{kent['cabinet'].pk}/" in body
    assert "<entry>" not in client.get("/councils/KEN/committees/county-council/feed.atom").content.decode()
    assert client.get("/topics/nope/feed.atom").status_code == 404


def test_ical_lists_upcoming_and_cancelled_meetings(client, kent):
    response = client.get("/councils/KEN/meetings.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2  # the two meetings ahead; January 2025 is long past
    assert f"UID:meeting-{kent['cancelled'].pk}@" in body and "STATUS:CANCELLED" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    sequence = int(re.search(rf"UID:meeting-{kent['upcoming'].pk}@.*?SEQUENCE:(\d+)", body, re.S).group(1))
    upcoming = kent["upcoming"]
    upcoming.updated_at = upcoming.created_at  # as if unchanged, then postpone it
    upcoming.status = MeetingStatus.POSTPONED
    upcoming.save()
    body = client.get("/councils/KEN/committees/cabinet/meetings.ics").content.decode()
    later = int(re.search(rf"UID:meeting-{upcoming.pk}@.*?SEQUENCE:(\d+)", body, re.S).group(1))
    assert later >= sequence and "POSTPONED: Cabinet" in body


def test_ical_escapes_and_folds():
    assert fold("X" * 160).split("\r\n ")[0] == "X" * 75
    assert all(len(part.encode()) <= 75 for part in fold("é" * 100).split("\r\n"))


def test_security_headers(client, kent):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_scraped_strings_are_escaped(client, kent):
    meeting = kent["cabinet"]
    meeting.title = "<script>alert('title')</script>"
    meeting.committee.name = 'Cabinet <img src=x onerror="alert(1)">'
    meeting.committee.save()
    meeting.save()
    item = meeting.items.first()
    item.title = "<script>alert('item')</script>"
    item.save()
    document = meeting.documents.first()
    document.title = '<img src=x onerror=alert("doc")>'
    document.source_url = "javascript:alert(1)"
    document.save()
    summary = meeting.summaries.get()
    summary.body["sections"][0]["text"] = "Evil <b onmouseover=alert(1)>bold</b>."
    summary.body["sections"][0]["citations"] = [{"document": "x", "page": 1, "url": "javascript:alert(2)"}]
    summary.save()
    html = client.get(f"/councils/KEN/meetings/{meeting.pk}/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html and "<b onmouseover" not in html
    assert "&lt;script&gt;alert(&#x27;item&#x27;)&lt;/script&gt;" in html
    assert "Cabinet &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert 'href="javascript:' not in html


def test_pages_are_cached_and_invalidated_on_change(client, kent):
    url = f"/councils/KEN/meetings/{kent['cabinet'].pk}/"
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    summary = kent["cabinet"].summaries.get()
    summary.headline = "A corrected headline."
    summary.save()
    response = client.get(url)
    assert response["X-Cache"] == "miss" and "A corrected headline." in response.content.decode()
    assert "X-Cache" not in client.get("/councils/KEN/")  # carries the subscribe form's CSRF token


def _correct_headline_in_child(summary_id: int) -> None:
    from councilwatch.summaries.models import Summary

    summary = Summary.objects.get(pk=summary_id)
    summary.headline = "A headline corrected by another process."
    summary.save()


@pytest.mark.django_db(transaction=True)
def test_a_change_saved_by_another_process_shows_on_the_next_request(client, document_storage):
    """With two web workers (or a worker and the pipeline), the page cache and its versions are one store."""
    import multiprocessing

    from django.db import connections

    from councilwatch.testing.factories import kent_world

    cabinet = kent_world()["cabinet"]
    url = f"/councils/KEN/meetings/{cabinet.pk}/"
    assert client.get(url)["X-Cache"] == "miss" and client.get(url)["X-Cache"] == "hit"
    connections.close_all()  # the other process opens its own database connection
    child = multiprocessing.get_context("fork").Process(
        target=_correct_headline_in_child, args=(cabinet.summaries.get().pk,)
    )
    child.start()
    child.join(60)
    assert child.exitcode == 0
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert "A headline corrected by another process." in response.content.decode()


def test_hsts_over_https_with_debug_off(client, kent, settings):
    settings.SECURE_HSTS_SECONDS = 31536000  # what settings.py sets when DEBUG is off (test_settings.py checks)
    assert client.get("/", secure=True)["Strict-Transport-Security"] == "max-age=31536000"
    assert "Strict-Transport-Security" not in client.get("/")  # never over plain HTTP


def test_admin_login_is_throttled_per_address_and_per_user_name(client, settings):
    from django.core.cache import caches

    caches["default"].clear()
    settings.ADMIN_LOGIN_RATE_LIMIT = 3
    settings.ADMIN_LOGIN_RATE_WINDOW = 900

    def login(username: str, ip: str) -> int:
        return client.post("/admin/login/", {"username": username, "password": "guess"}, REMOTE_ADDR=ip).status_code

    assert [login("admin", "10.0.0.1") for _ in range(4)] == [200, 200, 200, 429]
    limited = client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="10.0.0.1")
    assert limited["Retry-After"] == "900" and b"Too many sign-in attempts" in limited.content
    assert login("admin", "10.0.0.2") == 429  # the same name from elsewhere: still too many guesses for it
    assert login("editor", "10.0.0.3") == 200
    assert client.get("/admin/login/", REMOTE_ADDR="10.0.0.1").status_code == 200  # the form itself still shows
    caches["default"].clear()
