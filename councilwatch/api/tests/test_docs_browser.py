"""The human API documentation renders in Debian's chromium from this site's own files, under the site's CSP."""

import os

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def test_swagger_ui_renders_every_operation_without_outside_requests(live_server):
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
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
        finally:
            browser.close()
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert not outside, f"the docs page fetched from elsewhere: {outside}"
    assert not [e for e in errors if "Content Security Policy" in e], errors
