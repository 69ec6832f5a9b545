"""The work table: queueing only what is stale, one claim at a time, retries with backoff, parking."""

from datetime import timedelta

import pytest
from django.utils import timezone

from councilwatch.pipeline.backlog import enqueue, requeue_stale, unpark
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.work import backoff_seconds, claim, execute

pytestmark = pytest.mark.django_db


def test_enqueue_queues_once_and_again_only_when_the_input_changes(probe):
    first = enqueue("probe", 7)
    assert first is not None and first.state == WorkState.PENDING and first.input_fingerprint == "v1"
    assert enqueue("probe", 7) is None  # already queued
    assert execute("probe", 7).result == "done"
    assert enqueue("probe", 7) is None  # done from the same input
    probe.fingerprint_value = "v2"
    again = enqueue("probe", 7)
    assert again is not None and again.state == WorkState.PENDING and again.input_fingerprint == "v2"
    assert execute("probe", 7).result == "done"
    assert probe.calls == [7, 7]
    item = WorkItem.objects.get(stage="probe", object_id=7)
    assert (item.done_fingerprint, item.runs, item.attempts) == ("v2", 2, 0)


def test_nothing_to_do_queues_nothing(probe):
    probe.fingerprint_value = None
    assert enqueue("probe", 1) is None
    assert not WorkItem.objects.exists()


def test_a_claim_is_exclusive_until_its_lease_lapses(probe, settings):
    item = enqueue("probe", 3)
    assert claim("probe", 3, "host:1") is not None
    assert claim("probe", 3, "host:2") is None
    assert execute("probe", 3, worker="host:2").result == "busy"
    WorkItem.objects.filter(pk=item.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    outcome = execute("probe", 3, worker="host:2")  # the first worker died: its lease lapsed
    assert outcome.result == "done"
    assert probe.calls == [3]
    item.refresh_from_db()
    assert item.state == WorkState.DONE and item.claimed_by == "host:2"


def test_failures_back_off_then_park_with_the_reason(probe, settings):
    settings.PIPELINE_MAX_ATTEMPTS = 3
    settings.PIPELINE_RETRY_BASE_SECONDS = 10
    probe.fail_times = 5
    enqueue("probe", 4)
    first = execute("probe", 4)
    assert first.result == "failed" and first.retry_in == 10
    assert execute("probe", 4).result == "not_due"  # waiting for its retry
    for expected_retry in (20, None):
        WorkItem.objects.filter(stage="probe").update(not_before=timezone.now() - timedelta(seconds=1))
        outcome = execute("probe", 4)
        assert outcome.retry_in == expected_retry
    item = WorkItem.objects.get(stage="probe", object_id=4)
    assert item.state == WorkState.PARKED and item.attempts == 3
    assert item.last_error.startswith("RuntimeError: probe failure number 3")
    assert enqueue("probe", 4) is None  # parked work waits for a person, not for the next plan
    assert unpark([item.pk]) == 1
    probe.fail_times = 0
    assert execute("probe", 4).result == "done"
    assert len(probe.calls) == 4


def test_backoff_doubles_and_is_capped(settings):
    settings.PIPELINE_RETRY_BASE_SECONDS = 30
    settings.PIPELINE_RETRY_MAX_SECONDS = 100
    assert [backoff_seconds(n) for n in (1, 2, 3, 4)] == [30, 60, 100, 100]


def test_the_sweeper_finds_lapsed_leases_and_forgotten_work(probe):
    enqueue("probe", 1)
    enqueue("probe", 2)
    held = enqueue("probe", 3)
    claim("probe", 3, "dead:1")
    assert requeue_stale(older_than=3600) == 0
    WorkItem.objects.filter(pk=held.pk).update(lease_expires_at=timezone.now() - timedelta(seconds=1))
    WorkItem.objects.filter(object_id=1).update(queued_at=timezone.now() - timedelta(hours=2))
    assert requeue_stale(older_than=3600) == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_another_worker_has_locked_is_skipped_not_waited_for(probe):
    import threading

    from django.db import connection, transaction

    enqueue("probe", 9)
    locked, release = threading.Event(), threading.Event()

    def other_worker() -> None:
        try:
            with transaction.atomic():
                WorkItem.objects.select_for_update().get(stage="probe", object_id=9)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=other_worker)
    thread.start()
    assert locked.wait(10)
    try:
        assert claim("probe", 9, "host:2") is None  # SKIP LOCKED: passed over at once
    finally:
        release.set()
        thread.join()
    assert claim("probe", 9, "host:2") is not None


def test_the_schedule_crawls_and_records_why_an_unreachable_council_failed(settings):
    from councilwatch.pipeline.runner import run_forever
    from councilwatch.pipeline.status import pipeline_status
    from councilwatch.pipeline.tests.conftest import make_council

    settings.CELERY_BROKER_URL = ""
    settings.PIPELINE_CRAWL_TIME = "00:00"
    settings.HTTP_MAX_RETRIES = 0
    settings.HTTP_TIMEOUT = 2
    council = make_council("KEN", "http://127.0.0.1:9/")  # nothing listens on the discard port
    run_forever([council], rounds=1)
    item = WorkItem.objects.get(stage="crawl", object_id=council.pk)
    assert item.state == WorkState.FAILED and item.attempts == 1 and item.not_before > timezone.now()
    assert "StageError: crawl of KEN failed" in item.last_error and "127.0.0.1:9" in item.last_error
    row = pipeline_status(["KEN"]).councils[0]
    assert (row.failed, row.last_crawl_state) == (1, "failed")
