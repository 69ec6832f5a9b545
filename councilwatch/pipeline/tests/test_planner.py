"""What is stale: fingerprints of documents and meetings, and what a plan queues."""

import json
import logging

import pytest
from django.core.management import call_command

from councilwatch.ingest.reading import read_meeting_papers
from councilwatch.pipeline import fingerprints
from councilwatch.pipeline.logs import JsonFormatter
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.planner import plan_council, plan_meeting, schedule_crawls
from councilwatch.pipeline.tests.conftest import make_council, make_document, make_meeting
from councilwatch.pipeline.work import execute

pytestmark = pytest.mark.django_db

SHA_A = "a" * 64
SHA_B = "b" * 64


def test_extract_is_needed_only_when_the_bytes_differ_from_what_was_extracted():
    meeting = make_meeting(make_council())
    unfetched = make_document(meeting, "1")
    fresh = make_document(meeting, "2", sha256=SHA_A)
    current = make_document(meeting, "3", sha256=SHA_A, extracted=SHA_A)
    changed = make_document(meeting, "4", sha256=SHA_B, extracted=SHA_A)
    assert fingerprints.extract(unfetched.pk) is None
    assert fingerprints.extract(fresh.pk) == SHA_A
    assert fingerprints.extract(current.pk) is None
    assert fingerprints.extract(changed.pk) == SHA_B
    assert fingerprints.fetch(unfetched.pk) == unfetched.source_url
    assert fingerprints.fetch(current.pk) is None


def test_a_meeting_waits_for_its_documents_and_changes_with_them():
    meeting = make_meeting(make_council())
    first = make_document(meeting, "1", sha256=SHA_A, extracted=SHA_A)
    second = make_document(meeting, "2")
    assert fingerprints.read(meeting.pk) is None  # the second paper is not fetched yet
    assert fingerprints.summarise(meeting.pk) is None
    WorkItem.objects.create(stage="fetch", object_id=second.pk, state=WorkState.PARKED)
    assert fingerprints.read(meeting.pk) is not None  # given up on: the papers are read without it
    assert fingerprints.summarise(meeting.pk) is None  # the summary waits for the reading
    read_meeting_papers(meeting.pk)
    assert fingerprints.read(meeting.pk) is None
    before = fingerprints.summarise(meeting.pk)
    assert before is not None
    first.sha256 = SHA_B
    first.save()
    assert fingerprints.summarise(meeting.pk) is None  # new bytes, not extracted yet
    first.extracted_sha256 = SHA_B
    first.save()
    assert fingerprints.read(meeting.pk) is not None  # its papers changed: read again first
    assert fingerprints.summarise(meeting.pk) is None
    read_meeting_papers(meeting.pk)
    after = fingerprints.summarise(meeting.pk)
    assert after is not None and after != before


def test_reading_is_its_own_stage_and_summarising_does_not_change_what_it_was_made_from():
    meeting = make_meeting(make_council())
    make_document(meeting, "1", sha256=SHA_A, extracted=SHA_A)
    assert plan_meeting(meeting.pk) == 1
    assert list(WorkItem.objects.values_list("stage", flat=True)) == ["read"]
    assert execute("read", meeting.pk).result == "done"
    assert set(WorkItem.objects.values_list("stage", flat=True)) == {"read", "summarise"}  # queued after it
    before = fingerprints.summarise(meeting.pk)
    assert execute("summarise", meeting.pk).result == "done"
    assert fingerprints.summarise(meeting.pk) == before  # so it is not queued again
    assert WorkItem.objects.get(stage="summarise").runs == 1
    assert plan_meeting(meeting.pk) == 0


def test_plan_council_queues_what_is_missing_once():
    council = make_council()
    meeting = make_meeting(council)
    make_document(meeting, "1")
    make_document(meeting, "2", sha256=SHA_A)
    make_document(meeting, "3", sha256=SHA_A, extracted=SHA_A)
    plan_council(council.pk)
    queued = sorted(WorkItem.objects.values_list("stage", flat=True))
    assert queued == ["extract", "fetch"]  # summary waits: two papers are not settled
    assert plan_council(council.pk) == 0


def test_a_crawl_is_queued_once_a_day_unless_forced_or_windowed():
    council = make_council()
    assert len(schedule_crawls([council])) == 1
    assert schedule_crawls([council]) == []
    WorkItem.objects.update(state=WorkState.DONE, done_fingerprint=WorkItem.objects.get().input_fingerprint)
    assert schedule_crawls([council]) == []
    assert len(schedule_crawls([council], force=True)) == 1


def test_status_command_and_json(capsys):
    council = make_council()
    meeting = make_meeting(council)
    doc = make_document(meeting, "1")
    WorkItem.objects.create(
        stage="fetch", object_id=doc.pk, council=council, state=WorkState.PARKED, last_error="HTTP 500"
    )
    call_command("status")
    out = capsys.readouterr().out
    assert "KEN" in out and "parked work needs a person" in out
    call_command("status", "--json", "--council", "KEN")
    data = json.loads(capsys.readouterr().out)
    row = data["councils"][0]
    assert (row["code"], row["documents"], row["documents_pending"], row["parked"]) == ("KEN", 1, 1, 1)
    assert row["work"] == {"fetch": {"parked": 1}}


def test_admin_status_page(admin_client):
    make_council()
    response = admin_client.get("/admin/pipeline/workitem/status/")
    assert response.status_code == 200
    assert b"KEN" in response.content
    assert admin_client.get("/admin/pipeline/workitem/").status_code == 200


def test_json_log_lines_carry_the_extra_fields():
    record = logging.LogRecord("councilwatch.pipeline", logging.INFO, __file__, 1, "done %s", ("x",), None)
    record.stage = "extract"
    record.seconds = 1.5
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "done x" and line["stage"] == "extract" and line["seconds"] == 1.5


def test_alerts_run_once_per_slot_and_digests_wait_until_due(settings):
    from councilwatch.pipeline.planner import schedule_alerts, schedule_digests
    from councilwatch.pipeline.work import execute

    settings.PIPELINE_ALERT_MINUTES = 60
    make_council()
    assert schedule_alerts() is True
    assert schedule_alerts() is False  # already queued for this slot
    assert execute("alerts", 0).result == "done"  # no alerts configured: nothing to send, done
    assert schedule_alerts() is False  # done for this slot
    settings.DIGEST_WEEKDAY = 6
    settings.DIGEST_TIME = "23:59"
    queued = schedule_digests()
    from councilwatch.subscriptions.weeks import due_week

    assert queued == (1 if due_week() else 0)


def test_beat_schedule_names_every_periodic_task(settings):
    from councilwatch.pipeline import tasks
    from councilwatch.pipeline.celery import app, beat_schedule

    settings.PIPELINE_CRAWL_TIME = "03:30"
    schedule = beat_schedule()
    assert tasks.sweep.name in app.tasks
    assert {entry["task"] for entry in schedule.values()} <= set(app.tasks)
    assert schedule["crawl-daily"]["schedule"].hour == {3} and schedule["crawl-daily"]["schedule"].minute == {30}
    settings.PIPELINE_CRAWL_TIME = "half past three"
    with pytest.raises(ValueError, match="PIPELINE_CRAWL_TIME must be HH:MM"):
        beat_schedule()
