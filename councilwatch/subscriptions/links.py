"""Absolute links for mails (on SITE_URL), each page reached with a signed token."""

import re
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

from councilwatch.subscriptions import tokens
from councilwatch.subscriptions.models import Subscriber


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


_URL_SAFE_TOKEN = re.compile(r"[A-Za-z0-9_:-]+")  # what signing.dumps makes; reverse() leaves it as it is
_MARKER = "cwtokenmarker"


@lru_cache(maxsize=64)
def _around_token(name: str, urlconf: object, root_urlconf: str, script_prefix: str) -> tuple[str, str]:
    before, _, after = reverse(name, args=[_MARKER]).partition(_MARKER)
    return before, after


def _token_path(name: str, token: str) -> str:
    """``reverse(name, args=[token])``, with the reversing done once per route (a mail has two such links)."""
    if not _URL_SAFE_TOKEN.fullmatch(token):
        return reverse(name, args=[token])
    before, after = _around_token(name, get_urlconf(), settings.ROOT_URLCONF, get_script_prefix())
    return f"{before}{token}{after}"


def confirm_url(email: str, council_codes: list[str] | tuple[str, ...]) -> str:
    token = tokens.make_confirm_token(email, council_codes)
    return absolute(reverse("subscriptions:confirm", args=[token]))


def manage_url(subscriber: Subscriber) -> str:
    return absolute(_token_path("subscriptions:preferences", tokens.make_manage_token(subscriber)))


def unsubscribe_url(subscriber: Subscriber, council_code: str | None = None, alert_id: int | None = None) -> str:
    token = tokens.make_unsubscribe_token(subscriber, council_code=council_code, alert_id=alert_id)
    return absolute(_token_path("subscriptions:unsubscribe", token))


def council_url(code: str) -> str:
    return absolute(reverse("web:council", args=[code]))


def digest_url(code: str, week: str) -> str:
    return absolute(reverse("subscriptions:digest_week", args=[code, week]))


def archive_url(code: str) -> str:
    return absolute(reverse("subscriptions:digest_archive", args=[code]))


def meeting_url(meeting: object, code: str, week: str | None) -> str:
    """The web app's page of the meeting (``web:meeting``, /councils/<code>/meetings/<pk>/) where it exists, else
    the meeting's entry in the web copy of the digest of ``week``, else (no digest) the council's page."""
    pk = meeting.pk  # type: ignore[attr-defined]
    try:
        return absolute(reverse("web:meeting", args=[code, pk]))
    except NoReverseMatch:
        pass
    if week is None:
        return council_url(code)
    return f"{digest_url(code, week)}#meeting-{pk}"


def mail_list_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
