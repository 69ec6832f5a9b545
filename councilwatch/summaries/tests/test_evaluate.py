"""`councilwatch evaluate` on the real Kent papers and one QMSum meeting, extractive against the lead baseline."""

import json
from io import StringIO

from django.core.management import call_command


def test_evaluate_reports_every_measure_for_extractive_and_lead(tmp_path):
    out, output = StringIO(), tmp_path / "eval.json"
    call_command("evaluate", "--backends", "extractive", "--qmsum-limit", "1", "--output", str(output), stdout=out)
    report = json.loads(output.read_text())
    rows = {row["system"]: row for row in report["rows"]}
    assert set(rows) == {"extractive", "lead"}
    extractive, lead = rows["extractive"], rows["lead"]
    assert extractive["decision_coverage"] == 1.0 > lead["decision_coverage"]
    assert extractive["unsupported_published"] == 0.0
    assert 0 < extractive["rouge1"] < 1 and 0 <= extractive["rouge2"] < 1 and 0 < extractive["rougeL"] < 1
    assert 0 < lead["rouge1"] < 1
    assert extractive["seconds_per_meeting"] > 0 and extractive["flesch"] is not None
    assert report["kent_meetings"] == ["Cabinet 2025-01-30", "County Council 2025-01-09"]
    assert "| extractive | 1.0 |" in out.getvalue()
