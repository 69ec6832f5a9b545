"""``councilwatch run`` on SQLite: the replayed Kent council end to end, in one process, without a broker."""

import pytest
from django.core.management import call_command

from councilwatch.documents.models import Document
from councilwatch.documents.services import extract_document
from councilwatch.ingest.services import crawl_council
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.pipeline.runner import run_due, run_once
from councilwatch.pipeline.tests.kent import SINCE, UNTIL, kent_copy, kent_hashes, snapshot
from councilwatch.replay.testing import running_replay_server
from councilwatch.summaries.models import Summary
from councilwatch.summaries.services import summarise_meeting

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_run_once_gives_what_the_services_give_by_hand_and_redoes_only_what_changed(document_storage, settings, capsys):
    settings.HTTP_RATE_LIMIT = 0
    settings.CELERY_BROKER_URL = ""
    with running_replay_server() as replay:
        ken = kent_copy("KEN", replay.base_url)
        by_hand = kent_copy("KE2", replay.base_url)
        call_command("run", "--once", "--council", "KEN", "--since", str(SINCE), "--until", str(UNTIL))
        assert "failed" in capsys.readouterr().out

        crawl_council(by_hand, since=SINCE, until=UNTIL)
        for document_id in Document.objects.filter(council=by_hand).values_list("pk", flat=True):
            extract_document(document_id)
        for meeting_id in Meeting.objects.filter(council=by_hand).values_list("pk", flat=True):
            summarise_meeting(meeting_id)

        made = snapshot(ken)
        assert made and made == snapshot(by_hand)
        assert set(Document.objects.filter(council=ken).values_list("sha256", flat=True)) <= kent_hashes()
        assert not WorkItem.objects.exclude(state=WorkState.DONE).exists()
        for meeting in Meeting.objects.filter(council=ken):
            assert Summary.objects.filter(meeting=meeting).count() == 1

        again = run_once([ken], since=SINCE, until=UNTIL, force=True)
        assert dict(again.per_stage) == {"crawl": 1}  # nothing upstream changed: nothing else is redone

    # One document's pages are lost (as if extracted by an older extractor): only it is extracted again,
    # and its meeting, whose sources are the same bytes, is not summarised again.
    document = Document.objects.filter(council=ken).exclude(meeting=None).first()
    Document.objects.filter(pk=document.pk).update(extracted_sha256="")
    from councilwatch.pipeline.planner import plan_council

    plan_council(ken.pk)
    report = run_due([ken])
    assert dict(report.per_stage) == {"extract": 1}
    assert snapshot(ken) == made
