"""A stored recording is transcribed by the pipeline's transcribe stage, once, and its meeting read after it."""

import pytest

from councilwatch.pipeline import fingerprints, planner
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.runner import run_due
from councilwatch.pipeline.stages import MODEL, get_stage
from councilwatch.webcasts.models import TranscriptSegment
from councilwatch.webcasts.services import import_webcast
from councilwatch.webcasts.tests.conftest import meeting, recording  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_a_stored_recording_is_transcribed_by_the_stage_once(recording, meeting, document_storage, settings, tmp_path):  # noqa: F811
    settings.VAR_DIR = tmp_path
    path, _placed, _items = recording
    document = import_webcast(meeting.pk, str(path), now=False)
    assert not document.page_count and not TranscriptSegment.objects.filter(document=document).exists()
    assert get_stage("transcribe").queue == MODEL
    assert fingerprints.extract(document.pk) is None  # a recording is no paper to extract
    assert fingerprints.transcribe(document.pk) == document.sha256
    assert fingerprints.read(meeting.pk) is None  # the meeting waits for its transcript

    planner.plan_council(meeting.council_id)
    report = run_due([meeting.council])
    done = WorkItem.objects.get(stage="transcribe", object_id=document.pk)
    assert done.state == WorkState.DONE and done.runs == 1 and done.done_fingerprint == document.sha256
    assert not WorkItem.objects.filter(stage="extract", object_id=document.pk).exists()
    segments = TranscriptSegment.objects.filter(document=document)
    assert segments.count() > 3 and "item one" in " ".join(s.text.lower() for s in segments)
    assert WorkItem.objects.get(stage="read", object_id=meeting.pk).state == WorkState.DONE  # read after it
    assert report.outcomes

    # planned again with nothing changed: nothing is transcribed again
    assert fingerprints.transcribe(document.pk) is None
    planner.plan_council(meeting.council_id)
    run_due([meeting.council])
    assert WorkItem.objects.get(stage="transcribe", object_id=document.pk).runs == 1
