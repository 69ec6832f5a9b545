"""HTTP behaviour around the views: conditional GET, caching, CORS, rate limits and API keys, docs and schema."""

import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.cache import caches
from django.utils import timezone
from django.utils.http import http_date

from councilwatch.api.models import ApiKey, create_api_key
from councilwatch.api.throttle import check_rate, client_ip
from councilwatch.documents.models import Document
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting
from councilwatch.summaries.models import Summary

pytestmark = pytest.mark.django_db


def test_etag_and_last_modified_answer_304_until_the_data_changes(client, meeting):
    url = f"/api/v1/meetings/{meeting.pk}"
    first = client.get(url)
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    assert first["Cache-Control"] == "public, max-age=300"
    summary_made = meeting.summaries.get().updated_at
    assert first["Last-Modified"] == http_date(int(max(meeting.updated_at, summary_made).timestamp()))
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    assert client.get(url, headers={"If-Modified-Since": first["Last-Modified"]}).status_code == 304
    meeting.location = "Darent Room, Sessions House, County Hall, Maidstone"
    meeting.save()
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert changed.json()["location"].startswith("Darent Room")


def test_a_changed_decision_moves_the_meetings_last_modified(client, meeting):
    url = f"/api/v1/meetings/{meeting.pk}"
    two_days_ago = timezone.now() - timedelta(days=2)
    Meeting.objects.filter(pk=meeting.pk).update(updated_at=two_days_ago)
    for related in (Summary.objects, AgendaItem.objects, Document.objects, Attendance.objects, Decision.objects):
        related.filter(meeting=meeting).update(updated_at=two_days_ago)
    first = client.get(url)
    assert first["Last-Modified"] == http_date(int(two_days_ago.timestamp()))
    decision = meeting.decisions.first()
    decision.outcome = "amended"
    decision.save()  # only the decision row changes
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 200 and since["Last-Modified"] != first["Last-Modified"]


def test_lists_carry_no_last_modified(client, meeting):
    assert not client.get("/api/v1/meetings").has_header("Last-Modified")


def test_lists_have_etags_too_and_errors_are_not_cached(client, meeting):
    listing = client.get("/api/v1/meetings?council=KEN")
    assert client.get("/api/v1/meetings?council=KEN", headers={"If-None-Match": listing["ETag"]}).status_code == 304
    bad = client.get("/api/v1/meetings?council=ZZZ")
    assert bad.status_code == 404 and bad["Cache-Control"] == "no-store" and not bad.has_header("ETag")


def test_head_answers_like_get_without_a_body(client, meeting):
    get = client.get("/api/v1/meetings")
    head = client.head("/api/v1/meetings")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == get["ETag"] and head["Content-Length"] == str(len(get.content))


def test_cors_for_reads_and_preflight(client, meeting):
    response = client.get("/api/v1/councils/KEN", headers={"Origin": "https://example.org"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert client.get("/api/v1/councils/ZZZ")["Access-Control-Allow-Origin"] == "*"  # errors readable too
    preflight = client.options(
        "/api/v1/meetings",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "X-API-Key" in preflight["Access-Control-Allow-Headers"]
    assert not client.get("/admin/login/").has_header("Access-Control-Allow-Origin")  # only the API


def test_anonymous_clients_are_limited_per_ip_with_retry_after(client, meeting, settings):
    settings.API_ANON_RATE_PER_MINUTE = 3
    for remaining in (2, 1, 0):
        ok = client.get("/api/v1/councils")
        assert ok.status_code == 200 and ok["X-RateLimit-Remaining"] == str(remaining)
    limited = client.get("/api/v1/councils")
    assert limited.status_code == 429
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited.json()["error"]["code"] == "rate_limited"
    assert limited["Access-Control-Allow-Origin"] == "*"
    other_ip = client.get("/api/v1/councils", REMOTE_ADDR="192.0.2.7")
    assert other_ip.status_code == 200


def test_an_api_key_raises_the_limit(client, meeting, settings):
    settings.API_ANON_RATE_PER_MINUTE = 2
    settings.API_KEY_RATE_PER_MINUTE = 5
    key, raw = create_api_key("Kent Online newsroom", "desk@example.org")
    assert raw.startswith("cw_") and raw not in key.key_hash and key.prefix == raw[:10]
    for _ in range(2):
        assert client.get("/api/v1/councils").status_code == 200
    assert client.get("/api/v1/councils").status_code == 429
    statuses = [client.get("/api/v1/councils", headers={"X-API-Key": raw}).status_code for _ in range(5)]
    assert statuses == [200] * 5
    limited = client.get("/api/v1/councils", headers={"Authorization": f"Bearer {raw}"})
    assert limited.status_code == 429 and limited["X-RateLimit-Limit"] == "5"
    key.refresh_from_db()
    assert key.last_used_at is not None
    _, pro_raw = create_api_key("Research unit", "lab@example.org", is_professional=True)
    settings.API_PROFESSIONAL_RATE_PER_MINUTE = 50
    assert client.get("/api/v1/councils", headers={"X-API-Key": pro_raw})["X-RateLimit-Limit"] == "50"


def test_unknown_or_revoked_keys_are_refused(client, meeting):
    key, raw = create_api_key("Old", "old@example.org")
    assert client.get("/api/v1/councils", headers={"X-API-Key": "cw_not-a-key"}).status_code == 401
    key.is_active = False
    key.save()
    refused = client.get("/api/v1/councils", headers={"X-API-Key": raw})
    assert refused.status_code == 401 and refused.json()["error"]["parameter"] == "X-API-Key"


def test_professional_keys_create_keys_and_others_cannot(client, meeting):
    _, plain = create_api_key("Plain", "plain@example.org")
    pro, pro_raw = create_api_key("Newsroom", "news@example.org", is_professional=True)
    body = {"name": "Data desk"}
    assert client.post("/api/v1/keys", body, content_type="application/json").status_code == 401
    refused = client.post("/api/v1/keys", body, content_type="application/json", headers={"X-API-Key": plain})
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    made = client.post("/api/v1/keys", body, content_type="application/json", headers={"X-API-Key": pro_raw})
    assert made.status_code == 201, made.content
    new = made.json()
    assert new["owner_email"] == "news@example.org" and new["key"].startswith("cw_")
    child = ApiKey.objects.find(new["key"])
    assert child is not None and child.created_by_key == pro and not child.is_professional
    assert client.get("/api/v1/councils", headers={"X-API-Key": new["key"]}).status_code == 200
    bad = client.post(
        "/api/v1/keys",
        {"name": "x", "owner_email": "not-an-email"},
        content_type="application/json",
        headers={"X-API-Key": pro_raw},
    )
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "owner_email"


def test_client_ip_reads_forwarded_for_only_behind_declared_proxies(rf, settings):
    request = rf.get("/api/v1/councils", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.1")
    settings.API_NUM_PROXIES = 0
    assert client_ip(request) == "10.0.0.2"
    settings.API_NUM_PROXIES = 1
    assert client_ip(request) == "10.0.0.1"
    settings.API_NUM_PROXIES = 2
    assert client_ip(request) == "203.0.113.9"


def test_windows_reset_each_minute():
    caches["api"].clear()
    assert check_rate("ip:test", 1, now=120.0).allowed
    late = check_rate("ip:test", 1, now=150.0)
    assert not late.allowed and late.retry_after == 30
    assert check_rate("ip:test", 1, now=180.0).allowed


@pytest.mark.redis
def test_rate_limits_are_shared_through_redis(settings):
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["api"], RedisCache), "API_RATE_LIMIT_CACHE_URL should default to REDIS_URL"
    caches["api"].clear()
    verdicts = [check_rate("ip:redis-test", 2, now=60.0) for _ in range(3)]
    assert [v.allowed for v in verdicts] == [True, True, False]
    assert int(caches["api"].get("api-rate:ip:redis-test:1")) == 3


def test_openapi_schema_is_generated_and_the_docs_page_needs_no_cdn(client, meeting):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "1"
    for path in (
        "/api/v1/meetings",
        "/api/v1/meetings/{meeting_id}",
        "/api/v1/documents/{document_id}",
        "/api/v1/search",
    ):
        assert path in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/meetings"]["get"]["parameters"]}
    assert {"council", "committee", "date_from", "date_to", "status", "topic", "page", "page_size"} <= params
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert not re.search(r"(src|href)=\"https?://", html), "the docs page must not load anything from a CDN"
    assert finders.find("ninja/swagger-ui-bundle.js"), "Swagger UI's files must come with the app (collectstatic)"


def _api_hits_in_child(queue) -> None:
    queue.put(sum(check_rate("ip:198.51.100.7", 60, now=6000.0).allowed for _ in range(40)))


def test_the_anonymous_limit_holds_across_processes():
    """Two web workers share the count: 80 requests in one minute from one address get 60, not 60 each."""
    from councilwatch.core.testing import in_forked_children

    assert sum(in_forked_children(_api_hits_in_child, [(), ()])) == 60


def test_method_not_allowed_names_the_allowed_methods(client, meeting):
    for method, url, allowed in [
        ("post", "/api/v1/councils", "GET, HEAD, OPTIONS"),
        ("delete", f"/api/v1/meetings/{meeting.pk}", "GET, HEAD, OPTIONS"),
        ("get", "/api/v1/keys", "POST, OPTIONS"),
    ]:
        response = getattr(client, method)(url)
        assert (url, response.status_code, response["Allow"]) == (url, 405, allowed)
        assert response.json()["error"]["code"] == "method_not_allowed"
