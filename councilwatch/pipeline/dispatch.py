"""Sending work to Celery after the transaction commits, or leaving it for the in-process runner.

With a broker configured (``CELERY_BROKER_URL``), a queued work item becomes a Celery task on its stage's queue,
sent by ``transaction.on_commit`` so a worker never sees an id before its row exists. Without one (the
embedded default), or inside ``councilwatch run``, nothing is sent: the runner reads the work table itself.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import transaction

from councilwatch.pipeline.celery import app
from councilwatch.pipeline.stages import get_stage

RUN_STAGE = "councilwatch.pipeline.run_stage"  # the name of tasks.run_stage
_in_process = False


def celery_enabled() -> bool:
    return bool(settings.CELERY_BROKER_URL) and not _in_process


@contextmanager
def in_process() -> Iterator[None]:
    """Within this block queued work is left in the work table for the in-process runner, not sent to Celery."""
    global _in_process
    previous, _in_process = _in_process, True
    try:
        yield
    finally:
        _in_process = previous


def dispatch(stage_name: str, object_id: int, *, countdown: float | None = None) -> None:
    """Send (stage, object id) to its queue once the current transaction commits."""
    if not celery_enabled():
        return
    queue = get_stage(stage_name).queue

    def send() -> None:  # by the task's name: the tasks module imports the work, which dispatches
        app.send_task(RUN_STAGE, (stage_name, object_id), queue=queue, countdown=countdown)

    transaction.on_commit(send)
