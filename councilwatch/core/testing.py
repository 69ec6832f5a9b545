"""Helpers shared by several apps' test suites (imported only by tests)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM_PATH = "/usr/bin/chromium"  # Debian's chromium; Playwright never downloads a browser of its own
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator["Browser"]:
    """Debian's chromium driven by Playwright for Python, closed on exit.

    Playwright's sync API keeps an event loop in this thread, so Django's ORM calls beside it are allowed
    explicitly; they stay synchronous.
    """
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
