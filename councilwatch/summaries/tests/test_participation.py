"""Public participation counted from papers of questions and statements is told in one line, cited to the pages
of their last entries (where the count can be checked)."""

from __future__ import annotations

import pytest

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.compose import compose
from councilwatch.summaries.corpus import expected_files, import_meeting
from councilwatch.summaries.sources import load_sources


@pytest.mark.slow
def test_weca_questions_and_statements_are_told_with_their_counts(db, document_storage):
    (expected,) = [e for e in expected_files() if e.name == "papers/weca/2026-06-05_joint-committee"]
    composed = compose(load_sources(import_meeting(expected)), ExtractiveBackend())
    (section,) = [s for s in composed.typed.sections if s.numbers == ["5"]]
    told = section.participation
    # "Question 1 – Andrew Lynch" … "Question 42 – Caroline Dunn" (p. 38); "Statement 47 – Zoie Kennedy" (p. 67),
    # read by hand (data/papers/weca/2026-06-05_joint-committee/expected.md)
    assert told is not None and (told.questions, told.statements) == (42, 47)
    assert told.sentence is not None
    assert told.sentence.text.endswith("received 42 questions and 47 statements from the public.")
    assert sorted((c.document, c.page) for c in told.sentence.citations) == [
        ("public-questions-mayors-responses", 38), ("statements", 67),
    ]  # fmt: skip


@pytest.mark.slow
def test_a_count_the_minutes_do_not_print_is_dropped_and_the_others_told(db, document_storage):
    (expected,) = [e for e in expected_files() if e.name.startswith("papers/bristol/2024-09-12")]
    composed = compose(load_sources(import_meeting(expected)), ExtractiveBackend())
    (section,) = [s for s in composed.typed.sections if s.numbers == ["6"]]
    # the minutes number questions 1-14 and statements 01-67 without a 42, then "Further statements were received
    # and noted from" two more: 68 statements, a total no page prints (expected.md)
    assert section.participation is not None and section.participation.sentence is not None
    assert section.participation.sentence.text == "The committee received 14 questions from the public."
    dropped = [u["text"] for u in composed.verification.unsupported]
    assert "The committee received 68 statements from the public." in dropped
