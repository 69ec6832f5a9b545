"""The whole path in a real browser (Debian's chromium via Playwright) and a real SMTP server."""

import pytest
from django.core.management import call_command
from django.db import connections

from councilwatch.core.testing import chromium
from councilwatch.subscriptions.models import Subscriber
from councilwatch.subscriptions.tests.factories import (
    KENT_CABINET_HEADLINE,
    kent_cabinet,
    london,
    make_council,
    make_meeting,
)
from councilwatch.subscriptions.tests.mailtools import LINK_RE, parts


def _site_links(body: str, site: str) -> list[str]:
    """Links to our own site in ``body``, without #fragments (the page is what must load)."""
    return sorted({u.replace("&amp;", "&").split("#")[0] for u in LINK_RE.findall(body) if u.startswith(site)})


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_subscribe_confirm_digest_unsubscribe_in_the_browser(live_server, smtp, settings, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is used beside Playwright's event loop
    site = live_server.url
    settings.SITE_URL = site
    kent = make_council()
    kent_cabinet(kent)
    people = ["ann@example.org", "bob@example.org"]

    with chromium() as browser:
        try:
            for email in people:
                page = browser.new_context().new_page()
                page.goto(f"{site}/councils/KEN/")
                trap = page.locator("input[name=website]").bounding_box()  # the honeypot is off-screen for people
                assert trap is None or trap["x"] + trap["width"] <= 0, trap
                page.get_by_label("Your email address").fill(email)
                page.get_by_role("button", name="Subscribe").click()
                page.get_by_role("heading", name="Check your inbox").wait_for()
                [mail] = [m for m in smtp.messages() if m["To"] == email]
                text, _ = parts(mail)
                [confirm] = [u for u in _site_links(text, site) if "/subscribe/confirm/" in u]
                page.goto(confirm)
                page.get_by_role("button", name="Confirm my subscription").click()
                page.get_by_text("your subscription is confirmed").wait_for()
            assert sorted(Subscriber.objects.values_list("email", flat=True)) == people
            smtp.clear()

            call_command("digest", "send", "--week", "2025-W05")

            mails = smtp.messages()
            assert sorted(m["To"] for m in mails) == people  # exactly one each
            page = browser.new_context().new_page()
            for mail in mails:
                text, html = parts(mail)
                assert KENT_CABINET_HEADLINE in text and KENT_CABINET_HEADLINE in html
                for url in _site_links(html, site):
                    response = page.goto(url)
                    assert response is not None and response.status == 200, url
            ann = next(m for m in mails if m["To"] == "ann@example.org")
            [unsubscribe] = [u for u in _site_links(parts(ann)[1], site) if u.endswith("/unsubscribe/")]
            assert str(ann["List-Unsubscribe"]).strip() == f"<{unsubscribe}>"
            page.goto(unsubscribe)
            page.get_by_role("button", name="Unsubscribe", exact=True).click()
            page.get_by_role("heading", name="You are unsubscribed").wait_for()
        finally:
            # ORM calls inside Playwright's context get their own connections (asgiref locals): close them here.
            connections.close_all()

    smtp.clear()
    make_meeting(kent, "Cabinet", london(2025, 2, 6, 10))
    call_command("digest", "send", "--week", "2025-W06")
    assert [m["To"] for m in smtp.messages()] == ["bob@example.org"]
