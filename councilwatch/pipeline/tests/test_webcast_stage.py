"""The webcast stage: the recording a meeting links is fetched and transcribed; a player page is parked at once with
its reason and tried again only when the address changes; a truncated download stores nothing and holds nothing
else back. Everything is served from 127.0.0.1 (the webcasts tests' webcast_site)."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from councilwatch.documents.models import Document
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline import fingerprints, planner
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.runner import run_due
from councilwatch.pipeline.tests.conftest import make_document, make_meeting
from councilwatch.webcasts.models import TranscriptSegment
from councilwatch.webcasts.services import recording_id
from councilwatch.webcasts.tests.conftest import meeting, recording, webcast_site  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db
SHA = "c" * 64


def _item(stage: str, meeting_id: int) -> WorkItem:
    return WorkItem.objects.get(stage=stage, object_id=meeting_id)


def _linking(council, upstream_id: str, url: str) -> Meeting:
    linked = make_meeting(council, upstream_id)
    linked.webcast_url = url
    linked.save()
    return linked


def test_linked_webcasts_are_fetched_refused_or_failed_without_holding_the_rest_back(
    webcast_site,  # noqa: F811
    meeting,  # noqa: F811
    document_storage,
    settings,
    tmp_path,
    capsys,
):
    settings.VAR_DIR = tmp_path
    settings.PIPELINE_MAX_ATTEMPTS = 2
    settings.PIPELINE_RETRY_BASE_SECONDS = 0  # the truncated download's second try is due at once
    meeting.webcast_url = f"{webcast_site}/meeting.wav"
    meeting.save()
    council = meeting.council
    player = _linking(council, "m2", f"{webcast_site}/player.html")
    truncated = _linking(council, "m3", f"{webcast_site}/truncated/meeting.wav")
    paper = make_document(truncated, "p1", sha256=SHA, extracted=SHA)
    assert fingerprints.webcast(meeting.pk) == f"{webcast_site}/meeting.wav"

    planner.plan_council(council.pk)
    assert fingerprints.read(player.pk) is None  # its meeting waits while the webcast is on its way
    run_due([council])

    # the media file: stored, transcribed by the transcribe stage, and the meeting read after it
    fetched = _item("webcast", meeting.pk)
    assert (fetched.state, fetched.runs, fetched.done_fingerprint) == (WorkState.DONE, 1, meeting.webcast_url)
    document = Document.objects.get(pk=recording_id(meeting.pk))
    assert _item("transcribe", document.pk).state == WorkState.DONE
    assert "item one" in " ".join(TranscriptSegment.objects.filter(document=document).values_list("text", flat=True))
    assert _item("read", meeting.pk).started_at > _item("transcribe", document.pk).finished_at
    assert (_item("read", meeting.pk).runs, _item("summarise", meeting.pk).runs) == (1, 1)  # once, with its transcript
    assert fingerprints.webcast(meeting.pk) is None  # it has its recording now

    # the player page: parked at the first try with what it is and what to do; its meeting goes ahead
    parked = _item("webcast", player.pk)
    assert (parked.state, parked.attempts) == (WorkState.PARKED, 1)
    reason = (
        f"StageGaveUp: webcast {webcast_site}/player.html is a player page (YouTube), not a media file: give the "
        f"recording with `councilwatch import_webcast {player.pk} FILE_OR_URL`"
    )
    assert parked.last_error.split("\n")[0] == reason
    assert recording_id(player.pk) is None
    assert _item("summarise", player.pk).state == WorkState.DONE

    # the truncated download: retried, then parked with the reason; nothing stored, the meeting's paper untouched
    failed = _item("webcast", truncated.pk)
    assert (failed.state, failed.attempts) == (WorkState.PARKED, 2)
    assert failed.last_error.startswith(
        f"StageError: could not fetch {webcast_site}/truncated/meeting.wav: truncated: "
    )
    assert recording_id(truncated.pk) is None
    assert list(Document.objects.filter(meeting=truncated)) == [paper]
    assert _item("summarise", truncated.pk).state == WorkState.DONE  # read and summarised without it
    blobs = [p for p in Path(document_storage.location).rglob("*") if p.is_file()]
    assert [b.name for b in blobs] == [document.sha256]  # the one whole recording, nothing half

    call_command("status", "--json", "--council", council.code)
    status = json.loads(capsys.readouterr().out)
    assert status["councils"][0]["parked"] == 2
    assert {(p["stage"], p["object_id"], p["reason"]) for p in status["parked"]} >= {("webcast", player.pk, reason)}
    call_command("status", "--council", council.code)
    assert f"WLS webcast #{player.pk}: {reason}" in capsys.readouterr().out

    # planned again with nothing changed: nothing is fetched again
    planner.plan_council(council.pk)
    run_due([council])
    assert _item("webcast", player.pk).attempts == 1 and _item("webcast", meeting.pk).runs == 1
    assert _item("webcast", truncated.pk).attempts == 2

    # the player page's address changes to a media file: fetched and transcribed this time
    player.webcast_url = f"{webcast_site}/download/meeting.wav"
    player.save()
    planner.plan_council(council.pk)
    run_due([council])
    assert _item("webcast", player.pk).state == WorkState.DONE
    assert TranscriptSegment.objects.filter(document_id=recording_id(player.pk)).exists()
