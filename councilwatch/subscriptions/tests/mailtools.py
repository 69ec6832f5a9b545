"""Reading the mails the test SMTP server received: parts, links, headers."""

import re
from email.message import EmailMessage

LINK_RE = re.compile(r"https?://[^\s\"'<>]+")


def parts(message: EmailMessage) -> tuple[str, str]:
    """The text/plain and text/html parts of a multipart/alternative mail (both must be there)."""
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None and html is not None, "mail lacks a plain-text or an HTML part"
    return text.get_content(), html.get_content()


def links(body: str, host: str = "http://testserver") -> list[str]:
    """Links in ``body`` on our own site, as paths for the Django test client."""
    found = [u.replace("&amp;", "&") for u in LINK_RE.findall(body)]
    return sorted({u[len(host) :] for u in found if u.startswith(host)})


def link_to(body: str, fragment: str) -> str:
    matches = [u for u in links(body) if fragment in u]
    assert matches, f"no link containing {fragment!r} in:\n{body}"
    return matches[0]


def header_url(message: EmailMessage) -> str:
    value = str(message["List-Unsubscribe"]).strip()
    assert value.startswith("<http://testserver/") and value.endswith(">"), value
    return value[len("<http://testserver") : -1]
