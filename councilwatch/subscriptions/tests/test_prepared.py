"""A digest's mail filled in from its flattened template is byte for byte what Django would have composed."""

import re

import pytest

from councilwatch.subscriptions import delivery as delivery_module
from councilwatch.subscriptions import prepared
from councilwatch.subscriptions.delivery import compose, outgoing
from councilwatch.subscriptions.digests import build_digests, queue_digest
from councilwatch.subscriptions.mail import build_message
from councilwatch.subscriptions.models import Delivery
from councilwatch.subscriptions.tests.factories import kent_cabinet, make_council, make_subscriber

BOUNDARY = re.compile(rb"={15}\d+==")
DATE = re.compile(rb"\r\nDate: [^\r]+\r\n")


def _normalised(data: bytes) -> bytes:
    """Without what differs between any two mails Django composes: the MIME boundary and the Date."""
    return DATE.sub(b"\r\nDate: -\r\n", BOUNDARY.sub(b"BOUNDARY", data))


def _deliveries(*emails: str) -> list[Delivery]:
    kent = make_council()
    kent_cabinet(kent)
    for email in emails:
        make_subscriber(email, kent)
    [digest] = build_digests("2025-W05", "KEN").digests
    queue_digest(digest)
    return list(Delivery.objects.select_related("subscriber", "digest__council").order_by("id"))


@pytest.mark.django_db
def test_template_mail_is_what_django_composes(settings, monkeypatch):
    settings.SITE_URL = "http://testserver"
    first, second = _deliveries("ann@example.org", "bo.b+kent@mail.example.org")
    slow_mails = {d.pk: prepared.flatten(compose(d)) for d in (first, second)}
    monkeypatch.setattr(delivery_module, "compose", None)  # the template path never composes per recipient
    for delivery in (first, second):
        fast = outgoing(delivery)
        slow = slow_mails[delivery.pk]
        assert (
            (fast.from_email, fast.recipients)
            == (slow.from_email, slow.recipients)
            == (
                slow.from_email,
                [delivery.subscriber.email],
            )
        )
        assert _normalised(fast.data) == _normalised(slow.data)
        assert b"unsubscribe.invalid" not in fast.data and b"placeholder.invalid" not in fast.data
        assert f"delivery.{delivery.pk}.{delivery.subscriber_id}@testserver".encode() in fast.data
    # Both links in both parts, and List-Unsubscribe.
    assert outgoing(first).data.count(b"http://testserver/subscriptions/") == 5
    assert _normalised(outgoing(first).data) != _normalised(outgoing(second).data)


@pytest.mark.django_db
def test_addresses_django_would_encode_are_composed_the_slow_way(settings):
    settings.SITE_URL = "http://testserver"
    [delivery] = _deliveries("josé@example.org")
    mail = outgoing(delivery)
    assert _normalised(mail.data) == _normalised(prepared.flatten(compose(delivery)).data)
    assert b"=?utf-8?" in mail.data  # the To header encoded by Django, not pasted in


def test_template_refuses_what_cannot_be_filled_in_place(settings):
    settings.DEFAULT_FROM_EMAIL = "councilwatch <digest@example.org>"
    link = "https://u.invalid/p"
    message = build_message(
        to=prepared.ADDRESS,
        subject="s",
        text=f"{'x' * 1200}\n{link}",  # Django sends this part quoted-printable: a link cannot be pasted into it
        html=f"<p>{link}</p>",
        unsubscribe_url=link,
        message_id=prepared.MESSAGE_ID,
    )
    headers = {"To": prepared.ADDRESS, "List-Unsubscribe": f"<{link}>", "Message-ID": prepared.MESSAGE_ID}
    with pytest.raises(ValueError, match="quoted-printable"):
        prepared.MailTemplate(message, headers, (link,))
    message.body = link
    template = prepared.MailTemplate(message, headers, (link,))

    def render(to: str, url: str) -> prepared.OutgoingMail | None:
        values = {"List-Unsubscribe": f"<{url}>", "Message-ID": "<d.1.2@h>", "Date": "Mon, 23 Nov 2026 10:00:00 -0000"}
        return template.render(to=to, headers=values, urls={link: url})

    long_url = "https://x/" + "t" * 100  # folded onto its own line in List-Unsubscribe, as Django does
    mail = render("a@b.org", long_url)
    assert mail is not None and f"List-Unsubscribe: \r\n <{long_url}>\r\n".encode() in mail.data
    assert render("a b@b.org", "https://x/t/") is None
    assert render("a@b.org", "https://x/?a=1&b=2") is None  # would be escaped in the HTML part
    assert render("a@b.org", "https://x/" + "t" * 990) is None  # a body line past 998 octets


@pytest.mark.django_db
def test_link_paths_are_what_reverse_gives():
    from django.urls import reverse

    from councilwatch.subscriptions import links, tokens

    kent = make_council()
    subscriber = make_subscriber("ann@example.org", kent)
    token = tokens.make_unsubscribe_token(subscriber, council_code="KEN")
    path = reverse("subscriptions:unsubscribe", args=[token])
    assert links._token_path("subscriptions:unsubscribe", token) == path == f"/subscriptions/{token}/unsubscribe/"
    assert links._token_path("subscriptions:preferences", "a b") == reverse("subscriptions:preferences", args=["a b"])
