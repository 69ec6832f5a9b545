"""Weekly digest to 100,000 subscribers into a local SMTP sink, against a bare smtplib loop in the same run.

Ours: build the digest, queue one delivery per subscriber, then send_pending (the exactly-once ledger: claim
batches, fill each recipient's address and own signed links into the digest's mail flattened once, mark it sent
in its own commit before the end of DATA, one SMTP connection per batch, through Django's SMTP backend). Baseline: smtplib sending already
prepared messages (1,000 real composed digests, cycled) to the same recipients over one connection per batch.
The sink is aiosmtpd in its own process that counts and discards. BENCH_DIGEST_SUBSCRIBERS changes the size.
"""

import multiprocessing
import os
import smtplib
import sys
import time
from pathlib import Path

from _django import setup_django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
N = int(os.environ.get("BENCH_DIGEST_SUBSCRIBERS", "100000"))
PREPARED = 1000


def _sink(port_queue: "multiprocessing.Queue[int]", count: "multiprocessing.sharedctypes.Synchronized", stop) -> None:
    from councilwatch.subscriptions.testing import LocalSMTPServer

    def counted(number: int) -> None:
        with count.get_lock():
            count.value += 1

    with LocalSMTPServer(keep=False, on_message=counted) as server:
        port_queue.put(server.port)
        stop.wait()


def _subscribers(council) -> float:
    from django.db import transaction
    from django.utils import timezone

    from councilwatch.subscriptions.models import Subscriber, Subscription

    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():  # one commit for the lot
        for start in range(0, N, 10000):
            Subscriber.objects.bulk_create(
                [
                    Subscriber(email=f"r{i:06d}@example.org", confirmed_at=now)
                    for i in range(start, min(N, start + 10000))
                ],
                batch_size=2000,
            )
        ids = list(Subscriber.objects.values_list("id", flat=True))
        for start in range(0, len(ids), 10000):
            Subscription.objects.bulk_create(
                [
                    Subscription(subscriber_id=sid, council=council, confirmed_at=now)
                    for sid in ids[start : start + 10000]
                ],
                batch_size=2000,
            )
    return time.perf_counter() - started


def main() -> None:
    setup_django()
    from django.conf import settings
    from django.db import connections

    from councilwatch.subscriptions.delivery import compose, send_pending
    from councilwatch.subscriptions.digests import build_digests, queue_digest
    from councilwatch.subscriptions.models import Delivery
    from councilwatch.subscriptions.tests.factories import kent_cabinet, make_council

    council = make_council()
    kent_cabinet(council)
    create_s = _subscribers(council)
    print(f"subscribers created:     {N} in {create_s:.1f}s ({N / create_s:,.0f}/s, bulk_create)")

    connections.close_all()
    context = multiprocessing.get_context("fork")
    port_queue, count, stop = context.Queue(), context.Value("l", 0), context.Event()
    sink = context.Process(target=_sink, args=(port_queue, count, stop), daemon=True)
    sink.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port_queue.get(timeout=30)
    try:
        started = time.perf_counter()
        [digest] = build_digests("2025-W05", "KEN").digests
        queued = queue_digest(digest)
        build_s = time.perf_counter() - started
        print(f"digest built and queued: {queued} deliveries in {build_s:.1f}s")

        rows = list(Delivery.objects.select_related("subscriber", "digest__council").order_by("id")[:PREPARED])
        prepared = [m.message().as_bytes(linesep="\r\n") for m in map(compose, rows)]
        recipients = list(Delivery.objects.order_by("id").values_list("subscriber__email", flat=True))
        sender = settings.DEFAULT_FROM_EMAIL.split("<")[-1].rstrip(">")

        started = time.perf_counter()
        report = send_pending(rate=0)
        ours_s = time.perf_counter() - started
        received_ours = count.value
        assert report.sent == N and received_ours == N, (report, received_ours)

        batch = settings.EMAIL_BATCH_SIZE
        started = time.perf_counter()
        for start in range(0, N, batch):
            with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT) as smtp:
                for i in range(start, min(N, start + batch)):
                    smtp.sendmail(sender, [recipients[i]], prepared[i % PREPARED])
        bare_s = time.perf_counter() - started
        assert count.value == 2 * N, count.value
    finally:
        stop.set()
        sink.join(10)

    ours, bare = N / ours_s, N / bare_s
    print(f"mail size:               {len(prepared[0]):,} bytes (HTML and plain text)")
    print(f"baseline bare smtplib:   {N} mails in {bare_s:.1f}s = {bare:,.0f} mails/s (batches of {batch})")
    print(
        f"councilwatch send:       {N} mails in {ours_s:.1f}s = {ours:,.0f} mails/s  ratio {ours / bare:.2f}x baseline"
    )
    print("  (each of ours: two signed links filled in, one commit before end of DATA; rate limit off)")


if __name__ == "__main__":
    main()
