"""Absolute links for mails (on SITE_URL), each page reached with a signed token."""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from councilwatch.subscriptions import tokens
from councilwatch.subscriptions.models import Subscriber


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def confirm_url(email: str, council_codes: list[str] | tuple[str, ...]) -> str:
    token = tokens.make_confirm_token(email, council_codes)
    return absolute(reverse("subscriptions:confirm", args=[token]))


def manage_url(subscriber: Subscriber) -> str:
    return absolute(reverse("subscriptions:preferences", args=[tokens.make_manage_token(subscriber)]))


def unsubscribe_url(subscriber: Subscriber, council_code: str | None = None, alert_id: int | None = None) -> str:
    token = tokens.make_unsubscribe_token(subscriber, council_code=council_code, alert_id=alert_id)
    return absolute(reverse("subscriptions:unsubscribe", args=[token]))


def council_url(code: str) -> str:
    return absolute(reverse("web:council", args=[code]))


def digest_url(code: str, week: str) -> str:
    return absolute(reverse("subscriptions:digest_week", args=[code, week]))


def archive_url(code: str) -> str:
    return absolute(reverse("subscriptions:digest_archive", args=[code]))


def meeting_url(meeting: object, code: str, week: str | None) -> str:
    """The meeting's own page where the web app gives it one (``get_absolute_url``), else its entry in the web
    copy of the digest of ``week``, else (no digest) the council's page."""
    get_url = getattr(meeting, "get_absolute_url", None)
    if callable(get_url):
        return absolute(get_url())
    if week is None:
        return council_url(code)
    return f"{digest_url(code, week)}#meeting-{meeting.pk}"  # type: ignore[attr-defined]


def mail_list_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"
