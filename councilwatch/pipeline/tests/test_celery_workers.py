"""Real Celery workers on Redis and PostgreSQL: several Kent councils at once, and a worker killed mid-task.

The workers are separate processes running ``celery -A councilwatch.pipeline.celery worker`` against this
test's database (pytest-django's test database, committed to because the test is transactional), the Redis
database of REDIS_URL, and the same document storage folder.
"""

import os
import signal
import time
from contextlib import ExitStack

import pytest
import redis
from django.conf import settings
from django.db.models import F

from councilwatch.core.testing import database_url
from councilwatch.documents.models import Document
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline.local_workers import running_workers, wait_until_idle
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.planner import schedule_crawls
from councilwatch.pipeline.tests.kent import SINCE, UNTIL, kent_copy, kent_hashes, snapshot
from councilwatch.replay.testing import running_replay_server
from councilwatch.summaries.models import Summary

pytestmark = [pytest.mark.redis, pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

COPIES = ("KEN", "KE2", "KE3")


def _wait_for_slow_fetch(timeout: float) -> WorkItem:
    """The fetch of KEN's slowed printed minutes, once a worker has been on it for a second."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        slow = Document.objects.filter(council__code="KEN", source_url__contains="T=1").values_list("pk", flat=True)
        item = WorkItem.objects.filter(stage="fetch", state=WorkState.RUNNING, object_id__in=list(slow)).first()
        if item is not None:
            time.sleep(1)
            return item
        time.sleep(0.05)
    raise AssertionError(f"KEN's printed minutes were not being fetched within {timeout}s")


def _first_difference(one: object, other: object, path: str = "") -> str:
    """Where two snapshots first differ, for the failure message."""
    if isinstance(one, dict) and isinstance(other, dict):
        for key in sorted(set(one) | set(other), key=str):
            if one.get(key) != other.get(key):
                return _first_difference(one.get(key), other.get(key), f"{path}/{key}")
    if isinstance(one, list | tuple) and isinstance(other, list | tuple) and len(one) == len(other):
        for index, (a, b) in enumerate(zip(one, other, strict=True)):
            if a != b:
                return _first_difference(a, b, f"{path}[{index}]")
    one, other = str(one), str(other)
    at = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), min(len(one), len(other)))
    return f"{path} at {at}: {one[max(at - 300, 0) : at + 300]!r} != {other[max(at - 300, 0) : at + 300]!r}"


def test_workers_process_three_councils_once_and_take_over_from_a_killed_worker(tmp_path, document_storage):
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()  # our own Redis database: no stale tasks
    env = {
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "DOCUMENT_STORAGE_DIR": str(tmp_path / "documents"),
        "COUNCILWATCH_VAR_DIR": str(tmp_path),
        "HTTP_RATE_LIMIT": "0",
        "SEARCH_AUTO_INDEX": "0",  # the index stage indexes each meeting once
        "PIPELINE_LEASE_SECONDS": "2",
        "PIPELINE_RETRY_BASE_SECONDS": "1",
        "CELERY_VISIBILITY_TIMEOUT": "6",
    }
    slow_paper = "/documents/g*T=1*=slow:1:seconds=15"  # Kent's printed minutes, slow the first time only
    with ExitStack() as stack:
        servers = [stack.enter_context(running_replay_server(faults=[slow_paper]))]
        servers += [stack.enter_context(running_replay_server()) for _ in COPIES[1:]]
        councils = [kent_copy(code, server.base_url) for code, server in zip(COPIES, servers, strict=True)]
        workers = stack.enter_context(running_workers(3, env, tmp_path / "logs"))
        schedule_crawls(councils, since=SINCE, until=UNTIL)
        victim = _wait_for_slow_fetch(timeout=60)
        victim_pid = int(victim.claimed_by.rsplit(":", 1)[1])
        assert victim_pid in [w.pid for w in workers]
        os.kill(victim_pid, signal.SIGKILL)
        assert wait_until_idle(timeout=150), "the pipeline did not finish"
        assert len([w for w in workers if w.poll() is None]) == 2

    victim.refresh_from_db()
    assert victim.state == WorkState.DONE and victim.runs == 1
    assert victim.claimed_by.rsplit(":", 1)[1] != str(victim_pid)  # done by the other worker
    assert not WorkItem.objects.exclude(state=WorkState.DONE).exists(), list(
        WorkItem.objects.exclude(state=WorkState.DONE).values("stage", "object_id", "state", "last_error")
    )
    # alerts are matched once per PIPELINE_ALERT_MINUTES slot, so a run across a slot's end matches twice
    twice = list(WorkItem.objects.exclude(runs=1).exclude(stage="alerts").values("stage", "object_id", "runs"))
    assert not twice, twice  # nothing was done twice
    for stage in ("crawl", "fetch", "extract", "read", "summarise", "index"):
        assert WorkItem.objects.filter(stage=stage).exists(), stage

    snapshots = [snapshot(c) for c in councils]
    assert snapshots[0]
    for council, other in zip(councils[1:], snapshots[1:], strict=True):
        assert other == snapshots[0], (council.code, _first_difference(snapshots[0], other))
    assert Meeting.objects.count() == len(councils) * len(snapshots[0])
    hashes = set(Document.objects.values_list("sha256", flat=True))
    assert hashes <= kent_hashes() and "" not in hashes
    assert not Document.objects.exclude(extracted_sha256=F("sha256")).exists()
    for meeting in Meeting.objects.all():
        assert Summary.objects.filter(meeting=meeting).count() == 1
