"""One crawl of a council at a time, and a crawl killed with kill -9 never stays "running"."""

import json
import multiprocessing
import os
import signal
import threading
import time
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from councilwatch.councils.models import Council
from councilwatch.ingest.models import IngestRun
from councilwatch.ingest.services import CrawlError, crawl_council

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_http", "document_storage")]
JAN = {"since": date(2025, 1, 1), "until": date(2025, 1, 31), "fetch_documents": False}
SLOW_CABINET = "/mgWebService.asmx/GetMeeting?lMeetingId=9475=slow:seconds={seconds}"


def _in_thread(fn) -> tuple[threading.Thread, dict]:
    result: dict = {}

    def run() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:
            result["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _running(council: Council, timeout: float = 30) -> IngestRun:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = IngestRun.objects.filter(council=council, status="running").first()
        if run is not None:
            return run
        time.sleep(0.02)
    raise AssertionError("the first crawl never started")


def test_a_second_crawl_of_a_council_says_the_first_is_running(kent, replay_server):
    replay_server.set_faults([SLOW_CABINET.format(seconds=2)])
    first, result = _in_thread(lambda: crawl_council(kent, base_url=replay_server.base_url, **JAN))
    running = _running(kent)
    with pytest.raises(CrawlError) as second:
        crawl_council(kent, base_url=replay_server.base_url, **JAN)
    first.join(60)
    assert f"a crawl of KEN is already running (run {running.pk}, started" in str(second.value)
    assert "error" not in result, result.get("error")  # no IntegrityError: the two never wrote at once
    assert result["value"].status == "succeeded" and IngestRun.objects.count() == 1


def test_a_second_crawl_told_to_wait_runs_after_the_first(kent, replay_server):
    replay_server.set_faults([SLOW_CABINET.format(seconds=2)])
    first, result = _in_thread(lambda: crawl_council(kent, base_url=replay_server.base_url, **JAN))
    _running(kent)
    second = crawl_council(kent, base_url=replay_server.base_url, wait=60, **JAN)
    first.join(60)
    earlier = result["value"]
    assert (earlier.status, second.status) == ("succeeded", "succeeded")
    assert second.started_at >= earlier.finished_at
    assert earlier.count("meeting", "inserted") == 2 and second.total("inserted") == 0


def _crawl_in_child(council_id: int, base_url: str) -> None:
    crawl_council(Council.objects.get(pk=council_id), base_url=base_url, **JAN)


def test_a_crawl_killed_with_kill_9_is_abandoned_and_the_next_one_runs(kent, replay_server, capsys):
    replay_server.set_faults([SLOW_CABINET.format(seconds=5)])
    connections.close_all()  # the child opens its own database connection
    child = multiprocessing.get_context("fork").Process(target=_crawl_in_child, args=(kent.pk, replay_server.base_url))
    child.start()
    running = _running(kent)
    os.kill(child.pid, signal.SIGKILL)
    child.join(30)

    call_command("status", "--json", "--council", "KEN")
    [row] = json.loads(capsys.readouterr().out)["councils"]
    assert row["last_crawl_state"] == "abandoned"
    killed = IngestRun.objects.get(pk=running.pk)
    assert killed.status == "abandoned" and killed.finished_at is not None
    assert killed.error == f"abandoned: its process {killed.claimed_by} is gone"
    assert killed.claimed_by.endswith(f":{child.pid}")
    replay_server.clear_faults()
    again = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert again.status == "succeeded" and again.count("meeting", "inserted") + again.count("meeting", "unchanged") == 2


def test_a_run_of_another_host_is_abandoned_only_after_its_lease(kent, replay_server, settings):
    settings.INGEST_LEASE_SECONDS = 300
    fresh = IngestRun.objects.create(
        council=kent, since=date(2025, 1, 1), until=date(2025, 1, 31), base_url=replay_server.base_url,
        claimed_by="elsewhere.example:4242", heartbeat_at=timezone.now() - timedelta(seconds=60),
    )  # fmt: skip
    with pytest.raises(CrawlError, match=f"already running \\(run {fresh.pk}, .* by elsewhere.example:4242\\)"):
        crawl_council(kent, base_url=replay_server.base_url, **JAN)
    IngestRun.objects.filter(pk=fresh.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=301))
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    assert run.status == "succeeded"
    stale = IngestRun.objects.get(pk=fresh.pk)
    assert stale.status == "abandoned" and stale.error.startswith("abandoned: no heartbeat for 30")
    assert stale.error.endswith(" s (lease 300 s)")


def test_the_heartbeat_keeps_a_long_crawl_its_claim(kent, replay_server, settings):
    settings.INGEST_LEASE_SECONDS = 1  # beats every third of a second
    replay_server.set_faults([SLOW_CABINET.format(seconds=3)])
    first, result = _in_thread(lambda: crawl_council(kent, base_url=replay_server.base_url, **JAN))
    running = _running(kent)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # until the crawl has outlived its lease on its first heartbeat
        beat = IngestRun.objects.get(pk=running.pk).heartbeat_at
        if beat - running.started_at > timedelta(seconds=1.2):
            break
        time.sleep(0.05)
    with pytest.raises(CrawlError, match="already running"):
        crawl_council(kent, base_url=replay_server.base_url, **JAN)
    first.join(60)
    assert result["value"].status == "succeeded"


def test_status_shows_a_manual_crawl(kent, replay_server, capsys):
    run = crawl_council(kent, base_url=replay_server.base_url, **JAN)
    call_command("status", "--json", "--council", "KEN")
    [row] = json.loads(capsys.readouterr().out)["councils"]
    assert (row["last_crawl"], row["last_crawl_state"]) == (run.finished_at.isoformat(), "succeeded")
    call_command("status")
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("KEN"))
    assert f"{run.finished_at:%Y-%m-%d %H:%M} succeeded" in line
