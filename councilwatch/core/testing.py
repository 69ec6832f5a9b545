"""Helpers shared by several apps' test suites (imported only by tests)."""

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

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


AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"  # from npm (package.json)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: "Page") -> list[dict]:
    """axe-core's WCAG 2.2 AA violations on the page: rule, help and the first five elements of each."""
    page.evaluate(AXE.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]
    ]


def in_forked_children(target: Callable[..., None], args_per_child: list[tuple]) -> list[object]:
    """Run ``target(queue, *args)`` in one forked process per ``args`` tuple, all at once, as separate web or
    Celery workers would; return what each put on the queue (in the order they finished)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    children = [context.Process(target=target, args=(queue, *args)) for args in args_per_child]
    for child in children:
        child.start()
    results = [queue.get(timeout=60) for _ in children]
    for child in children:
        child.join(30)
    assert [c.exitcode for c in children] == [0] * len(children), "a child process failed"
    return results


def database_url() -> str:
    """DATABASE_URL of the database this process uses now (pytest-django's test database in a test), for a child
    process (a command or a worker) that must see what a transactional test committed."""
    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"
