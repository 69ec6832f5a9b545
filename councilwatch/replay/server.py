"""The replay HTTP server: serves a ``Recording`` on 127.0.0.1, injects faults and logs every request.

Control endpoint (not logged, not subject to faults; robots.txt disallows it):

* ``GET /_replay/faults`` — the rules in force with their use counts;
* ``POST /_replay/faults`` — JSON: a list of rules (objects or ``PATTERN=KIND`` strings), or
  ``{"faults": [...], "append": true}``; replaces the rules unless ``append`` is true;
* ``DELETE /_replay/faults`` — clear all rules;
* ``GET /_replay/requests`` — the request log; ``DELETE /_replay/requests`` — empty it;
* ``GET /_replay/stage``, ``POST /_replay/stage`` with ``{"stage": "agenda"}`` or ``{"stage": "published"}`` —
  serve each meeting as it stood when its agenda was published, or with everything published since.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from councilwatch.replay.faults import FaultRule, FaultSpecError, FaultTable, rule_from_json
from councilwatch.replay.site import DATA_DIR, HTML, XML, Recording, Response
from councilwatch.replay.xmlshape import El, count, render

logger = logging.getLogger("councilwatch.replay")
BAD_ANSWERS = DATA_DIR / "moderngov" / "councillors_by_ward"
HTML_ERROR_PAGE = BAD_ANSWERS / "GetCouncillorsByWard_leeds.gov.uk_ERROR_PAGE.html"
JS_REDIRECT_PAGE = BAD_ANSWERS / "GetCouncillorsByWard_denbighshire.gov.uk_JS_REDIRECT_PAGE.html"
EMPTY_WARDS = BAD_ANSWERS / "GetCouncillorsByWard_online.eastherts.gov.uk_EMPTY.xml"
DEFAULT_TIMEOUT_SECONDS = 30.0
DEFAULT_SLOW_SECONDS = 10.0


@dataclass(frozen=True)
class RequestRecord:
    method: str
    target: str  # path and query as sent
    path: str  # path only
    status: int | None  # None when nothing was answered (timeout)
    fault: str | None
    at: float


class RequestLog:
    """Every request the server answered (or held), in order; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def all(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        with self._lock:
            self._records.clear()

    def per_path(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for r in self.all():
            counts[r.target] = counts.get(r.target, 0) + 1
        return counts


class ReplayHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        recording: Recording,
        faults: FaultTable,
        timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
        slow_seconds: float = DEFAULT_SLOW_SECONDS,
    ) -> None:
        super().__init__(address, ReplayHandler)
        self.recording = recording
        self.faults = faults
        self.log = RequestLog()
        self.timeout_seconds = timeout_seconds
        self.slow_seconds = slow_seconds
        self.stopping = threading.Event()

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        """Stop serving; wakes any request held by a ``timeout`` or ``slow`` fault."""
        self.stopping.set()
        self.shutdown()
        self.server_close()


class ReplayHandler(BaseHTTPRequestHandler):
    server: ReplayHTTPServer
    protocol_version = "HTTP/1.1"
    server_version = "councilwatch-replay"

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug(format, *args)

    # --- entry points -------------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_HEAD(self) -> None:
        self._handle("HEAD")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def _handle(self, method: str) -> None:
        if self.path.startswith("/_replay/"):
            self._control(method)
            return
        rule = self.server.faults.take(self.path)
        kind = rule.kind if rule else None
        if rule is not None and kind == "timeout":
            self._record(method, None, kind)  # logged as it is held, so a test sees it while it hangs
            self.server.stopping.wait(rule.seconds if rule.seconds is not None else self.server.timeout_seconds)
            self.close_connection = True  # then dropped without an answer
            return
        if rule is not None and kind == "disconnect":
            self._record(method, None, kind)
            self.close_connection = True  # the connection closes without a byte of answer
            return
        if method not in ("GET", "HEAD"):
            response = Response(405, "text/plain", b"method not allowed\n", {"Allow": "GET, HEAD"})
        elif rule is None:
            response = self.server.recording.answer(self.path, self._base_url())
        else:
            response = self._fault_response(rule)
        # Logged before the first byte leaves, so whoever reads the answer also finds it in the log.
        self._record(method, response.status, kind)
        if kind == "truncated":
            # Content-Length promises the whole body; half of it is sent, then the connection is closed.
            self._send(response, body_limit=len(response.body) // 2)
        elif kind == "slow":
            assert rule is not None
            self._trickle(response, rule.seconds if rule.seconds is not None else self.server.slow_seconds)
        else:
            self._send(response, head=method == "HEAD")

    def _record(self, method: str, status: int | None, kind: str | None) -> None:
        self.server.log.add(RequestRecord(method, self.path, self.path.split("?", 1)[0], status, kind, time.time()))
        logger.info("%s %s %s fault=%s", method, self.path, status if status is not None else "-", kind or "-")

    def _base_url(self) -> str:
        host = self.headers.get("Host")
        return f"http://{host}" if host else self.server.base_url

    # --- answers ------------------------------------------------------------------------------------
    def _send(self, response: Response, head: bool = False, body_limit: int | None = None) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        if body_limit is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(response.body if body_limit is None else response.body[:body_limit])

    def _fault_response(self, rule: FaultRule) -> Response:
        """What a fault answers (``truncated`` and ``slow`` answer the real thing, sent badly)."""
        kind = rule.kind
        if kind == "http500":
            return Response(500, "text/plain; charset=utf-8", b"Internal Server Error (replayed fault)\n")
        if kind == "http503":
            body = b"Service Unavailable (replayed fault)\n"
            return Response(503, "text/plain; charset=utf-8", body, {"Retry-After": str(rule.retry_after)})
        if kind == "html_error":
            return Response(200, HTML, HTML_ERROR_PAGE.read_bytes())
        if kind == "js_redirect":
            return Response(200, HTML, JS_REDIRECT_PAGE.read_bytes())
        if kind == "empty":
            return self._empty_answer()
        if kind == "redirect_loop":
            return Response(302, "text/plain", b"", {"Location": self.path})
        return self.server.recording.answer(self.path, self._base_url())

    def _empty_answer(self) -> Response:
        """An answer with nothing in it, in the operation's own schema (the real East Herts one for wards)."""
        operation = self.path.split("?", 1)[0].rsplit("/", 1)[-1]
        if operation == "GetCouncillorsByWard":
            return Response(200, XML, EMPTY_WARDS.read_bytes())
        if operation == "GetCommittees":
            root = El("committees")
            root.add("committeescount", count(0))
        elif operation == "GetMeetings":
            root = El("getmeetings")
            root.add("meetingscount", count(0))
            root.add("committeescount", count(0))
        else:
            return Response(200, XML, b"")
        return Response(200, XML, render(root).encode())

    def _trickle(self, response: Response, seconds: float) -> None:
        """Send the body in 20 pieces spread over ``seconds`` (stops early if the server stops)."""
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        pieces = 20
        step = max(1, -(-len(response.body) // pieces))
        for start in range(0, len(response.body), step):
            self.wfile.write(response.body[start : start + step])
            self.wfile.flush()
            if self.server.stopping.wait(seconds / pieces):
                self.close_connection = True
                break

    # --- control endpoint ---------------------------------------------------------------------------
    def _control(self, method: str) -> None:
        route = self.path.split("?", 1)[0].rstrip("/")
        faults, log = self.server.faults, self.server.log
        if route == "/_replay/faults" and method == "GET":
            return self._json(200, {"faults": faults.snapshot()})
        if route == "/_replay/faults" and method == "DELETE":
            faults.clear()
            return self._json(200, {"faults": []})
        if route == "/_replay/faults" and method == "POST":
            try:
                data = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"[]")
                items = data.get("faults", []) if isinstance(data, dict) else data
                if not isinstance(items, list):
                    raise FaultSpecError("'faults' must be a list")
                rules = [rule_from_json(item) for item in items]
            except (ValueError, FaultSpecError) as exc:
                return self._json(400, {"error": str(exc)})
            (faults.add if isinstance(data, dict) and data.get("append") else faults.set)(rules)
            return self._json(200, {"faults": faults.snapshot()})
        if route == "/_replay/stage" and method == "GET":
            return self._json(200, {"stage": self.server.recording.stage})
        if route == "/_replay/stage" and method == "POST":
            try:
                data = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                self.server.recording.stage = data["stage"] if isinstance(data, dict) else data
            except (ValueError, KeyError, TypeError) as exc:
                return self._json(400, {"error": f'expected {{"stage": "agenda" or "published"}}: {exc}'})
            return self._json(200, {"stage": self.server.recording.stage})
        if route == "/_replay/requests" and method == "GET":
            return self._json(200, {"requests": [asdict(r) for r in log.all()], "per_path": log.per_path()})
        if route == "/_replay/requests" and method == "DELETE":
            log.clear()
            return self._json(200, {"requests": []})
        return self._json(404, {"error": f"no control route {method} {route}"})

    def _json(self, status: int, data: object) -> None:
        self._send(Response(status, "application/json", json.dumps(data).encode()))


def make_server(
    host: str = "127.0.0.1",
    port: int = 0,
    rules: list[FaultRule] | None = None,
    recording_dir: Path | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    slow_seconds: float = DEFAULT_SLOW_SECONDS,
    stage: str = "published",
) -> ReplayHTTPServer:
    """A bound (not yet serving) replay server; call ``serve_forever()`` and later ``stop()``."""
    recording = Recording(recording_dir, stage=stage) if recording_dir else Recording(stage=stage)
    return ReplayHTTPServer((host, port), recording, FaultTable(rules), timeout_seconds, slow_seconds)
