from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client

from councilwatch.subscriptions import tokens
from councilwatch.subscriptions.models import Frequency, Subscriber, Subscription
from councilwatch.subscriptions.tests.factories import make_council, make_subscriber
from councilwatch.subscriptions.tests.mailtools import link_to, parts

pytestmark = pytest.mark.django_db


def subscribe(client: Client, email: str, councils: str = "KEN", website: str = "", ip: str = "10.0.0.1"):
    data = {"email": email, "councils": councils, "website": website}
    return client.post("/subscribe/", data, REMOTE_ADDR=ip)


def test_double_opt_in_stores_nothing_until_confirmed(client, smtp):
    kent = make_council()
    page = client.get("/subscribe/KEN/")
    assert page.status_code == 200 and b'name="csrfmiddlewaretoken"' in page.content
    response = subscribe(client, "Resident@Example.org")
    assert response.status_code == 200 and b"Check your inbox" in response.content
    assert Subscriber.objects.count() == 0

    [mail] = smtp.messages()
    assert mail["To"] == "resident@example.org"
    assert "List-Unsubscribe" not in mail  # nothing to unsubscribe from yet
    text, html = parts(mail)
    confirm = link_to(text, "/subscribe/confirm/")
    assert confirm in html
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.count() == 0  # a GET (a mail scanner) confirms nothing

    response = client.post(confirm)
    assert response.status_code == 302 and "/subscriptions/" in response["Location"]
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "resident@example.org" and subscriber.confirmed_at
    assert list(subscriber.subscriptions.values_list("council", flat=True)) == [kent.pk]
    assert client.post(confirm).status_code == 302  # using the link twice is harmless
    assert Subscription.objects.count() == 1
    assert b"your subscription is confirmed" in client.get(response["Location"]).content


def test_same_answer_whether_or_not_the_address_is_known(client, smtp):
    kent = make_council()
    make_subscriber("known@example.org", kent)
    known = subscribe(client, "known@example.org")
    unknown = subscribe(client, "unknown@example.org")
    assert known.status_code == unknown.status_code == 200
    assert known.content == unknown.content
    assert sorted(smtp.recipients()) == ["known@example.org", "unknown@example.org"]


def test_honeypot_answers_alike_but_sends_nothing(client, smtp):
    make_council()
    human = subscribe(client, "a@example.org")
    bot = subscribe(client, "b@example.org", website="http://spam.example")
    assert bot.status_code == 200 and bot.content == human.content
    assert smtp.recipients() == ["a@example.org"]


def test_rate_limited_per_address_and_per_client(client, smtp, settings):
    make_council()
    settings.SUBSCRIBE_RATE_LIMIT = 2
    settings.SUBSCRIBE_RATE_LIMIT_IP = 4
    assert [subscribe(client, "x@example.org", ip=f"10.0.0.{i}").status_code for i in range(3)] == [200, 200, 429]
    assert [subscribe(client, f"y{i}@example.org", ip="10.9.9.9").status_code for i in range(5)] == [200] * 4 + [429]
    assert len(smtp.messages()) == 6


def test_bad_form_and_unknown_council(client, smtp):
    make_council()
    assert subscribe(client, "not-an-address").status_code == 400
    response = subscribe(client, "a@example.org", councils="ZZZ")
    assert response.status_code == 400 and b"unknown council code: ZZZ" in response.content
    assert smtp.messages() == []


def test_confirm_link_is_signed_and_expires(client, settings):
    make_council()
    token = tokens.make_confirm_token("a@example.org", ["KEN"])
    assert client.get(f"/subscribe/confirm/{token[:-3]}xyz/").status_code == 400
    other_salt = signing.dumps({"e": "a@example.org", "c": ["KEN"]}, salt="something else")
    assert client.post(f"/subscribe/confirm/{other_salt}/").status_code == 400
    settings.TOKEN_MAX_AGE_DAYS = 0
    response = client.post(f"/subscribe/confirm/{token}/")
    assert response.status_code == 400 and b"expired" in response.content
    assert Subscriber.objects.count() == 0


def test_preferences_change_councils_and_frequency(client):
    kent, wigan = make_council(), make_council("WGN", "Wigan", full=False)
    subscriber = make_subscriber("a@example.org", kent)
    url = f"/subscriptions/{tokens.make_manage_token(subscriber)}/"
    page = client.get(url)
    assert page.status_code == 200 and b"a@example.org" in page.content
    response = client.post(url, {"councils": [wigan.pk], "frequency": Frequency.PAUSED})
    assert response.status_code == 200 and b"preferences are saved" in response.content
    subscriber.refresh_from_db()
    assert subscriber.frequency == Frequency.PAUSED
    assert list(subscriber.subscriptions.values_list("council__code", flat=True)) == ["WGN"]


def test_export_and_delete_all_data(client):
    kent = make_council()
    subscriber = make_subscriber("a@example.org", kent)
    token = tokens.make_manage_token(subscriber)
    export = client.get(f"/subscriptions/{token}/export/")
    assert export.status_code == 200 and export["Content-Type"] == "application/json"
    data = export.json()
    assert data["email"] == "a@example.org" and data["subscriptions"][0]["council"] == "KEN"
    assert client.get(f"/subscriptions/{token}/delete/").status_code == 200
    assert Subscriber.objects.count() == 1  # GET only asks
    assert client.post(f"/subscriptions/{token}/delete/").status_code == 200
    assert Subscriber.objects.count() == 0 and Subscription.objects.count() == 0
    assert client.get(f"/subscriptions/{token}/").status_code == 400  # the link died with the data


def test_one_click_unsubscribe_rfc8058_without_csrf_token(smtp):
    kent = make_council()
    subscriber = make_subscriber("a@example.org", kent)
    client = Client(enforce_csrf_checks=True)
    url = f"/subscriptions/{tokens.make_unsubscribe_token(subscriber, council_code='KEN')}/unsubscribe/"
    assert client.get(url).status_code == 200
    assert subscriber.subscriptions.count() == 1  # GET never unsubscribes
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert subscriber.subscriptions.count() == 0
    forged = url.replace("/subscriptions/", "/subscriptions/x")
    assert (
        client.post(forged, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded").status_code
        == 400
    )


def test_manage_links_expire(client, settings, monkeypatch):
    subscriber = make_subscriber("a@example.org")
    token = tokens.make_manage_token(subscriber)
    settings.LINK_MAX_AGE_DAYS = 1
    real = signing.TimestampSigner.unsign

    def later(self, value, max_age=None):  # read the token two days from now
        return real(self, value, max_age=max_age - timedelta(days=2).total_seconds() if max_age else None)

    monkeypatch.setattr(signing.TimestampSigner, "unsign", later)
    response = client.get(f"/subscriptions/{token}/")
    assert response.status_code == 400 and b"expired" in response.content


def _subscribe_in_child(queue, child: int) -> None:
    from councilwatch.subscriptions.ratelimit import subscribe_allowed

    queue.put(sum(subscribe_allowed(f"p{child}-{n}@example.org", "203.0.113.9") for n in range(15)))


def test_the_limit_per_client_holds_across_processes(settings):
    """Two web workers share one count: 30 tries from one address get the 20 the limit allows, not 20 each."""
    from councilwatch.core.testing import in_forked_children

    settings.SUBSCRIBE_RATE_LIMIT_IP = 20
    allowed = in_forked_children(_subscribe_in_child, [(0,), (1,)])
    assert sum(allowed) == 20, allowed
