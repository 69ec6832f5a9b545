"""The human API documentation renders in Debian's chromium from this site's own files, under the site's CSP."""

import pytest

from councilwatch.core.testing import chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_every_operation_without_outside_requests(live_server):
    with chromium() as browser:
        page = browser.new_page()
        requested: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        response = page.goto(f"{live_server.url}/api/v1/docs")
        assert response is not None and response.status == 200
        detail = page.locator("[data-path='/api/v1/meetings/{meeting_id}']").first
        detail.wait_for(timeout=20_000)
        text = page.inner_text("body")
        for expected in ("councilwatch API", "/api/v1/councils", "/api/v1/search", "/api/v1/exports"):
            assert expected in text
        detail.click()
        page.locator(".parameters").get_by_text("meeting_id").first.wait_for(timeout=10_000)
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert not outside, f"the docs page fetched from elsewhere: {outside}"
    assert not [e for e in errors if "Content Security Policy" in e], errors
