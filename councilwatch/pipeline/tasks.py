"""Celery tasks: thin, taking primary keys, each calling one service function of the pipeline."""

from councilwatch.pipeline import backlog, planner, work
from councilwatch.pipeline.celery import app
from councilwatch.pipeline.dispatch import RUN_STAGE, dispatch


@app.task(name=RUN_STAGE, acks_late=True, reject_on_worker_lost=True)
def run_stage(stage: str, object_id: int) -> str:
    """Run one stage on one object; if another worker holds it, look again when its lease would lapse."""
    outcome = work.execute(stage, object_id)
    if outcome.result == "busy" and outcome.retry_in is not None:
        dispatch(stage, object_id, countdown=max(outcome.retry_in, 1.0))
    return outcome.result


@app.task(name="councilwatch.pipeline.sweep")
def sweep() -> int:
    return backlog.requeue_stale()


@app.task(name="councilwatch.pipeline.schedule_crawls")
def schedule_crawls() -> int:
    return len(planner.schedule_crawls())


@app.task(name="councilwatch.pipeline.schedule_digests")
def schedule_digests() -> int:
    return planner.schedule_digests()


@app.task(name="councilwatch.pipeline.schedule_alerts")
def schedule_alerts() -> bool:
    return planner.schedule_alerts()
