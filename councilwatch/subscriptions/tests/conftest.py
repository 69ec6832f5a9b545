"""Fixtures of the subscriptions tests: a real SMTP server on 127.0.0.1 and mail settings pointing at it."""

from collections.abc import Iterator

import pytest
from django.core.cache import caches

from councilwatch.subscriptions.testing import LocalSMTPServer


@pytest.fixture
def smtp(settings) -> Iterator[LocalSMTPServer]:
    """A running aiosmtpd server on an ephemeral port; every subscription mail in the test goes to it."""
    with LocalSMTPServer() as server:
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_RATE_LIMIT = 0
        settings.SITE_URL = "http://testserver"
        yield server


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    caches["default"].clear()
    yield
    caches["default"].clear()
