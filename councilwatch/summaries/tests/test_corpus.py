"""Every meeting of data/ with a hand-written expected file, imported as a user would, reads exactly as a person
read it: items, decisions with their items, motions and votes with counts and names, members present, apologies.
Then its summary states no wrong fact and has a section for every item and for nothing else."""

from __future__ import annotations

import pytest

from councilwatch.summaries.body import SummaryBody
from councilwatch.summaries.corpus import compare_structure, expected_files, import_meeting, score_summary
from councilwatch.summaries.services import summarise_meeting

CORPUS = expected_files()


@pytest.mark.slow
@pytest.mark.parametrize("expected", CORPUS, ids=[e.name for e in CORPUS])
def test_reading_matches_the_expected_file(db, document_storage, expected):
    meeting = import_meeting(expected)
    score = compare_structure(meeting, expected)
    assert score.problems == [], "\n".join(score.problems)
    summary = summarise_meeting(meeting.pk)
    assert summary is not None and summary.kind == expected.data["kind"]
    result = score_summary(SummaryBody.from_json(summary.body), summary.kind, expected)
    assert result.wrong == 0, result.missed
    assert result.stray_sections == 0
    assert result.items[0] == result.items[1]
    assert summary.verification["unsupported"] == [] or all(
        "not a paper of this meeting" not in str(u) for u in summary.verification["details"]
    )
