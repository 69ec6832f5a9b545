"""Amendments told with their mover, seconder and result, cited to their page; when what an amendment would have
done cannot be told from its page, its result still is, and the longer sentence is recorded as dropped."""

from __future__ import annotations

import pytest

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.compose import compose
from councilwatch.summaries.corpus import expected_files, import_meeting
from councilwatch.summaries.sources import load_sources


@pytest.mark.slow
def test_kent_13_march_governance_amendment_is_told_with_its_counts(db, document_storage):
    (expected,) = [e for e in expected_files() if e.name == "kent/full_council_2025-03-13"]
    composed = compose(load_sources(import_meeting(expected)), ExtractiveBackend())
    amendments = [a for s in composed.typed.sections for a in s.amendments if a.mover == "Mr Holden"]
    # minute 306 (5), pp. 12-13: "Mr Holden moved, Mr Lewis seconded" … For (32), Against (11): "Amendment carried"
    # (read by hand, data/kent/full_council_2025-03-13/expected.md)
    assert len(amendments) == 1
    told = amendments[0]
    assert told.sentence is not None
    assert told.sentence.text == "An amendment by Mr Holden, seconded by Mr Lewis, was carried by 32 votes to 11."
    assert {c.page for c in told.sentence.citations} <= {12, 13}
    dropped = [u["text"] for u in composed.verification.unsupported]
    assert any(t.startswith("An amendment by Mr Holden, seconded by Mr Lewis, to ") for t in dropped)
