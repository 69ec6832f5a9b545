"""Claim, run and settle one piece of work; the heart shared by Celery tasks and the in-process runner.

* what is queued, and how, is ``backlog``'s (``enqueue``); after a stage, ``planner`` queues what follows.
* ``claim`` takes an item for one worker: ``SELECT ... FOR UPDATE SKIP LOCKED`` where the database has it
  (PostgreSQL), an atomic conditional ``UPDATE`` elsewhere (SQLite). A claim is a lease, kept alive by a
  heartbeat while the stage runs; a worker that dies stops renewing it and another takes the work over.
* ``execute`` claims, runs the stage's service, and records success (what it was made from), or failure:
  retried with exponential backoff, then parked with its reason for a person after ``PIPELINE_MAX_ATTEMPTS``
  (at once for a ``StageGaveUp``: a failure that trying again cannot mend).
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
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from councilwatch.pipeline import planner
from councilwatch.pipeline.adapters import StageGaveUp
from councilwatch.pipeline.backlog import enqueue
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
    parked = isinstance(exc, StageGaveUp) or item.attempts >= settings.PIPELINE_MAX_ATTEMPTS
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
