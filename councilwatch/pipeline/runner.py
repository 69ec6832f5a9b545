"""The in-process runner behind ``councilwatch run``: the same stages as the Celery workers, in one process.

It reads due work straight from the work table, in stage order, and executes it with ``work.execute``;
nothing is sent to a broker. ``run_due`` drains what is due; ``run_forever`` adds the schedule (each enabled
council crawled daily at ``PIPELINE_CRAWL_TIME``, digests weekly, alerts) and sleeps ``PIPELINE_POLL_SECONDS`` between
rounds.
"""

import logging
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone

from councilwatch.councils.models import Council
from councilwatch.pipeline import planner
from councilwatch.pipeline.dispatch import in_process
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.stages import ORDER
from councilwatch.pipeline.work import Outcome, execute, worker_name

log = logging.getLogger("councilwatch.pipeline")


@dataclass
class RunReport:
    outcomes: Counter = field(default_factory=Counter)
    per_stage: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.outcomes[outcome.result] += 1
        if outcome.result == "done":
            self.per_stage[outcome.stage] += 1
            self.seconds[outcome.stage] += outcome.seconds

    def line(self) -> str:
        stages = ", ".join(f"{name} {self.per_stage[name]}" for name in ORDER if self.per_stage[name])
        failed = self.outcomes["failed"] + self.outcomes["parked"]
        return f"pipeline: {stages or 'nothing to do'}; {failed} failed ({self.outcomes['parked']} parked)"


BATCH = 20  # due items read from the work table at a time (one query per item was a tenth of a run)


def _due(council_ids: list[int] | None, limit: int = BATCH) -> list[tuple[str, int]]:
    now = timezone.now()
    due = WorkItem.objects.filter(
        Q(state=WorkState.PENDING)
        | Q(state=WorkState.FAILED, not_before__lte=now)
        | Q(state=WorkState.RUNNING, lease_expires_at__lt=now)
    )
    if council_ids is not None:
        due = due.filter(Q(council_id__in=council_ids) | Q(council__isnull=True))  # and work for all councils
    order = Case(*(When(stage=name, then=rank) for rank, name in enumerate(ORDER)), output_field=IntegerField())
    return list(due.annotate(rank=order).order_by("rank", "pk").values_list("stage", "object_id")[:limit])


def run_due(councils: list[Council] | None = None, *, progress: Callable[[Outcome], None] | None = None) -> RunReport:
    """Execute due work (of these councils, or all) until none is left; failed work waits for its retry.

    Due work is read a batch at a time in stage order; work queued meanwhile is read with the next batch."""
    report = RunReport()
    worker = worker_name()
    council_ids = [c.pk for c in councils] if councils is not None else None
    with in_process():
        while batch := _due(council_ids):
            waits = []
            for stage, object_id in batch:
                outcome = execute(stage, object_id, worker=worker)
                if outcome.result in ("busy", "not_due"):  # another runner holds it
                    waits.append(outcome.retry_in or 1.0)
                report.add(outcome)
                if progress:
                    progress(outcome)
            if len(waits) == len(batch):  # nothing here could be done: let the other runner finish
                time.sleep(min(max(min(waits), 0.1), 5.0))
    return report


def run_once(
    councils: list[Council] | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
    base_url: str | None = None,
    force: bool = False,
    progress: Callable[[Outcome], None] | None = None,
) -> RunReport:
    """Crawl the councils (every enabled one by default) and run every stage that follows, in this process.

    Councils named explicitly also have their stale work planned at once (a recording stored by
    ``import_webcast``, papers added by ``import_files``), whether or not their crawl succeeds."""
    with in_process():
        planner.schedule_crawls(councils, since=since, until=until, base_url=base_url, force=force)
        for council in councils or []:
            planner.plan_council(council.pk)
    return run_due(councils, progress=progress)


def _passed_today(clock: str, now: datetime) -> bool:
    hour, minute = (int(part) for part in clock.split(":"))
    return (now.hour, now.minute) >= (hour, minute)


def run_forever(councils: list[Council] | None = None, *, rounds: int | None = None) -> None:
    """Run the schedule and the stages in this process until interrupted (or for ``rounds`` rounds)."""
    done = 0
    while rounds is None or done < rounds:
        now = timezone.localtime()
        with in_process():
            if _passed_today(settings.PIPELINE_CRAWL_TIME, now):
                planner.schedule_crawls(councils)
            planner.schedule_digests()  # queued once the week's digest is due, built once per council
            planner.schedule_alerts()
        report = run_due(councils)
        if sum(report.outcomes.values()):
            log.info(report.line(), extra={"event": "round", **dict(report.per_stage)})
        done += 1
        if rounds is None or done < rounds:
            time.sleep(settings.PIPELINE_POLL_SECONDS)
