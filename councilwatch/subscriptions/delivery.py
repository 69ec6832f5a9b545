"""The exactly-once sender: claim queued deliveries in batches, send each over one SMTP connection, record it.

States: queued → sending (claimed, in its own transaction) → sent | failed (retried with back-off up to
EMAIL_MAX_ATTEMPTS, with the reason) | skipped (bounced, unsubscribed or paused since it was queued).

The row is marked ``sent`` in its own commit after the message body and *before* the "." that ends DATA
(mail.LedgerEmailBackend). So after a crash, a row still ``sending`` was certainly not accepted by the server
and is queued again; and of the rows a dead sender marked ``sent``, only its last one is uncertain (killed
between the commit and the "."): EMAIL_UNCERTAIN_POLICY keeps it (at-most-once, default) or resends it
(at-least-once). A claim is dead when its process is gone from this host or it is older than EMAIL_CLAIM_TIMEOUT.

``attempts`` counts real send attempts only: it grows when a mail was handed to the SMTP server (marked sent,
refused, or the connection broke while it was being sent), never when a row was merely claimed. So rows a
killed sender had claimed but not reached go back to the queue with their count unchanged, and a mail is given
up after EMAIL_MAX_ATTEMPTS failures of its own, not after the sender's crashes.
"""

import logging
import secrets
import smtplib
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import formatdate
from functools import lru_cache

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from councilwatch.core.processes import holder_is_gone, this_process
from councilwatch.subscriptions import links, prepared
from councilwatch.subscriptions.alerts import alert_mail_parts
from councilwatch.subscriptions.digests import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, digest_mail_parts
from councilwatch.subscriptions.mail import LedgerEmailBackend, build_message
from councilwatch.subscriptions.models import Delivery, DeliveryKind, DeliveryState, Digest, Frequency, Subscription

log = logging.getLogger(__name__)
_ACTIVE_CLAIMS: set[str] = set()


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    skipped: int = 0
    recovered: int = 0
    uncertain: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: "SendReport") -> "SendReport":
        for name in ("sent", "failed", "retrying", "skipped", "recovered", "uncertain"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        return self

    def __str__(self) -> str:
        text = (
            f"{self.sent} sent, {self.failed} failed, {self.retrying} to retry, {self.skipped} skipped, "
            f"{self.recovered} recovered from dead senders ({self.uncertain} uncertain)"
        )
        return text + "".join(f"\n  error: {e}" for e in self.errors)


class RateLimiter:
    """At most ``per_second`` calls of ``wait()`` per second (0 = no limit)."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next_at = time.monotonic()

    def wait(self) -> None:
        if not self.interval:
            return
        now = time.monotonic()
        if now < self.next_at:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval


def _new_claim() -> str:
    return f"{this_process()}:{secrets.token_hex(4)}"


def _claim_is_dead(claim: str, claimed_at, now) -> bool:
    if claim in _ACTIVE_CLAIMS:
        return False
    if claimed_at is None or claimed_at < now - timedelta(seconds=settings.EMAIL_CLAIM_TIMEOUT):
        return True
    if claim.startswith(this_process() + ":"):
        return True  # ours, but not active: left behind by an exception
    return bool(holder_is_gone(claim))  # another host's sender (None): only the timeout can tell


def recover_stale(now=None) -> SendReport:
    """Deterministically settle the batches of dead senders (see the module docstring)."""
    now = now or timezone.now()
    report = SendReport()
    claims = Delivery.objects.exclude(claim="").values_list("claim", "claimed_at").distinct()
    dead = {claim for claim, claimed_at in claims if _claim_is_dead(claim, claimed_at, now)}
    for claim in sorted(dead):
        with transaction.atomic():
            rows = list(Delivery.objects.select_for_update().filter(claim=claim).order_by("id"))
            unsent = [r.pk for r in rows if r.state == DeliveryState.SENDING]
            sent = [r for r in rows if r.state == DeliveryState.SENT]
            Delivery.objects.filter(pk__in=unsent).update(state=DeliveryState.QUEUED, claim="", claimed_at=None)
            report.recovered += len(unsent)
            if sent:
                last = max(sent, key=lambda r: (r.sent_at, r.pk))
                report.uncertain += 1
                if settings.EMAIL_UNCERTAIN_POLICY == "at-least-once":
                    Delivery.objects.filter(pk=last.pk).update(
                        state=DeliveryState.QUEUED, sent_at=None, last_error="resent: sender died mid-transaction"
                    )
                else:
                    Delivery.objects.filter(pk=last.pk).update(unconfirmed=True)
            Delivery.objects.filter(claim=claim).update(claim="", claimed_at=None)
        log.warning("recovered dead sender %s: %d queued again", claim, len(unsent))
    return report


def _claimable(now) -> Q:
    return Q(state=DeliveryState.QUEUED) | Q(
        state=DeliveryState.FAILED, next_attempt_at__isnull=False, next_attempt_at__lte=now
    )


def claim_batch(
    claim: str, size: int, kinds: Iterable[str] | None, digest_ids: Iterable[int] | None, retry_before=None
) -> list[Delivery]:
    """Atomically take up to ``size`` sendable rows (SKIP LOCKED where the database has it) and mark them sending.

    Failed rows are retried when their next attempt is due before ``retry_before`` (the start of the run, so a
    run never retries what it has just failed).
    """
    now = timezone.now()
    with transaction.atomic():
        qs = Delivery.objects.filter(_claimable(retry_before or now))
        if kinds:
            qs = qs.filter(kind__in=list(kinds))
        if digest_ids is not None:
            qs = qs.filter(digest_id__in=list(digest_ids))
        ids = list(qs.select_for_update(skip_locked=True).order_by("id").values_list("id", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids).update(state=DeliveryState.SENDING, claim=claim, claimed_at=now)
    batch = list(
        Delivery.objects.filter(pk__in=ids, claim=claim).select_related("subscriber", "alert", "council").order_by("id")
    )
    # A batch is mostly one digest: load each digest (and its content) once, not once per row.
    digests = Digest.objects.select_related("council").in_bulk({d.digest_id for d in batch} - {None})
    for delivery in batch:
        if delivery.digest_id is not None:
            delivery.digest = digests[delivery.digest_id]
    return batch


def _skip_reason(delivery: Delivery, subscribed: set[tuple[int, int]]) -> str:
    subscriber = delivery.subscriber
    if subscriber.is_bounced:
        return "address bounced"
    if delivery.kind in (DeliveryKind.DIGEST, DeliveryKind.ENABLED):
        council_id = delivery.digest.council_id if delivery.digest_id else delivery.council_id
        if (subscriber.pk, council_id) not in subscribed:
            return "unsubscribed"
        if subscriber.frequency == Frequency.PAUSED:
            return "paused"
    if delivery.kind == DeliveryKind.ALERT and not (delivery.alert.is_active and subscriber.is_professional):
        return "alert switched off"
    return ""


def compose(delivery: Delivery) -> EmailMultiAlternatives:
    """The mail of one delivery, with its recipient's own signed links."""
    subscriber = delivery.subscriber
    preferences = links.manage_url(subscriber)
    list_id = None
    if delivery.kind == DeliveryKind.DIGEST:
        unsubscribe = links.unsubscribe_url(subscriber, council_code=delivery.digest.council.code)
        subject, text, html, list_id = digest_mail_parts(delivery.digest, unsubscribe, preferences)
    elif delivery.kind == DeliveryKind.ALERT:
        unsubscribe = links.unsubscribe_url(subscriber, alert_id=delivery.alert_id)
        subject, text, html = alert_mail_parts(delivery, unsubscribe, preferences)
    else:
        council = delivery.council
        unsubscribe = links.unsubscribe_url(subscriber, council_code=council.code)
        context = {
            "council": council,
            "council_url": links.council_url(council.code),
            "unsubscribe_url": unsubscribe,
            "preferences_url": preferences,
        }
        subject = f"{council.name} is now fully supported on councilwatch"
        text = render_to_string("subscriptions/email/enabled.txt", context)
        html = render_to_string("subscriptions/email/enabled.html", context)
    return build_message(
        to=subscriber.email,
        subject=subject,
        text=text,
        html=html,
        unsubscribe_url=unsubscribe,
        message_id=_message_id(delivery),
        list_id=list_id,
    )


def _message_id(delivery: Delivery) -> str:
    return f"<delivery.{delivery.pk}.{delivery.subscriber_id}@{links.mail_list_host()}>"


@lru_cache(maxsize=32)
def _digest_template(digest_id: int, updated_at: str, site_url: str, from_email: str) -> prepared.MailTemplate | None:
    """The digest's mail flattened once with placeholders (None when it cannot be filled in place)."""
    digest = Digest.objects.select_related("council").get(pk=digest_id)
    subject, text, html, list_id = digest_mail_parts(digest, UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER)
    message = build_message(
        to=prepared.ADDRESS,
        subject=subject,
        text=text,
        html=html,
        unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER,
        message_id=prepared.MESSAGE_ID,
        list_id=list_id,
    )
    headers = {
        "To": prepared.ADDRESS,
        "List-Unsubscribe": f"<{UNSUBSCRIBE_PLACEHOLDER}>",
        "Message-ID": prepared.MESSAGE_ID,
    }
    try:
        return prepared.MailTemplate(message, headers, (UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER))
    except ValueError as exc:
        log.info("digest %s is composed per recipient: %s", digest_id, exc)
        return None


def outgoing(delivery: Delivery) -> prepared.OutgoingMail:
    """The envelope and bytes of one delivery's mail: a digest's from its template when the recipient's values
    go in as they are, anything else composed through ``compose()`` and flattened as Django's backend does."""
    if delivery.kind == DeliveryKind.DIGEST:
        digest = delivery.digest
        template = _digest_template(
            digest.pk, digest.updated_at.isoformat(), settings.SITE_URL, settings.DEFAULT_FROM_EMAIL
        )
        if template is not None:
            subscriber = delivery.subscriber
            unsubscribe = links.unsubscribe_url(subscriber, council_code=digest.council.code)
            mail = template.render(
                to=subscriber.email,
                headers={
                    "List-Unsubscribe": f"<{unsubscribe}>",
                    "Message-ID": _message_id(delivery),
                    "Date": formatdate(localtime=settings.EMAIL_USE_LOCALTIME),
                },
                urls={UNSUBSCRIBE_PLACEHOLDER: unsubscribe, PREFERENCES_PLACEHOLDER: links.manage_url(subscriber)},
            )
            if mail is not None:
                return mail
    return prepared.flatten(compose(delivery))


def _db_now() -> object:
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _mark_sent_sql() -> str:
    table = connection.ops.quote_name(Delivery._meta.db_table)
    # The table name is the model's own, quoted; every value is a parameter.
    return f"UPDATE {table} SET state = %s, sent_at = %s, attempts = attempts + 1 WHERE id = %s AND claim = %s"  # noqa: S608


def _fail(
    delivery: Delivery, claim: str, reason: str, permanent: bool, report: SendReport, *, attempted: bool = True
) -> None:
    """Record a failed delivery; ``attempted`` when the mail was handed to the server (it counts as a try)."""
    attempts = delivery.attempts + attempted
    retry = not permanent and attempts < settings.EMAIL_MAX_ATTEMPTS
    next_at = None
    if retry:
        next_at = timezone.now() + timedelta(seconds=settings.EMAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0))
    Delivery.objects.filter(pk=delivery.pk, claim=claim).update(
        state=DeliveryState.FAILED, next_attempt_at=next_at, last_error=reason[:2000], sent_at=None, attempts=attempts
    )
    if retry:
        report.retrying += 1
    else:
        report.failed += 1


def _subscribed_pairs(batch: list[Delivery]) -> set[tuple[int, int]]:
    council_ids = {d.digest.council_id if d.digest_id else d.council_id for d in batch} - {None}
    if not council_ids:
        return set()
    return set(
        Subscription.objects.filter(
            subscriber_id__in={d.subscriber_id for d in batch}, council_id__in=council_ids
        ).values_list("subscriber_id", "council_id")
    )


def send_batch(batch: list[Delivery], claim: str, limiter: RateLimiter, report: SendReport) -> bool:
    """Send ``batch`` over one connection; False when the connection broke (the rest is released)."""
    subscribed = _subscribed_pairs(batch)
    backend = LedgerEmailBackend(fail_silently=False)
    mark_sql = _mark_sent_sql()
    remaining = list(batch)
    try:
        backend.open()
        while remaining:
            delivery = remaining.pop(0)
            reason = _skip_reason(delivery, subscribed)
            if reason:
                Delivery.objects.filter(pk=delivery.pk, claim=claim).update(
                    state=DeliveryState.SKIPPED, last_error=reason
                )
                report.skipped += 1
                continue
            try:
                mail = outgoing(delivery)
            except Exception as exc:  # a broken template or row must not stop everyone else's mail
                log.exception("could not compose delivery %s", delivery.pk)
                why = f"could not compose the mail: {exc!r}"
                _fail(delivery, claim, why, permanent=True, report=report, attempted=False)
                continue
            limiter.wait()
            marked = False

            def mark_sent(pk: int = delivery.pk) -> None:
                # One UPDATE by primary key, committed on its own (autocommit) before the final ".".
                nonlocal marked
                with connection.cursor() as cursor:
                    cursor.execute(mark_sql, [DeliveryState.SENT, _db_now(), pk, claim])
                marked = True

            try:
                backend.send_raw(mail, mark_sent)
                report.sent += 1
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                code = getattr(exc, "smtp_code", None) or _first_code(exc)
                _fail(
                    delivery, claim, f"SMTP server refused: {exc}", permanent=bool(code and code >= 500), report=report
                )
            except (smtplib.SMTPException, OSError) as exc:
                if marked and backend.end_of_data_sent:
                    # The server has the whole message but we never heard its answer: uncertain.
                    _settle_uncertain(delivery, claim, f"no answer after end of data: {exc}", report)
                else:
                    _fail(delivery, claim, f"connection failed: {exc}", permanent=False, report=report)
                raise
    except (smtplib.SMTPException, OSError) as exc:
        report.errors.append(f"SMTP {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc}")
        _release(remaining, claim)
        return False
    finally:
        try:
            backend.close()
        finally:
            # Rows still "sending" here were never handed over (an exception in Python, not a crash).
            Delivery.objects.filter(claim=claim, state=DeliveryState.SENDING).update(state=DeliveryState.QUEUED)
            Delivery.objects.filter(claim=claim).update(claim="", claimed_at=None)
    return True


def _first_code(exc: Exception) -> int | None:
    recipients = getattr(exc, "recipients", None)
    if recipients:
        return next(iter(recipients.values()))[0]
    return None


def _settle_uncertain(delivery: Delivery, claim: str, reason: str, report: SendReport) -> None:
    report.uncertain += 1
    if settings.EMAIL_UNCERTAIN_POLICY == "at-least-once":
        Delivery.objects.filter(pk=delivery.pk, claim=claim).update(
            state=DeliveryState.QUEUED, sent_at=None, last_error=reason
        )
    else:
        Delivery.objects.filter(pk=delivery.pk, claim=claim).update(unconfirmed=True, last_error=reason)
        report.sent += 1


def _release(rows: list[Delivery], claim: str) -> None:
    """Give back rows that were claimed but never tried: queued again (a claim is not an attempt)."""
    Delivery.objects.filter(pk__in=[r.pk for r in rows], claim=claim, state=DeliveryState.SENDING).update(
        state=DeliveryState.QUEUED
    )


def send_pending(
    kinds: Iterable[str] | None = None,
    *,
    digest_ids: Iterable[int] | None = None,
    limit: int | None = None,
    batch_size: int | None = None,
    rate: float | None = None,
) -> SendReport:
    """Send every queued (or due-for-retry) delivery, optionally only some kinds or digests; recovers dead senders."""
    kinds = list(kinds) if kinds else None
    digest_ids = list(digest_ids) if digest_ids is not None else None
    size = batch_size or settings.EMAIL_BATCH_SIZE
    limiter = RateLimiter(settings.EMAIL_RATE_LIMIT if rate is None else rate)
    report = recover_stale()
    started = timezone.now()
    done = 0
    while limit is None or done < limit:
        claim = _new_claim()
        _ACTIVE_CLAIMS.add(claim)
        try:
            batch = claim_batch(claim, min(size, limit - done) if limit else size, kinds, digest_ids, started)
            if not batch:
                break
            done += len(batch)
            if not send_batch(batch, claim, limiter, report):
                break
        finally:
            _ACTIVE_CLAIMS.discard(claim)
    return report
