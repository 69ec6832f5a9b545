"""Every page type in Debian's chromium: key content, axe-core (0 violations), phone and desktop screenshots.

One browser launch for all of them. axe-core comes from the npm registry (package.json, ``make install``).
"""

from pathlib import Path

import pytest
from django.conf import settings

from councilwatch.core.testing import AXE, axe_violations, chromium

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "test-output" / "screenshots"
WIDTHS = {"phone": 390, "desktop": 1280}


@pytest.fixture(scope="module")
def browser():
    """One chromium for all of this module's tests; closed at its end, because Playwright's sync API
    cannot start again (other apps' browser tests) while one is running in this thread."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make install` (npm install --no-audit --no-fund)")
    with chromium() as browser:
        yield browser


def _check(contexts: dict, url: str, name: str, expected: list[str]) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, page in contexts.items():
        errors: list[str] = []
        listener = lambda msg, errors=errors: msg.type == "error" and errors.append(msg.text)  # noqa: E731
        page.on("console", listener)
        response = page.goto(url)
        assert response is not None and response.status == 200, f"{url}: {response and response.status}"
        text = page.inner_text("body")
        for snippet in expected:
            assert snippet in text, f"{name}: {snippet!r} not on {url}"
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
        if label == "desktop" or name in ("meeting", "search", "home"):
            violations = axe_violations(page)
            assert violations == [], f"{name} ({label}): axe-core violations {violations}"
        page.remove_listener("console", listener)
        assert not [e for e in errors if "Content Security Policy" in e], f"{name}: CSP blocked something: {errors}"


@pytest.fixture
def pages(browser):
    contexts = {label: browser.new_context(viewport={"width": w, "height": 900}) for label, w in WIDTHS.items()}
    yield {label: context.new_page() for label, context in contexts.items()}
    for context in contexts.values():
        context.close()


def test_every_page_type_in_a_real_browser(browser, pages, live_server, document_storage):
    from councilwatch.testing.factories import kent_world

    world = kent_world()
    base = live_server.url
    cabinet, full = world["cabinet"], world["full_council"]
    minutes = cabinet.documents.get(kind="minutes")
    gough = cabinet.attendances.get(person__name="Roger Gough").person
    page_types = [
        ("home", "/?council=kcc", ["What did your council decide?", "Kent County Council", "Latest summaries"]),
        ("councils", "/councils/", ["UK councils", "Limited support", "waiting"]),
        ("council", "/councils/KEN/", ["Kent County Council", "Upcoming meetings", "Cabinet endorsed"]),
        ("council-limited", "/councils/WGN/", ["Limited support for Wigan"]),
        (
            "meeting",
            f"/councils/KEN/meetings/{cabinet.pk}/",
            ["Cabinet - Thursday, 30th January, 2025 10.00 am", "Integrated Care Strategy", "Terms explained"],
        ),
        ("meeting-cancelled", f"/councils/KEN/meetings/{world['cancelled'].pk}/", ["This meeting is cancelled."]),
        ("committee", "/councils/KEN/committees/cabinet/", ["Cabinet", "Meetings"]),
        ("person", f"/councils/KEN/people/{gough.pk}/", ["Roger Gough", "Attendance record"]),
        ("topics", "/topics/", ["Topics", "Budget"]),
        ("topic", "/topics/budget/", ["Budget", "Kent"]),
        ("document-page", f"/documents/{minutes.pk}/pages/17/", ["Commissioning Plan for Education", "page 17 of"]),
        ("search", "/search/?q=devolution", ["County Council - Thursday, 9th January, 2025 10.00 am", "result"]),
    ]
    for name, path, expected in page_types:
        _check(pages, base + path, name, expected)
    # The harness can fail: an image without alternative text is reported.
    desktop = pages["desktop"]
    desktop.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/robots.txt\">')")
    assert "image-alt" in [v["id"] for v in axe_violations(desktop)]

    # A citation link on the meeting page leads to the cited page; the document itself is served inline.
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{base}/councils/KEN/meetings/{cabinet.pk}/")
    page.locator("a.cite").first.click()
    assert "/pages/9/" in page.url and "projected overspend" in page.inner_text("main")
    response = page.request.get(f"{base}/documents/{minutes.pk}/")
    assert response.headers["content-type"] == "application/pdf"
    page.goto(f"{base}/search/?q=devolution")
    assert page.locator(".snippet mark").count() > 0
    assert full.committee.name in page.inner_text("main")
    context.close()


def test_scraped_script_is_shown_as_text_never_run(browser, live_server, document_storage):
    """Without the CSP's help (bypass_csp), escaping alone must stop scripts from scraped strings."""
    from councilwatch.testing.factories import kent_cabinet

    meeting = kent_cabinet(index=False)
    meeting.committee.name = "Cabinet<script>alert('committee')</script>"
    meeting.committee.save()
    item = meeting.items.first()
    item.title = "<img src=x onerror=\"alert('item')\">Apologies"
    item.save()
    document = meeting.documents.first()
    document.title = "<script>alert('document')</script>Minutes"
    document.save()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server.url}/councils/KEN/meetings/{meeting.pk}/")
    text = page.inner_text("main")
    page.wait_for_timeout(200)
    assert dialogs == []
    assert "Cabinet<script>alert('committee')</script>" in text
    assert "<img src=x onerror=\"alert('item')\">Apologies" in text
    assert "<script>alert('document')</script>Minutes" in text
    assert page.locator("main script, main img").count() == 0
    context.close()
