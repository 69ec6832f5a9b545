"""What views, commands and the pipeline call. Each entry point here is one service function.

Pipeline: ``build_digests``, ``send_digests``, ``send_pending``, ``send_alerts``.
Commands: ``send_digests`` (digest send), ``build_digests`` (digest build), ``enable_council`` (enable),
``send_alerts`` (alerts), ``mark_bounced`` (bounce). Views: ``request_subscription``, ``confirm_subscription``,
``update_preferences``, ``unsubscribe``, ``export_data``, ``delete_subscriber``.
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.subscriptions import links, ratelimit
from councilwatch.subscriptions.alerts import match_alerts, queue_alert_deliveries
from councilwatch.subscriptions.delivery import SendReport, send_pending
from councilwatch.subscriptions.digests import BuildReport, build_digests, queue_digest
from councilwatch.subscriptions.mail import build_message, send_now
from councilwatch.subscriptions.models import (
    Alert,
    Delivery,
    DeliveryKind,
    Frequency,
    Subscriber,
    Subscription,
)
from councilwatch.subscriptions.tokens import ConfirmRequest, UnsubscribeRequest, read_confirm_token

__all__ = [
    "BuildReport",
    "SendReport",
    "build_digests",
    "confirm_subscription",
    "delete_subscriber",
    "enable_council",
    "export_data",
    "mark_bounced",
    "request_subscription",
    "send_alerts",
    "send_digests",
    "send_pending",
    "unsubscribe",
    "update_preferences",
]

log = logging.getLogger(__name__)


class Outcome(Enum):
    SENT = "sent"
    IGNORED = "ignored"  # honeypot filled: answered like SENT, nothing sent
    RATE_LIMITED = "rate_limited"
    MAIL_FAILED = "mail_failed"


def request_subscription(email: str, council_codes: list[str], client_ip: str, honeypot: str = "") -> Outcome:
    """Mail a signed confirmation link for ``council_codes``; nothing about the address is stored.

    The answer never depends on whether the address is known (an address already subscribed gets the same mail).
    """
    email = email.strip().lower()
    if honeypot.strip():
        return Outcome.IGNORED
    if not ratelimit.subscribe_allowed(email, client_ip):
        return Outcome.RATE_LIMITED
    councils = list(Council.objects.filter(code__in=council_codes).order_by("name"))
    context = {"councils": councils, "confirm_url": links.confirm_url(email, [c.code for c in councils])}
    message = build_message(
        to=email,
        subject=f"Confirm your councilwatch subscription: {', '.join(c.name for c in councils)}",
        text=render_to_string("subscriptions/email/confirm.txt", context),
        html=render_to_string("subscriptions/email/confirm.html", context),
        unsubscribe_url=None,
    )
    try:
        send_now(message)
    except (smtplib.SMTPException, OSError) as exc:
        log.error("could not send a confirmation mail: %s", exc)
        return Outcome.MAIL_FAILED
    return Outcome.SENT


def confirm_subscription(token: str) -> Subscriber:
    """Use a confirmation link (idempotent): the address and its councils become confirmed."""
    request: ConfirmRequest = read_confirm_token(token)
    now = timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.get_or_create(email=request.email)
        if subscriber.confirmed_at is None:
            subscriber.confirmed_at = now
            subscriber.save(update_fields=["confirmed_at", "updated_at"])
        for council in Council.objects.filter(code__in=request.council_codes):
            Subscription.objects.get_or_create(subscriber=subscriber, council=council, defaults={"confirmed_at": now})
    return subscriber


def update_preferences(subscriber: Subscriber, council_ids: list[int], frequency: str) -> None:
    """Set exactly these councils and this frequency (the preferences page, reached by a signed link)."""
    now = timezone.now()
    with transaction.atomic():
        subscriber.frequency = Frequency(frequency)
        subscriber.save(update_fields=["frequency", "updated_at"])
        subscriber.subscriptions.exclude(council_id__in=council_ids).delete()
        existing = set(subscriber.subscriptions.values_list("council_id", flat=True))
        Subscription.objects.bulk_create(
            [
                Subscription(subscriber=subscriber, council_id=cid, confirmed_at=now)
                for cid in council_ids
                if cid not in existing
            ]
        )


def unsubscribe(request: UnsubscribeRequest, everything: bool = False) -> str:
    """Stop what the link names (one council's digest, one alert) or, with ``everything``, all mail."""
    subscriber = request.subscriber
    if everything or (request.council_code is None and request.alert_id is None):
        subscriber.subscriptions.all().delete()
        subscriber.alerts.update(is_active=False)
        return "all mail from councilwatch"
    if request.alert_id is not None:
        alert = subscriber.alerts.filter(pk=request.alert_id).first()
        if alert:
            alert.is_active = False
            alert.save(update_fields=["is_active", "updated_at"])
            return f"the alert “{alert.name}”"
        return "that alert"
    council = Council.objects.filter(code=request.council_code).first()
    subscriber.subscriptions.filter(council__code=request.council_code).delete()
    return f"the weekly digest for {council.name if council else request.council_code}"


def export_data(subscriber: Subscriber) -> dict:
    """Everything held about one address, as JSON-ready data."""

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "email": subscriber.email,
        "frequency": subscriber.frequency,
        "is_professional": subscriber.is_professional,
        "created_at": when(subscriber.created_at),
        "confirmed_at": when(subscriber.confirmed_at),
        "bounced_at": when(subscriber.bounced_at),
        "bounce_reason": subscriber.bounce_reason,
        "subscriptions": [
            {"council": s.council.code, "name": s.council.name, "confirmed_at": when(s.confirmed_at)}
            for s in subscriber.subscriptions.select_related("council")
        ],
        "alerts": [
            {
                "name": a.name,
                "keywords": a.keywords,
                "topics": [t.slug for t in a.topics.all()],
                "councils": [c.code for c in a.councils.all()],
                "frequency": a.frequency,
                "active": a.is_active,
                "matches": a.matches.count(),
            }
            for a in subscriber.alerts.prefetch_related("topics", "councils")
        ],
        "deliveries": [
            {
                "kind": d.kind,
                "key": d.key,
                "state": d.state,
                "created_at": when(d.created_at),
                "sent_at": when(d.sent_at),
            }
            for d in subscriber.deliveries.order_by("id")
        ],
    }


def delete_subscriber(subscriber: Subscriber) -> None:
    """Erase the address and everything about it (subscriptions, alerts, matches, deliveries)."""
    subscriber.delete()


def mark_bounced(email: str, reason: str) -> bool:
    """Stop mailing an address that bounces; False when the address is not known."""
    updated = Subscriber.objects.filter(email=email.strip().lower()).update(
        bounced_at=timezone.now(), bounce_reason=reason[:500]
    )
    return bool(updated)


def send_digests(week: str | None = None, council_code: str | None = None) -> tuple[BuildReport, SendReport]:
    """Build the week's digests (idempotent), queue one delivery per subscriber, and send them."""
    built = build_digests(week=week, council_code=council_code)
    for digest in built.digests:
        queue_digest(digest)
    sent = send_pending([DeliveryKind.DIGEST], digest_ids=[d.pk for d in built.digests])
    return built, sent


def send_alerts(now: datetime | None = None) -> SendReport:
    """Match new summaries against alerts, gather the due ones into deliveries and send them."""
    match_alerts(now)
    queue_alert_deliveries(now)
    return send_pending([DeliveryKind.ALERT])


@dataclass
class EnableReport:
    council: Council
    newly_enabled: bool
    queued: int
    sent: SendReport

    def __str__(self) -> str:
        state = "now fully supported" if self.newly_enabled else "was already fully supported"
        return f"{self.council} {state}; {self.queued} waiting subscribers queued; {self.sent}"


def enable_council(code: str) -> EnableReport:
    """Move a council to full support and tell the people who were waiting, once (one delivery key per council)."""
    council = Council.objects.filter(code=code.strip().upper()).first()
    if council is None:
        raise ValueError(f"no council with code {code!r}")
    with transaction.atomic():
        council = Council.objects.select_for_update().get(pk=council.pk)
        newly = council.support_level != SupportLevel.FULL
        if newly:
            council.support_level = SupportLevel.FULL
            council.support_enabled_at = timezone.now()
            council.save(update_fields=["support_level", "support_enabled_at", "updated_at"])
    recipients = Subscription.objects.filter(council=council, subscriber__bounced_at__isnull=True)
    key = f"enabled:{council.code}"
    before = Delivery.objects.filter(council=council, kind=DeliveryKind.ENABLED).count()
    Delivery.objects.bulk_create(
        [
            Delivery(subscriber_id=sid, kind=DeliveryKind.ENABLED, key=key, council=council)
            for sid in recipients.values_list("subscriber_id", flat=True)
        ],
        ignore_conflicts=True,
        batch_size=5000,
    )
    queued = Delivery.objects.filter(council=council, kind=DeliveryKind.ENABLED).count() - before
    return EnableReport(council=council, newly_enabled=newly, queued=queued, sent=send_pending([DeliveryKind.ENABLED]))


def active_alerts(subscriber: Subscriber) -> list[Alert]:
    return list(subscriber.alerts.prefetch_related("topics", "councils").order_by("name"))


def save_alert(
    subscriber: Subscriber, name: str, keywords: list[str], topic_ids: list[int], council_ids: list[int], frequency: str
) -> Alert:
    """Create a professional's alert; it looks at summaries from the past week on its first run."""
    if not subscriber.is_professional:
        raise PermissionError("alerts are for professional accounts; ask us to mark yours")
    with transaction.atomic():
        alert = Alert.objects.create(subscriber=subscriber, name=name, keywords=keywords, frequency=frequency)
        alert.topics.set(topic_ids)
        alert.councils.set(council_ids)
    return alert
