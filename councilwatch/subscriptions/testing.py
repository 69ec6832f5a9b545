"""A real SMTP server on 127.0.0.1 (aiosmtpd) for tests, the browser test and the benchmark.

Needs the dev dependency aiosmtpd. ``keep=False`` makes it a sink that only counts what it accepted.
"""

import logging
import socket
import threading
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Handler:
    def __init__(self, server: "LocalSMTPServer") -> None:
        self.server = server

    async def handle_EHLO(
        self, server: object, session: object, envelope: object, hostname: str, responses: list[str]
    ) -> list[str]:
        with self.server._lock:
            self.server.sessions += 1
        session.host_name = hostname  # type: ignore[attr-defined]
        return responses

    async def handle_RCPT(
        self, server: object, session: object, envelope: object, address: str, options: list[str]
    ) -> str:
        if address in self.server.reject:
            return self.server.reject[address]
        envelope.rcpt_tos.append(address)  # type: ignore[attr-defined]
        return "250 OK"

    async def handle_DATA(self, smtp: object, session: object, envelope: object) -> str:
        self.server._accept(list(envelope.rcpt_tos), envelope.original_content or envelope.content)  # type: ignore[attr-defined]
        return "250 Message accepted for delivery"


class LocalSMTPServer:
    """``with LocalSMTPServer() as smtp:`` … ``smtp.port``, ``smtp.messages()``, ``smtp.count``."""

    def __init__(self, keep: bool = True, on_message: Callable[[int], None] | None = None) -> None:
        self.keep = keep
        self.on_message = on_message
        self.count = 0
        self.sessions = 0
        self.reject: dict[str, str] = {}  # address → SMTP reply refusing it, e.g. "550 5.1.1 no such user"
        self.raw: list[tuple[list[str], bytes]] = []
        self._lock = threading.Lock()
        self.port = free_port()
        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command at INFO
        self.controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def _accept(self, rcpt_tos: list[str], content: bytes) -> None:
        with self._lock:
            self.count += 1
            if self.keep:
                self.raw.append((rcpt_tos, content))
            number = self.count
        if self.on_message is not None:
            self.on_message(number)

    def messages(self) -> list[EmailMessage]:
        with self._lock:
            raw = list(self.raw)
        return [message_from_bytes(content, policy=policy.default) for _, content in raw]  # type: ignore[misc]

    def recipients(self) -> list[str]:
        with self._lock:
            return [r for rcpts, _ in self.raw for r in rcpts]

    def clear(self) -> None:
        with self._lock:
            self.raw.clear()
            self.count = 0

    def __enter__(self) -> "LocalSMTPServer":
        self.controller.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.controller.stop()
