"""Suite-wide fixtures and guards.

* Network guard: any test that opens a connection to anything but the loopback interface fails.
* Services: tests marked ``postgres``, ``redis`` or ``browser`` skip with a visible reason where the service
  is missing; with ``COUNCILWATCH_REQUIRE_SERVICES=1`` (set by .ci/run) such a skip becomes a failure.
"""

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator

import pytest
from django.conf import settings

REQUIRE_SERVICES = os.environ.get("COUNCILWATCH_REQUIRE_SERVICES") == "1"
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


class NetworkGuardError(RuntimeError):
    """A test tried to reach a host other than 127.0.0.1."""


def _is_loopback(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX path
        return True
    host = address[0] if isinstance(address, tuple) else address
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise NetworkGuardError(f"test tried to connect to {address!r}: only 127.0.0.1 is allowed")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        raise NetworkGuardError(f"test tried to connect to {address!r}: only 127.0.0.1 is allowed")
    return _real_connect_ex(self, address)


def pytest_configure(config: pytest.Config) -> None:
    settings.VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite test database lives there
    socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]


def _service_missing(marker: str) -> str | None:
    """Why the service behind ``marker`` cannot be used here, or None when it can."""
    if marker == "postgres":
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            return "needs PostgreSQL: run with DATABASE_URL=postgres://127.0.0.1:5432/test"
    elif marker == "redis":
        url = settings.REDIS_URL
        if not url:
            return "needs Redis: run with REDIS_URL=redis://127.0.0.1:6379/0"
        try:
            import redis

            redis.Redis.from_url(url, socket_connect_timeout=2).ping()
        except Exception as exc:
            return f"needs Redis at {url}: {exc}"
    elif marker == "browser":
        if not shutil.which("chromium"):
            return "needs Debian's chromium (apt-get install chromium; make test installs it)"
        try:
            import playwright  # noqa: F401
        except ImportError:
            return "needs Playwright for Python (pip install playwright)"
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    cache: dict[str, str | None] = {}
    for item in items:
        for marker in ("postgres", "redis", "browser"):
            if item.get_closest_marker(marker) is None:
                continue
            if marker not in cache:
                cache[marker] = _service_missing(marker)
            reason = cache[marker]
            if reason is None:
                continue
            if REQUIRE_SERVICES:
                item.stash[_MISSING] = reason
            else:
                item.add_marker(pytest.mark.skip(reason=f"service unavailable: {reason}"))


_MISSING = pytest.StashKey[str]()


def pytest_runtest_setup(item: pytest.Item) -> None:
    reason = item.stash.get(_MISSING, None)
    if reason is not None:
        pytest.fail(f"COUNCILWATCH_REQUIRE_SERVICES=1 but the service is missing: {reason}", pytrace=False)


@pytest.fixture
def document_storage(tmp_path, settings) -> Iterator[object]:
    """Point the documents storage at a fresh temporary folder."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    from django.core.files.storage import storages

    storages._storages.pop("documents", None)
    yield storages["documents"]
    storages._storages.pop("documents", None)
