"""`councilwatch evaluate` imports a corpus meeting, scores reading and summary, and leaves the database as it was."""

import json
from io import StringIO

from django.core.management import call_command

from councilwatch.meetings.models import Meeting


def test_evaluate_scores_a_meeting_and_qmsum_and_rolls_back(db, document_storage, tmp_path):
    out, output = StringIO(), tmp_path / "eval.json"
    call_command(
        "evaluate", "--backends", "extractive", "--only", "kent/full_council_2025-01-09", "--qmsum-limit", "1",
        "--output", str(output), stdout=out,
    )  # fmt: skip
    report = json.loads(output.read_text())
    (meeting,) = report["meetings"]
    assert meeting["meeting"] == "kent/full_council_2025-01-09"
    assert meeting["structure"]["items"] == [3, 3]
    assert meeting["structure"]["present"] == [67, 67]
    extractive, lead = meeting["systems"]["extractive"], meeting["systems"]["lead"]
    assert extractive["kind_right"] and extractive["wrong"] == 0 and extractive["unsupported"] == 0
    assert extractive["facts"][0] > lead["facts"][0]
    (qmsum,) = report["qmsum"]
    assert 0 < qmsum["systems"]["extractive"]["rouge1"] < 1 and 0 < qmsum["systems"]["lead"]["rouge1"] < 1
    assert "| kent/full_council_2025-01-09 | extractive |" in out.getvalue()
    assert not Meeting.objects.exists()  # the import was rolled back
