"""The exactly-once ledger against a real SMTP server, including a sender killed with SIGKILL mid-run."""

import multiprocessing
import os
import signal
from collections import Counter

import pytest
from django.db import connections
from django.utils import timezone

from councilwatch.subscriptions.delivery import send_pending
from councilwatch.subscriptions.digests import build_digests, queue_digest
from councilwatch.subscriptions.models import Delivery, DeliveryState, Subscriber, Subscription
from councilwatch.subscriptions.testing import LocalSMTPServer
from councilwatch.subscriptions.tests.factories import kent_cabinet, make_council, make_subscriber


def _queue_digest_for(n: int) -> None:
    kent = make_council()
    kent_cabinet(kent)
    now = timezone.now()
    Subscriber.objects.bulk_create(Subscriber(email=f"r{i:04d}@example.org", confirmed_at=now) for i in range(n))
    Subscription.objects.bulk_create(
        Subscription(subscriber=s, council=kent, confirmed_at=now) for s in Subscriber.objects.all()
    )
    [digest] = build_digests("2025-W05", "KEN").digests
    assert queue_digest(digest) == n


def _child_sender() -> None:
    send_pending(batch_size=50, rate=0)
    os._exit(0)


def _kill_mid_run(settings, server: LocalSMTPServer, kill_at: int) -> multiprocessing.Process:
    """Run the sender in a forked process; the SMTP server SIGKILLs it while message ``kill_at`` is in DATA,
    after the server has the whole message and before the sender has heard the 250: the worst moment."""
    settings.EMAIL_PORT = server.port
    context = multiprocessing.get_context("fork")
    connections.close_all()  # the child must open its own database connections
    child = context.Process(target=_child_sender)

    def on_message(number: int) -> None:
        if number == kill_at:
            os.kill(child.pid, signal.SIGKILL)

    server.on_message = on_message
    child.start()
    child.join(120)
    server.on_message = None
    assert child.exitcode == -signal.SIGKILL, "the sender was not killed"
    return child


@pytest.fixture
def mail_settings(settings):
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_RATE_LIMIT = 0
    settings.SITE_URL = "http://testserver"
    return settings


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_killed_sender_then_rerun_delivers_1000_mails_exactly_once(mail_settings):
    _queue_digest_for(1000)
    with LocalSMTPServer() as server:
        _kill_mid_run(mail_settings, server, kill_at=437)
        assert server.count == 437
        states = Counter(Delivery.objects.values_list("state", flat=True))
        assert states[DeliveryState.SENDING] > 0, "killed between batches: the test shows nothing"
        assert states[DeliveryState.SENT] == 437

        report = send_pending(batch_size=50, rate=0)

        assert report.recovered == states[DeliveryState.SENDING] and report.uncertain == 1
        recipients = server.recipients()
        assert len(recipients) == 1000
        assert len(set(recipients)) == 1000, [r for r, n in Counter(recipients).items() if n > 1]
    assert Counter(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT: 1000}
    assert Delivery.objects.filter(unconfirmed=True).count() == 1
    assert not Delivery.objects.exclude(claim="").exists()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_at_least_once_policy_resends_only_the_uncertain_mail(mail_settings):
    mail_settings.EMAIL_UNCERTAIN_POLICY = "at-least-once"
    _queue_digest_for(120)
    with LocalSMTPServer() as server:
        _kill_mid_run(mail_settings, server, kill_at=70)
        send_pending(batch_size=50, rate=0)
        counts = Counter(server.recipients())
    assert len(counts) == 120
    assert sorted(n for n in counts.values() if n > 1) == [2]  # the one the server had but we never heard of
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 120


@pytest.mark.django_db
def test_batches_share_a_connection_and_refusals_are_recorded(smtp, settings):
    settings.EMAIL_RETRY_SECONDS = 0
    _queue_digest_for(120)
    smtp.reject["r0003@example.org"] = "550 5.1.1 no such mailbox"
    smtp.reject["r0004@example.org"] = "451 4.3.0 try again later"
    report = send_pending(batch_size=50)
    assert smtp.sessions == 3  # 120 mails in batches of 50
    assert (report.sent, report.failed, report.retrying) == (118, 1, 1)
    permanent = Delivery.objects.get(subscriber__email="r0003@example.org")
    assert permanent.state == DeliveryState.FAILED and "550" in permanent.last_error
    assert permanent.next_attempt_at is None
    del smtp.reject["r0004@example.org"]
    again = send_pending()
    assert again.sent == 1 and Delivery.objects.get(subscriber__email="r0004@example.org").attempts == 2
    assert Counter(smtp.recipients())["r0004@example.org"] == 1


@pytest.mark.django_db
def test_unreachable_server_keeps_everything_queued(smtp, settings):
    _queue_digest_for(5)
    settings.EMAIL_PORT = smtp.port + 1 if smtp.port < 65535 else smtp.port - 1
    report = send_pending()
    assert report.sent == 0 and report.errors and "127.0.0.1" in report.errors[0]
    assert set(Delivery.objects.values_list("state", "attempts")) == {(DeliveryState.QUEUED, 0)}
    settings.EMAIL_PORT = smtp.port
    assert send_pending().sent == 5


@pytest.mark.django_db
def test_bounced_and_unsubscribed_are_skipped_at_send_time(smtp):
    kent = make_council()
    kent_cabinet(kent)
    keep = make_subscriber("keep@example.org", kent)
    bounced = make_subscriber("bounced@example.org", kent)
    gone = make_subscriber("gone@example.org", kent)
    [digest] = build_digests("2025-W05", "KEN").digests
    queue_digest(digest)
    Subscriber.objects.filter(pk=bounced.pk).update(bounced_at=timezone.now())
    gone.subscriptions.all().delete()
    report = send_pending()
    assert (report.sent, report.skipped) == (1, 2)
    assert smtp.recipients() == [keep.email]
    assert dict(Delivery.objects.values_list("subscriber__email", "last_error")) == {
        "keep@example.org": "",
        "bounced@example.org": "address bounced",
        "gone@example.org": "unsubscribed",
    }


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_share_the_work_without_overlap(mail_settings):
    """Claims are atomic (SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite): two senders, each mail once."""
    _queue_digest_for(300)
    with LocalSMTPServer() as server:
        mail_settings.EMAIL_PORT = server.port
        context = multiprocessing.get_context("fork")
        connections.close_all()
        senders = [context.Process(target=_child_sender) for _ in range(2)]
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join(120)
        assert [s.exitcode for s in senders] == [0, 0]
        counts = Counter(server.recipients())
    assert len(counts) == 300 and set(counts.values()) == {1}
    assert server.sessions >= 6  # batches of 50, whoever took them
    assert Counter(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT: 300}


@pytest.mark.django_db
def test_claims_of_other_hosts_are_recovered_only_after_the_timeout(smtp, settings):
    from datetime import timedelta

    from councilwatch.subscriptions.delivery import recover_stale

    settings.EMAIL_CLAIM_TIMEOUT = 600
    _queue_digest_for(4)
    rows = list(Delivery.objects.order_by("id"))
    now = timezone.now()
    Delivery.objects.filter(pk__in=[r.pk for r in rows[:2]]).update(
        state=DeliveryState.SENDING, claim="elsewhere:123:aa", claimed_at=now - timedelta(seconds=60)
    )
    Delivery.objects.filter(pk__in=[r.pk for r in rows[2:]]).update(
        state=DeliveryState.SENDING, claim="elsewhere:456:bb", claimed_at=now - timedelta(seconds=601)
    )
    report = recover_stale()
    assert (report.recovered, report.uncertain) == (2, 0)
    assert set(Delivery.objects.filter(claim="elsewhere:123:aa").values_list("state", flat=True)) == {"sending"}
    assert set(Delivery.objects.filter(pk__in=[r.pk for r in rows[2:]]).values_list("state", "claim")) == {
        (DeliveryState.QUEUED, "")
    }


@pytest.mark.django_db(transaction=True)
def test_only_real_send_attempts_count_toward_giving_up(mail_settings):
    """Two senders killed while a mail sat claimed but unsent: one temporary 451 later it is retried, not given
    up (EMAIL_MAX_ATTEMPTS 3 counted the two claims as attempts)."""
    mail_settings.EMAIL_MAX_ATTEMPTS = 3
    _queue_digest_for(120)
    with LocalSMTPServer() as server:
        _kill_mid_run(mail_settings, server, kill_at=10)
        claimed_first = set(Delivery.objects.filter(state=DeliveryState.SENDING).values_list("pk", flat=True))
        _kill_mid_run(mail_settings, server, kill_at=15)
        claimed_twice = claimed_first & set(
            Delivery.objects.filter(state=DeliveryState.SENDING).values_list("pk", flat=True)
        )
        assert claimed_twice, "the two runs did not both hold one unsent mail: the test shows nothing"
        never_sent = Delivery.objects.select_related("subscriber").get(pk=min(claimed_twice))
        assert never_sent.subscriber.email not in server.recipients()
        server.reject[never_sent.subscriber.email] = "451 4.3.0 try again later"
        report = send_pending(batch_size=50, rate=0)
    never_sent.refresh_from_db()
    assert (never_sent.state, never_sent.attempts) == (DeliveryState.FAILED, 1)
    assert never_sent.next_attempt_at is not None and "451" in never_sent.last_error  # to be tried again
    assert (report.failed, report.retrying) == (0, 1)
    sent = Delivery.objects.filter(state=DeliveryState.SENT)
    assert sent.count() == 119 and set(sent.values_list("attempts", flat=True)) == {1}
