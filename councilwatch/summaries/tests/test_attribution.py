"""A fact on its cited page is not enough: the page must be this meeting's, and this item's part of the record."""

from __future__ import annotations

from dataclasses import replace

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.body import Citation, Said
from councilwatch.summaries.compose import Checker, compose


def test_a_citation_of_another_meetings_minutes_is_dropped_and_recorded(kent_cabinet_before_sources):
    sources = kent_cabinet_before_sources
    previous = next(d for d in sources.documents if d.title.startswith("Minutes of the meeting held on 9th"))
    assert previous.proceedings == "other"
    page = next(n for n, text in enumerate(previous.pages, 1) if "Devolution" in text)
    planted = Said(
        "Cabinet agreed on the English Devolution White Paper.", (Citation(previous.id, previous.title, page),)
    )
    checker = Checker(sources, "preview")
    assert not checker.keep(planted, None)
    failure = checker.verification.unsupported[-1]
    assert failure["text"] == planted.text and "another meeting" in failure["missing"][0]


def test_an_outcome_sentence_must_cite_its_own_items_part_of_the_minutes(kent_cabinet_sources):
    sources = kent_cabinet_sources
    minutes = next(d for d in sources.documents if d.title.startswith("Printed minutes"))
    budget_page = 13  # item 6, the draft budget, is minuted on pages 11-13
    said = Said("Cabinet endorsed the draft budget.", (Citation(minutes.id, minutes.title, budget_page),))
    checker = Checker(sources, "outcome")
    assert checker.keep(said, "6")
    assert not checker.keep(said, "9")  # the Commissioning Plan's minute is on pages 16-17
    assert "outside item 9" in checker.verification.unsupported[-1]["missing"][0]


def test_a_summary_of_papers_with_a_planted_citation_keeps_nothing_of_it(kent_cabinet_before_sources):
    sources = kent_cabinet_before_sources
    previous = next(d for d in sources.documents if d.title.startswith("Minutes of the meeting held on 9th"))
    item = next(s for s in sources.spans if s.item_number == "9" and s.role == "report")
    planted = replace(
        item, document=previous, page=1, page_end=len(previous.pages)
    )  # the old minutes filed as item 9's report
    composed = compose(replace(sources, spans=[*sources.spans, planted]), ExtractiveBackend(), "preview")
    cited = {c.document_id for s in composed.typed.all_sentences() for c in s.citations}
    assert previous.id not in cited
