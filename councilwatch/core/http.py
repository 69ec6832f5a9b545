"""The polite HTTP client every connector shares.

One request at a time per host at a configurable rate (the rate shared by every process on the machine, or every
machine on one Redis: each request reserves its start in the shared store, ``core.cache.reserve_slot``), timeouts, retries with exponential backoff on timeouts,
connection errors and 5xx answers (``Retry-After`` honoured, capped), robots.txt honoured (fetched once per host),
a User-Agent naming councilwatch and a contact URL, a maximum download size (the body is streamed and dropped as
soon as it is too large) and content checks: where XML was expected, an HTML page or a JavaScript redirect is a
clear error naming the URL and what came back; a body shorter than its Content-Length is an error.

Every failure is a :class:`FetchError` subclass carrying ``url`` and ``reason``.
"""

from __future__ import annotations

import email.utils
import logging
import re
import threading
import time
import urllib.robotparser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from councilwatch.core.cache import reserve_slot

log = logging.getLogger(__name__)

Expect = Literal["xml", "html", "pdf"] | None


class FetchError(Exception):
    """A URL could not be fetched or did not hold what was expected."""

    kind = "fetch error"

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{self.kind}: {url}: {reason}")
        self.url = url
        self.reason = reason


class FetchTimeout(FetchError):
    kind = "timeout"


class ConnectionFailed(FetchError):
    kind = "connection failed"


class HttpStatus(FetchError):
    kind = "HTTP error"

    def __init__(self, url: str, reason: str, status: int, retry_after: str | None = None) -> None:
        super().__init__(url, reason)
        self.status = status
        self.retry_after = retry_after


class TooLarge(FetchError):
    kind = "too large"


class Truncated(FetchError):
    kind = "truncated"


class TooManyRedirects(FetchError):
    kind = "too many redirects"


class UnexpectedContent(FetchError):
    kind = "unexpected content"


class RobotsDisallowed(FetchError):
    kind = "disallowed by robots.txt"


RETRYABLE = (FetchTimeout, ConnectionFailed, Truncated)
ROBOTS_TTL_SECONDS = 3600.0  # a long-lived client reads each host's robots.txt again after an hour


@dataclass(frozen=True)
class FetchedResponse:
    url: str
    status: int
    headers: Mapping[str, str]
    content: bytes
    elapsed: float

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()

    @property
    def text(self) -> str:
        charset = re.search(r"charset=([\w-]+)", self.headers.get("content-type", ""))
        try:
            return self.content.decode(charset.group(1) if charset else "utf-8")
        except (LookupError, UnicodeDecodeError):
            return self.content.decode("utf-8", errors="replace")


_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.I | re.S)


def describe_body(body: bytes) -> str:
    """Say in a few words what a body that was not the expected content is."""
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = head[:4000].lower()
    if not head:
        return "an empty body"
    redirects = b"window.location" in lowered or b"location.href" in lowered
    if b"<script" in lowered and redirects and b"<body" not in lowered and len(head) < 2000:
        return "a JavaScript redirect stub, not data"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:500]:
        title = _TITLE.search(head[:8000])
        name = " ".join(title.group(1).decode("utf-8", "replace").split()) if title else ""
        return f"an HTML page (title {name!r})" if name else "an HTML page"
    if head.startswith(b"%PDF"):
        return "a PDF file"
    snippet = head[:60].decode("utf-8", "replace").replace("\n", " ")
    return f"content starting {snippet!r}"


def check_content(url: str, body: bytes, expect: Expect) -> None:
    """Raise UnexpectedContent when ``body`` is not what ``expect`` names."""
    if expect is None:
        return
    head = body.lstrip(b"\xef\xbb\xbf \t\r\n")[:500].lower()
    if expect == "xml":
        ok = head.startswith(b"<?xml") or (head.startswith(b"<") and not head.startswith((b"<!doctype html", b"<html")))
        ok = ok and not head.startswith((b"<!--", b"<script")) and b"<html" not in head
    elif expect == "html":
        ok = b"<" in head[:200] and not head.startswith(b"%pdf")
    elif expect == "pdf":
        ok = head.startswith(b"%pdf")
    else:  # pragma: no cover - typed
        raise ValueError(f"unknown expectation {expect!r}")
    if not ok:
        raise UnexpectedContent(url, f"expected {expect.upper()} but got {describe_body(body)}")


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


@dataclass
class _HostState:
    lock: threading.Lock = field(default_factory=threading.Lock)
    last_request: float = 0.0
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_checked_at: float | None = None  # time.monotonic() of the last robots.txt fetch


class PoliteClient:
    """An httpx client that is kind to council websites. Settings give the defaults; arguments override them."""

    def __init__(
        self,
        *,
        rate_limit: float | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        backoff: float | None = None,
        retry_after_max: float | None = None,
        max_bytes: int | None = None,
        max_seconds: float | None = None,
        max_redirects: int | None = None,
        user_agent: str | None = None,
        respect_robots: bool | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.rate_limit = settings.HTTP_RATE_LIMIT if rate_limit is None else rate_limit
        self.timeout = settings.HTTP_TIMEOUT if timeout is None else timeout
        self.max_retries = settings.HTTP_MAX_RETRIES if max_retries is None else max_retries
        self.backoff = settings.HTTP_BACKOFF if backoff is None else backoff
        self.retry_after_max = settings.HTTP_RETRY_AFTER_MAX if retry_after_max is None else retry_after_max
        self.max_bytes = settings.HTTP_MAX_DOWNLOAD_BYTES if max_bytes is None else max_bytes
        self.max_seconds = settings.HTTP_MAX_DOWNLOAD_SECONDS if max_seconds is None else max_seconds
        self.respect_robots = settings.HTTP_RESPECT_ROBOTS if respect_robots is None else respect_robots
        self.user_agent = user_agent or settings.HTTP_USER_AGENT
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}
        self._hosts_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=self.timeout,
            follow_redirects=True,
            max_redirects=settings.HTTP_MAX_REDIRECTS if max_redirects is None else max_redirects,
            headers={"User-Agent": self.user_agent},
        )

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def _host(self, url: str) -> tuple[str, _HostState]:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._hosts_lock:
            return key, self._hosts.setdefault(key, _HostState())

    def _wait_turn(self, origin: str, state: _HostState) -> None:
        if self.rate_limit > 0:
            interval = 1.0 / self.rate_limit
            try:  # the start is reserved in the store every process shares, so workers together keep the rate
                gap = reserve_slot(f"http-slot:{origin}", interval)
            except Exception as exc:  # the shared store is down: keep this process's own spacing at least
                log.warning(
                    "shared rate limit unavailable (%s): spacing requests to %s in this process only", exc, origin
                )
                gap = interval - (time.monotonic() - state.last_request)
            if gap > 0:
                self._sleep(gap)
        state.last_request = time.monotonic()

    def _allowed(self, url: str, origin: str, state: _HostState) -> bool:
        if not self.respect_robots:
            return True
        checked = state.robots_checked_at
        if checked is None or time.monotonic() - checked > ROBOTS_TTL_SECONDS:
            state.robots_checked_at = time.monotonic()
            state.robots = None
            robots_url = f"{origin}/robots.txt"
            try:
                response = self._once(robots_url, origin, state)
            except FetchError as exc:
                log.info("no usable robots.txt at %s (%s): allowing", robots_url, exc.reason)
            else:
                parser = urllib.robotparser.RobotFileParser(robots_url)
                parser.parse(response.text.splitlines())
                state.robots = parser
        return state.robots is None or state.robots.can_fetch(self.user_agent, url)

    def get(self, url: str, *, params: Mapping[str, str] | None = None, expect: Expect = None) -> FetchedResponse:
        """GET ``url`` politely; raise a FetchError subclass when it cannot be had or is not as expected."""
        if params:
            url = str(httpx.URL(url, params=dict(params)))
        origin, state = self._host(url)
        with state.lock:
            if not self._allowed(url, origin, state):
                raise RobotsDisallowed(url, f"{origin}/robots.txt does not allow {self.user_agent!r} here")
            response = self._with_retries(url, origin, state)
        check_content(url, response.content, expect)
        return response

    def _with_retries(self, url: str, origin: str, state: _HostState) -> FetchedResponse:
        attempt = 0
        while True:
            wait = self.backoff * (2**attempt)
            try:
                return self._once(url, origin, state)
            except HttpStatus as exc:
                if (exc.status < 500 and exc.status != 429) or attempt >= self.max_retries:
                    raise
                retry_after = _retry_after_seconds(exc.retry_after)
                if retry_after is not None:
                    wait = min(retry_after, self.retry_after_max)
            except RETRYABLE:
                if attempt >= self.max_retries:
                    raise
            attempt += 1
            log.info("retrying %s in %.2fs (attempt %d of %d)", url, wait, attempt, self.max_retries)
            self._sleep(wait)

    def _once(self, url: str, origin: str, state: _HostState) -> FetchedResponse:
        self._wait_turn(origin, state)
        started = time.monotonic()
        answered = False
        try:
            with self._client.stream("GET", url) as response:
                answered = True
                if response.status_code >= 400:  # the error page itself is not read
                    raise HttpStatus(
                        url,
                        f"HTTP {response.status_code} {response.reason_phrase}",
                        response.status_code,
                        response.headers.get("retry-after"),
                    )
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise TooLarge(url, f"Content-Length {declared} bytes exceeds the limit of {self.max_bytes}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    if time.monotonic() - started > self.max_seconds:  # a trickle that never times out a read
                        raise FetchTimeout(url, f"body still arriving after {self.max_seconds:g}s; download stopped")
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise TooLarge(url, f"body exceeds the limit of {self.max_bytes} bytes; download stopped")
                    chunks.append(chunk)
                received = response.num_bytes_downloaded
                if declared and declared.isdigit() and received < int(declared):
                    raise Truncated(url, f"got {received} of the {declared} bytes announced by Content-Length")
                return FetchedResponse(
                    url=str(response.url),
                    status=response.status_code,
                    headers=dict(response.headers),
                    content=b"".join(chunks),
                    elapsed=time.monotonic() - started,
                )
        except httpx.TimeoutException as exc:
            raise FetchTimeout(url, f"no answer within {self.timeout:g}s ({type(exc).__name__})") from exc
        except httpx.TooManyRedirects as exc:
            raise TooManyRedirects(url, f"more than {self._client.max_redirects} redirects (a redirect loop?)") from exc
        except httpx.RemoteProtocolError as exc:
            if not answered:
                raise ConnectionFailed(url, f"the server closed the connection without answering ({exc})") from exc
            raise Truncated(url, f"the connection closed before the whole body arrived ({exc})") from exc
        except httpx.TransportError as exc:
            raise ConnectionFailed(url, f"{type(exc).__name__}: {exc}") from exc


_shared: tuple[tuple[object, ...], PoliteClient] | None = None
_shared_lock = threading.Lock()


def shared_client() -> PoliteClient:
    """The process's PoliteClient, so that separate calls (a crawl, then one fetch per document) share the per-host
    rate limit, the one-request-at-a-time lock and the robots.txt cache. A new one is made when settings change."""
    global _shared
    key = tuple(
        getattr(settings, name)
        for name in (
            "HTTP_RATE_LIMIT", "HTTP_TIMEOUT", "HTTP_MAX_RETRIES", "HTTP_BACKOFF", "HTTP_RETRY_AFTER_MAX",
            "HTTP_MAX_DOWNLOAD_BYTES", "HTTP_MAX_DOWNLOAD_SECONDS", "HTTP_MAX_REDIRECTS", "HTTP_RESPECT_ROBOTS",
            "HTTP_USER_AGENT",
        )
    )  # fmt: skip
    with _shared_lock:
        if _shared is None or _shared[0] != key:
            if _shared is not None:
                _shared[1].close()
            _shared = (key, PoliteClient())
        return _shared[1]


def close_shared_client() -> None:
    """Forget the process's client (tests start each case with fresh per-host state)."""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared[1].close()
        _shared = None
