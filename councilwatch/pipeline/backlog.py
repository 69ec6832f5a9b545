"""The work table's backlog: what is queued, and sending it to the workers.

* ``enqueue`` records that (stage, object) needs doing from what it is made of now, unless the last success
  was made from the same thing or it is already queued, and dispatches it after the transaction commits;
* ``unpark`` puts parked work back after a person fixed its cause;
* ``requeue_stale`` dispatches again work whose message may have been lost.

The planner queues through here, and ``work`` (which runs what is queued) calls the planner: the dependencies
run one way, planner → backlog and work → planner, backlog.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from councilwatch.pipeline.dispatch import dispatch
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.stages import get_stage


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
    item = WorkItem.objects.filter(stage=stage_name, object_id=object_id).order_by().first()  # one at most
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
