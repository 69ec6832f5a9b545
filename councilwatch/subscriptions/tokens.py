"""Signed, expiring tokens for every link we mail (django.core.signing, one salt per purpose).

* confirm: carries the address and council codes; nothing is stored before it is used (double opt-in).
* manage: the preferences, export, deletion and alerts pages of one subscriber.
* unsubscribe: one subscriber from one council (``c``), one alert (``a``) or everything.

Manage and unsubscribe tokens also carry the subscriber's ``token_key``: deleting or rotating it revokes them.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from councilwatch.subscriptions.models import Subscriber

CONFIRM_SALT = "councilwatch.subscriptions.confirm"
MANAGE_SALT = "councilwatch.subscriptions.manage"
UNSUBSCRIBE_SALT = "councilwatch.subscriptions.unsubscribe"
DAY = 86400


class InvalidToken(Exception):
    """A link that is forged, expired or no longer matches a subscriber; the message says which."""


@dataclass(frozen=True)
class ConfirmRequest:
    email: str
    council_codes: tuple[str, ...]


@dataclass(frozen=True)
class UnsubscribeRequest:
    subscriber: Subscriber
    council_code: str | None
    alert_id: int | None


def _load(token: str, salt: str, max_age_days: int) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age_days * DAY)
    except signing.SignatureExpired as exc:
        raise InvalidToken("this link has expired") from exc
    except signing.BadSignature as exc:
        raise InvalidToken("this link is not valid (it may have been cut short)") from exc
    if not isinstance(data, dict):
        raise InvalidToken("this link is not valid")
    return data


def make_confirm_token(email: str, council_codes: list[str] | tuple[str, ...]) -> str:
    return signing.dumps({"e": email, "c": sorted(set(council_codes))}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str) -> ConfirmRequest:
    data = _load(token, CONFIRM_SALT, settings.TOKEN_MAX_AGE_DAYS)
    email, codes = data.get("e"), data.get("c")
    if not isinstance(email, str) or not isinstance(codes, list):
        raise InvalidToken("this link is not valid")
    return ConfirmRequest(email=email, council_codes=tuple(str(c) for c in codes))


def _subscriber(data: dict) -> Subscriber:
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None or subscriber.token_key != data.get("k"):
        raise InvalidToken("this link no longer matches a subscription (the address may have been deleted)")
    return subscriber


def make_manage_token(subscriber: Subscriber) -> str:
    return signing.dumps({"s": subscriber.pk, "k": subscriber.token_key}, salt=MANAGE_SALT)


def read_manage_token(token: str) -> Subscriber:
    return _subscriber(_load(token, MANAGE_SALT, settings.LINK_MAX_AGE_DAYS))


def make_unsubscribe_token(subscriber: Subscriber, council_code: str | None = None, alert_id: int | None = None) -> str:
    data: dict = {"s": subscriber.pk, "k": subscriber.token_key}
    if council_code:
        data["c"] = council_code
    if alert_id:
        data["a"] = alert_id
    return signing.dumps(data, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> UnsubscribeRequest:
    data = _load(token, UNSUBSCRIBE_SALT, settings.LINK_MAX_AGE_DAYS)
    return UnsubscribeRequest(subscriber=_subscriber(data), council_code=data.get("c"), alert_id=data.get("a"))
