"""Django's SMTP backend with one extra step: a hook that runs after the body and before the final ".".

The ledger marks a delivery ``sent`` in that hook. Until the server has read the lone "." that ends DATA it
discards the message, so a sender killed before the hook committed leaves a row that is safely resent, and a
sender killed after it has already handed over the end of the message. What remains uncertain is one mail per
dead sender (see docs/subscriptions.md, "Exactly once").
"""

import smtplib
import socket
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.smtp import EmailBackend

from councilwatch.subscriptions.prepared import OutgoingMail

CRLF = b"\r\n"
T = TypeVar("T")


class EndOfDataHookMixin:
    """``data()`` of smtplib.SMTP split in two around ``before_end_of_data``."""

    before_end_of_data: Callable[[], None] | None = None
    end_of_data_sent: bool = False

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        # The "." goes out in its own small write after the body: without TCP_NODELAY, Nagle's algorithm
        # holds it until the body is acknowledged, and delayed ACKs make that ~40 ms per mail.
        sock = super()._get_socket(host, port, timeout)  # type: ignore[misc]
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def data(self, msg: bytes | str) -> tuple[int, bytes]:
        hook = self.before_end_of_data
        if hook is None:
            return super().data(msg)  # type: ignore[misc]
        self.end_of_data_sent = False
        self.putcmd("data")  # type: ignore[attr-defined]
        code, reply = self.getreply()  # type: ignore[attr-defined]
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        if isinstance(msg, str):
            msg = smtplib._fix_eols(msg).encode("ascii")  # type: ignore[attr-defined]
        body = smtplib._quote_periods(msg)  # type: ignore[attr-defined]
        if body[-2:] != CRLF:
            body += CRLF
        self.send(body)  # type: ignore[attr-defined]
        try:
            hook()
        except BaseException:
            # Never finish a message we could not record: dropping the connection makes the server discard it.
            self.close()  # type: ignore[attr-defined]
            raise
        self.send(b"." + CRLF)  # type: ignore[attr-defined]
        self.end_of_data_sent = True
        return self.getreply()  # type: ignore[attr-defined]


class HookSMTP(EndOfDataHookMixin, smtplib.SMTP):
    pass


class HookSMTPSSL(EndOfDataHookMixin, smtplib.SMTP_SSL):
    pass


class LedgerEmailBackend(EmailBackend):
    """django.core.mail.backends.smtp.EmailBackend whose connection runs a hook before ending each message.

    Always SMTP, whatever ``EMAIL_BACKEND`` says (tests set that to locmem): subscription mail must reach a real
    server for the exactly-once ledger to mean anything.
    """

    @property
    def connection_class(self) -> type[smtplib.SMTP]:
        return HookSMTPSSL if self.use_ssl else HookSMTP

    def send_one(self, message: EmailMultiAlternatives, before_end_of_data: Callable[[], None] | None) -> bool:
        """Send over the open connection; True when the hook ran and the server then answered 250."""
        return self._with_hook(before_end_of_data, lambda: bool(self._send(message)))

    def send_raw(self, mail: OutgoingMail, before_end_of_data: Callable[[], None] | None) -> None:
        """Send already flattened bytes (prepared.MailTemplate or prepared.flatten) over the open connection."""
        self._with_hook(
            before_end_of_data,
            lambda: self.connection.sendmail(mail.from_email, mail.recipients, mail.data),  # type: ignore[union-attr]
        )

    def _with_hook(self, before_end_of_data: Callable[[], None] | None, send: Callable[[], T]) -> T:
        connection = self.connection
        if connection is None:
            raise smtplib.SMTPServerDisconnected("the SMTP connection is not open")
        connection.before_end_of_data = before_end_of_data
        connection.end_of_data_sent = False
        try:
            return send()
        finally:
            if self.connection is not None:
                self.connection.before_end_of_data = None

    @property
    def end_of_data_sent(self) -> bool:
        return bool(self.connection is not None and self.connection.end_of_data_sent)


def build_message(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    unsubscribe_url: str | None,
    message_id: str | None = None,
    list_id: str | None = None,
) -> EmailMultiAlternatives:
    """A multipart/alternative mail; with ``unsubscribe_url``, RFC 8058 one-click unsubscribe headers."""
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if message_id:
        headers["Message-ID"] = message_id
    if list_id:
        headers["List-Id"] = list_id
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to], headers=headers
    )
    message.attach_alternative(html, "text/html")
    return message


def send_now(message: EmailMultiAlternatives) -> None:
    """Send one transactional mail (a confirmation link) over its own connection."""
    backend = LedgerEmailBackend(fail_silently=False)
    backend.send_messages([message])
