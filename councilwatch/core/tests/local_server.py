"""A tiny HTTP server on 127.0.0.1 (ephemeral port) whose answers a test scripts path by path."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    content_length: int | None = None  # announce a different length than sent (truncation)


Route = Answer | Callable[[int, str], Answer]  # a callable gets the 1-based count of requests to it and the path


@dataclass
class LocalServer:
    url: str
    routes: dict[str, Route]
    hits: dict[str, int]
    log: list[tuple[str, float, str]]  # (path with query, time, user agent)


@contextmanager
def local_server(routes: dict[str, Route]) -> Iterator[LocalServer]:
    hits: dict[str, int] = {}
    log: list[tuple[str, float, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            path = self.path
            log.append((path, time.monotonic(), self.headers.get("User-Agent", "")))
            key = path if path in routes else path.split("?", 1)[0]
            hits[key] = hits.get(key, 0) + 1
            route = routes.get(key)
            answer = (
                Answer(404, b"not found")
                if route is None
                else route
                if isinstance(route, Answer)
                else route(hits[key], path)
            )
            if answer.delay:
                time.sleep(answer.delay)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            length = answer.content_length if answer.content_length is not None else len(answer.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            with suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(answer.body)
            if answer.content_length is not None:
                self.close_connection = True

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield LocalServer(f"http://127.0.0.1:{server.server_address[1]}", routes, hits, log)
    finally:
        server.shutdown()
        server.server_close()
