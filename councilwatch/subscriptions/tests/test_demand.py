import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.councils.registry import load_councils
from councilwatch.subscriptions import ratelimit
from councilwatch.subscriptions.demand import demand_ranking, queue_position, waiting_counts
from councilwatch.subscriptions.models import Subscriber, Subscription
from councilwatch.subscriptions.tests.factories import make_council, make_subscriber
from councilwatch.subscriptions.tests.mailtools import header_url, links, parts

pytestmark = pytest.mark.django_db


def _render_panel(council: Council) -> str:
    request = RequestFactory().get(f"/councils/{council.code}/")
    return Template("{% load subscriptions_tags %}{% council_panel council %}").render(
        Context({"council": council, "request": request})
    )


def test_ranking_counts_confirmed_not_bounced_subscribers_of_limited_councils():
    wigan, bolton, bury = (
        make_council(c, n, full=False) for c, n in [("WGN", "Wigan"), ("BOL", "Bolton"), ("BUR", "Bury")]
    )
    kent = make_council()
    for i in range(3):
        make_subscriber(f"w{i}@example.org", wigan, kent)
    make_subscriber("b@example.org", bolton)
    make_subscriber("u@example.org", bury)
    make_subscriber("bounced@example.org", bolton, bounced_at=timezone.now())
    assert waiting_counts() == {wigan.pk: 3, bolton.pk: 1, bury.pk: 1}
    assert [(r.rank, r.council.code, r.waiting) for r in demand_ranking()] == [
        (1, "WGN", 3),
        (2, "BOL", 1),
        (3, "BUR", 1),
    ]
    assert queue_position(bury) == (1, 3)
    assert queue_position(make_council("SAL", "Salford", full=False)) == (0, None)


def test_panel_shows_demand_for_limited_councils_and_only_the_form_for_full_ones():
    load_councils()  # the real registry: Wigan (WGN) and Kent (KEN)
    wigan, kent = Council.objects.get(code="WGN"), Council.objects.get(code="KEN")
    Council.objects.filter(pk=kent.pk).update(support_level=SupportLevel.FULL)
    kent.refresh_from_db()
    for i in range(2):
        make_subscriber(f"resident{i}@example.org", wigan)
    html = _render_panel(wigan)
    assert "Limited support for Wigan" in html and "in order of demand" in html
    assert "<strong>2 residents</strong> have asked for Wigan" in html and "number 1</strong> in the queue" in html
    assert 'name="website"' in html and 'value="WGN"' in html and 'action="/subscribe/"' in html
    assert "resident0@example.org" not in html
    kent_html = _render_panel(kent)
    assert "Limited support" not in kent_html and "Get the weekly digest for Kent" in kent_html


def test_enable_notifies_the_waiting_subscribers_exactly_once(client, smtp):
    wigan = make_council("WGN", "Wigan", full=False)
    waiting = [make_subscriber(f"w{i}@example.org", wigan) for i in range(3)]
    make_subscriber("bounced@example.org", wigan, bounced_at=timezone.now())
    make_subscriber("kent-only@example.org", make_council())

    call_command("enable", "wgn")

    wigan.refresh_from_db()
    assert wigan.support_level == SupportLevel.FULL and wigan.support_enabled_at
    mails = smtp.messages()
    assert sorted(m["To"] for m in mails) == [w.email for w in waiting]
    text, html = parts(mails[0])
    assert "Wigan is now fully supported" in text and "Wigan" in html
    assert all(client.get(p).status_code == 200 for p in links(text))
    assert header_url(mails[0]) in links(text)
    assert waiting_counts() == {}

    # Again (or after a new subscriber joins): the waiting ones are never told twice.
    make_subscriber("late@example.org", wigan)
    call_command("enable", "WGN")
    assert sorted(smtp.recipients()) == sorted([w.email for w in waiting] + ["late@example.org"])


def test_enable_unknown_council_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="no council with code 'ZZZ'"):
        call_command("enable", "ZZZ")


@pytest.mark.redis
def test_rate_limit_on_redis(settings):
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": settings.REDIS_URL},
    }
    settings.SUBSCRIBE_RATE_CACHE = "ratelimit"
    settings.SUBSCRIBE_RATE_LIMIT = 2
    cache = caches["ratelimit"]
    try:
        assert [ratelimit.subscribe_allowed("a@example.org", "10.1.1.1") for _ in range(3)] == [True, True, False]
        assert ratelimit.subscribe_allowed("b@example.org", "10.1.1.1")
        keys = cache._cache.get_client().keys("*rate:subscribe-*")
        assert keys and not any(b"example.org" in k for k in keys)  # addresses are hashed
    finally:
        for key in cache._cache.get_client().keys("*rate:subscribe-*"):
            cache._cache.get_client().delete(key)
    assert Subscriber.objects.count() == Subscription.objects.count() == 0
