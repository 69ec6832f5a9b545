"""Mail flattened once per digest: per recipient only the address, links, Message-ID and Date are put in.

Django's ``EmailMultiAlternatives`` spends most of a mail's cost on building the MIME tree, header folding and
generating the parts, and a digest's mail differs between recipients only in a few values. ``MailTemplate``
flattens one message built with placeholders exactly as Django's SMTP backend would
(``message().as_bytes(linesep="\\r\\n")``); per recipient it folds the few varying headers with the same email
policy (so long values wrap exactly as Django's would) and pastes the links into the bodies. Only where that
gives Django's bytes:

* the template is refused unless each varying header is one line of its own, every link placeholder survives
  verbatim, and every part is sent as 7bit/8bit (no quoted-printable or base64 to re-encode);
* a recipient's values are refused (the caller then composes that one mail the slow way) unless they are plain
  ASCII that Django would neither quote, encode nor escape (no spaces, commas, semicolons, quotes or ``&<>``),
  and unless no body line would pass 998 octets (where Django would switch the part to quoted-printable).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import sanitize_address

ADDRESS = "cw-recipient@placeholder.invalid"
MESSAGE_ID = "<cw-message-id@placeholder.invalid>"
LINE_LIMIT = 998  # RFC 5322; Django switches a part to quoted-printable beyond it
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,255}")
_PLAIN_URL = re.compile(r"[A-Za-z0-9._~:/?#@!$+=%-]+")
_PLAIN_HEADER = re.compile(r"[\x20-\x7e]+")
_SLOT = b"\x00cw-header-%d\x00"


@dataclass(frozen=True)
class OutgoingMail:
    """What goes over SMTP: envelope sender and recipients and the message's bytes."""

    from_email: str
    recipients: list[str]
    data: bytes


def flatten(message: EmailMultiAlternatives) -> OutgoingMail:
    """The envelope and bytes Django's SMTP ``EmailBackend._send`` would send for ``message``."""
    encoding = message.encoding or settings.DEFAULT_CHARSET
    return OutgoingMail(
        from_email=sanitize_address(message.from_email, encoding),
        recipients=[sanitize_address(a, encoding) for a in message.recipients()],
        data=message.message().as_bytes(linesep="\r\n"),
    )


class MailTemplate:
    """One flattened message with placeholders; ``render()`` fills them in for one recipient."""

    def __init__(self, message: EmailMultiAlternatives, headers: dict[str, str], urls: tuple[str, ...]) -> None:
        """``message`` is built with ``to=[ADDRESS]``; ``headers`` maps each top-level header that varies per
        recipient to its placeholder value (``Date`` is Django's own); ``urls`` are the link placeholders in
        the bodies. Raises ValueError when the bytes cannot be filled in safely."""
        self.policy = message.message().policy.clone(linesep="\r\n")  # what as_bytes(linesep=...) folds with
        mail = flatten(message)
        if mail.recipients != [ADDRESS]:
            raise ValueError("the template's recipient is not the placeholder address")
        self.from_email = mail.from_email
        head, blank, body = mail.data.partition(b"\r\n\r\n")
        lowered = mail.data.lower()
        if b"content-transfer-encoding: quoted-printable" in lowered or b"content-transfer-encoding: base64" in lowered:
            raise ValueError("a part is quoted-printable or base64: links cannot be pasted into it")
        lines = head.split(b"\r\n")
        self.header_names = (*headers, "Date")
        expected = {name: self.policy.fold_binary(name, value).rstrip(b"\r\n") for name, value in headers.items()}
        for number, name in enumerate(self.header_names):
            found = [
                i
                for i, line in enumerate(lines)
                if line.lower().startswith(f"{name.lower()}: ".encode()) and line == expected.get(name, line)
            ]
            if len(found) != 1 or (found[0] + 1 < len(lines) and lines[found[0] + 1][:1] in (b" ", b"\t")):
                raise ValueError(f"the {name} header is not one unfolded line with its placeholder")
            lines[found[0]] = _SLOT % number
        self.head = b"\r\n".join(lines)
        self.urls = tuple(p.encode() for p in urls)
        for placeholder in self.urls:
            if not body.count(placeholder):
                raise ValueError(f"link placeholder {placeholder!r} did not survive flattening")
        self.body = blank + body
        self.link_lines = [
            (len(line), holes) for line in body.split(b"\r\n") if (holes := sum(line.count(p) for p in self.urls))
        ]
        self.shortest_url = min(len(p) for p in self.urls)

    def render(self, *, to: str, headers: dict[str, str], urls: dict[str, str]) -> OutgoingMail | None:
        """The mail for one recipient, or None when a value is not plain enough to put in as it is.

        ``headers`` gives every name passed to the constructor and ``Date``; the To header is ``to``."""
        if not _PLAIN_ADDRESS.fullmatch(to):
            return None
        if not all(_PLAIN_HEADER.fullmatch(value) for value in headers.values()):
            return None
        if not all(_PLAIN_URL.fullmatch(url) for url in urls.values()):
            return None
        growth = max(len(url) for url in urls.values()) - self.shortest_url
        if any(length + holes * growth > LINE_LIMIT for length, holes in self.link_lines):
            return None
        head = self.head
        for number, name in enumerate(self.header_names):
            value = to if name == "To" else headers[name]
            head = head.replace(_SLOT % number, self.policy.fold_binary(name, value).rstrip(b"\r\n"), 1)
        body = self.body
        for placeholder, url in urls.items():
            body = body.replace(placeholder.encode(), url.encode())
        return OutgoingMail(from_email=self.from_email, recipients=[to], data=head + body)
