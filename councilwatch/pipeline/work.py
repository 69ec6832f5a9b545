"""Queue, claim, run and settle one piece of work; the heart shared by Celery tasks and the in-process runner.

* ``enqueue`` records that (stage, object) needs doing from what it is made of now, unless the last success
  was made from the same thing or it is already queued, and dispatches it after the transaction commits.
* ``claim`` takes an item for one worker: ``SELECT ... FOR UPDATE SKIP LOCKED`` where the database has it
  (PostgreSQL), an atomic conditional ``UPDATE`` elsewhere (SQLite). A claim is a lease, kept alive by a
  heartbeat while the stage runs; a worker that dies stops renewing it and another takes the work over.
* ``execute`` claims, runs the stage's service, and records success (what it was made from), or failure:
  retried with exponential backoff, then parked with its reason for a person after ``PIPELINE_MAX_ATTEMPTS``.
"""

import logging
import os
import socket
import threading
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from councilwatch.pipeline.dispatch import dispatch
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.stages import get_stage

log = logging.getLogger("councilwatch.pipeline")


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def backoff_seconds(attempts: int) -> float:
    """Seconds before retry number ``attempts``: base × 2^(attempts-1), capped."""
    base = settings.PIPELINE_RETRY_BASE_SECONDS
    return float(min(base * 2 ** max(attempts - 1, 0), settings.PIPELINE_RETRY_MAX_SECONDS))


def enqueue(
    stage_name: str,
    object_id: int,
    *,
    params: dict | None = None,
    fingerprint: str | None = None,
    force: bool = False,
) -> WorkItem | None:
    """Queue (stage, object) if its output is missing or stale; return the queued item, or None if not needed."""
    stage = get_stage(stage_name)
    fp = fingerprint if fingerprint is not None else stage.fingerprint(object_id)
    if force:
        fp = f"{fp or ''}|forced:{timezone.now().isoformat()}"
    if fp is None:
        return None
    item = WorkItem.objects.filter(stage=stage_name, object_id=object_id).first()
    if item is None:
        try:
            with transaction.atomic():
                item = WorkItem.objects.create(
                    stage=stage_name,
                    object_id=object_id,
                    council_id=stage.council_of(object_id),
                    input_fingerprint=fp,
                    params=params or {},
                    queued_at=timezone.now(),
                )
        except IntegrityError:  # queued by another worker at the same moment
            return None
        dispatch(stage_name, object_id)
        return item
    if item.state == WorkState.DONE and item.done_fingerprint == fp and not stage.checks_output:
        return None
    if item.input_fingerprint == fp and item.state != WorkState.DONE:
        return None  # already queued, running, waiting for its retry, or parked for a person
    if item.state == WorkState.RUNNING:
        return None  # the worker re-checks the fingerprint when it finishes
    changed = WorkItem.objects.filter(pk=item.pk, state=item.state, input_fingerprint=item.input_fingerprint).update(
        state=WorkState.PENDING,
        input_fingerprint=fp,
        params=params or {},
        attempts=0,
        not_before=None,
        last_error="",
        queued_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not changed:
        return None
    dispatch(stage_name, object_id)
    item.state, item.input_fingerprint, item.params, item.attempts = WorkState.PENDING, fp, params or {}, 0
    return item


def _claimable(now: object) -> Q:
    return (
        Q(state=WorkState.PENDING)
        | Q(state=WorkState.FAILED, not_before__lte=now)
        | Q(state=WorkState.RUNNING, lease_expires_at__lt=now)
    )


def claim(stage_name: str, object_id: int, worker: str) -> WorkItem | None:
    """Take (stage, object) for ``worker`` if nobody holds it; None when it is held, finished or not due yet."""
    now = timezone.now()
    lease = now + timedelta(seconds=settings.PIPELINE_LEASE_SECONDS)
    mine = WorkItem.objects.filter(_claimable(now), stage=stage_name, object_id=object_id)
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            item = mine.select_for_update(skip_locked=True).first()
            if item is None:
                return None
            item.state = WorkState.RUNNING
            item.claimed_by = worker
            item.lease_expires_at = lease
            item.attempts += 1
            item.started_at = now
            item.save(update_fields=["state", "claimed_by", "lease_expires_at", "attempts", "started_at", "updated_at"])
            return item
    taken = mine.update(
        state=WorkState.RUNNING,
        claimed_by=worker,
        lease_expires_at=lease,
        attempts=F("attempts") + 1,
        started_at=now,
        updated_at=now,
    )
    return WorkItem.objects.get(stage=stage_name, object_id=object_id) if taken else None


@contextmanager
def heartbeat(item_id: int, worker: str) -> Iterator[None]:
    """Renew the item's lease every third of the lease time while the block runs."""
    stop = threading.Event()
    every = max(settings.PIPELINE_LEASE_SECONDS / 3, 0.2)

    def beat() -> None:
        try:
            while not stop.wait(every):
                try:
                    WorkItem.objects.filter(pk=item_id, claimed_by=worker, state=WorkState.RUNNING).update(
                        lease_expires_at=timezone.now() + timedelta(seconds=settings.PIPELINE_LEASE_SECONDS)
                    )
                except Exception as exc:  # a busy database: the next beat tries again
                    log.warning("lease renewal failed: %s", exc, extra={"item": item_id})
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"lease-{item_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@dataclass(frozen=True)
class Outcome:
    stage: str
    object_id: int
    result: str  # done | failed | parked | busy | not_due | missing
    seconds: float = 0.0
    retry_in: float | None = None


def execute(stage_name: str, object_id: int, *, worker: str | None = None) -> Outcome:
    """Claim (stage, object) and run it: the one entry point of both Celery tasks and the in-process runner."""
    stage = get_stage(stage_name)
    worker = worker or worker_name()
    claimed = claim(stage_name, object_id, worker)
    if claimed is None:
        return _not_claimed(stage_name, object_id)
    fields = {"stage": stage_name, "object_id": object_id, "worker": worker, "attempt": claimed.attempts}
    log.info("start %s %s", stage_name, object_id, extra={**fields, "event": "start"})
    started = time.perf_counter()
    try:
        with heartbeat(claimed.pk, worker):
            stage.run(object_id, claimed.params)
    except Exception as exc:
        return _failed(claimed, worker, exc, time.perf_counter() - started)
    seconds = time.perf_counter() - started
    now = timezone.now()
    kept = WorkItem.objects.filter(pk=claimed.pk, claimed_by=worker, state=WorkState.RUNNING).update(
        state=WorkState.DONE,
        done_fingerprint=claimed.input_fingerprint,
        last_error="",
        attempts=0,
        lease_expires_at=None,
        finished_at=now,
        seconds=seconds,
        runs=F("runs") + 1,
        updated_at=now,
    )
    if not kept:
        log.warning("lease lost before %s %s finished", stage_name, object_id, extra={**fields, "event": "lease_lost"})
    log.info("done %s %s", stage_name, object_id, extra={**fields, "event": "done", "seconds": round(seconds, 3)})
    if not stage.scheduled:
        now_from = stage.fingerprint(object_id)
        if now_from is not None and now_from != claimed.input_fingerprint:
            enqueue(stage_name, object_id)  # upstream changed while it ran: do it again from the new input
    from councilwatch.pipeline import planner

    planner.after_success(stage_name, object_id, claimed.params)
    return Outcome(stage_name, object_id, "done", seconds)


def _not_claimed(stage_name: str, object_id: int) -> Outcome:
    item = WorkItem.objects.filter(stage=stage_name, object_id=object_id).first()
    if item is None:
        return Outcome(stage_name, object_id, "missing")
    now = timezone.now()
    if item.state == WorkState.RUNNING and item.lease_expires_at:
        return Outcome(stage_name, object_id, "busy", retry_in=(item.lease_expires_at - now).total_seconds() + 1)
    if item.state == WorkState.FAILED and item.not_before:
        return Outcome(stage_name, object_id, "not_due", retry_in=(item.not_before - now).total_seconds())
    return Outcome(stage_name, object_id, item.state)


def _failed(item: WorkItem, worker: str, exc: Exception, seconds: float) -> Outcome:
    reason = f"{type(exc).__name__}: {exc}"
    detail = "".join(traceback.format_exception(exc))[-4000:]
    parked = item.attempts >= settings.PIPELINE_MAX_ATTEMPTS
    retry_in = None if parked else backoff_seconds(item.attempts)
    now = timezone.now()
    WorkItem.objects.filter(pk=item.pk, claimed_by=worker, state=WorkState.RUNNING).update(
        state=WorkState.PARKED if parked else WorkState.FAILED,
        last_error=f"{reason}\n\n{detail}",
        not_before=None if parked else now + timedelta(seconds=retry_in or 0),
        lease_expires_at=None,
        finished_at=now,
        seconds=seconds,
        updated_at=now,
    )
    fields = {"stage": item.stage, "object_id": item.object_id, "worker": worker, "attempt": item.attempts}
    if parked:
        log.error("parked %s %s: %s", item.stage, item.object_id, reason, extra={**fields, "event": "parked"})
        from councilwatch.pipeline import planner

        planner.after_parked(item.stage, item.object_id)
        return Outcome(item.stage, item.object_id, "parked", seconds)
    log.warning(
        "failed %s %s: %s",
        item.stage,
        item.object_id,
        reason,
        extra={**fields, "event": "failed", "retry_in": retry_in},
    )
    dispatch(item.stage, item.object_id, countdown=retry_in)
    return Outcome(item.stage, item.object_id, "failed", seconds, retry_in)


def unpark(item_ids: list[int]) -> int:
    """Put parked items back in the queue (after a person fixed the cause); returns how many."""
    count = 0
    for item in WorkItem.objects.filter(pk__in=item_ids, state=WorkState.PARKED):
        count += WorkItem.objects.filter(pk=item.pk, state=WorkState.PARKED).update(
            state=WorkState.PENDING, attempts=0, not_before=None, queued_at=timezone.now(), updated_at=timezone.now()
        )
        dispatch(item.stage, item.object_id)
    return count


def requeue_stale(*, older_than: float | None = None) -> int:
    """Dispatch again work whose message may be lost: pending for long, due retries, leases that expired."""
    now = timezone.now()
    older = now - timedelta(seconds=older_than if older_than is not None else settings.PIPELINE_REQUEUE_SECONDS)
    stale = WorkItem.objects.filter(
        Q(state=WorkState.PENDING, queued_at__lt=older)
        | Q(state=WorkState.FAILED, not_before__lt=older)
        | Q(state=WorkState.RUNNING, lease_expires_at__lt=now)
    ).values_list("pk", "stage", "object_id")
    count = 0
    for pk, stage_name, object_id in stale.iterator():
        WorkItem.objects.filter(pk=pk).update(queued_at=now)
        dispatch(stage_name, object_id)
        count += 1
    return count
