"""The extractive headline reads like a news paragraph on the real Kent papers, and every sentence is cited."""

from __future__ import annotations

import re

import pytest

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.compose import Composed, compose, words
from councilwatch.summaries.headline import clauses, split_reference
from councilwatch.summaries.kent import load_kent_meeting, without_minutes
from councilwatch.summaries.planning import Evidence
from councilwatch.summaries.verifier import unsupported_facts

CODE = re.compile(r"\b\d{2}/\d{5}\b")


def _composed(folder: str, kind: str) -> Composed:
    sources = load_kent_meeting(folder)
    return compose(sources if kind == "outcome" else without_minutes(sources), ExtractiveBackend(), kind)


def _assert_news_paragraph(composed: Composed, folder: str, limit: int) -> None:
    headline = composed.headline
    assert not CODE.search(headline), headline
    assert words(headline) <= limit, words(headline)
    assert composed.verification.unsupported == []
    sentences = composed.body["headline_sentences"]
    assert 1 <= len(sentences) <= 3 and " ".join(s["text"] for s in sentences) == headline
    pages = {d.title: d.pages for d in load_kent_meeting(folder).documents}
    for sentence in sentences:  # each sentence cites pages that hold every fact it states
        assert sentence["citations"], sentence
        cited = "\n".join(pages[c["document"]][c["page"] - 1] for c in sentence["citations"])
        assert unsupported_facts(sentence["text"], cited) == [], sentence["text"]


def test_cabinet_outcome_headline_leads_with_the_decisions_budget_first():
    composed = _composed("cabinet_2025-01-30", "outcome")
    headline = composed.headline
    assert headline.startswith(
        "At its meeting on 30 January 2025, Kent County Council's Cabinet endorsed the draft budget"
    )
    for decided in (
        "noted the forecast revenue overspend of £23.3m",
        "transferred the statutory functions delivered by the 18-25 section",
        "adopted the Integrated Care Strategy Delivery Plan",
        "agreed the Commissioning Plan for Education Provision in Kent 2025-29",
    ):
        assert decided in headline, decided
    assert "Cabinet agree" not in headline and "(a)" not in headline and "delegate" not in headline.lower()
    assert headline.index("draft budget") < headline.index("Commissioning Plan")
    _assert_news_paragraph(composed, "cabinet_2025-01-30", 120)


def test_cabinet_preview_headline_says_what_will_be_decided_and_the_biggest_figure():
    composed = _composed("cabinet_2025-01-30", "preview")
    headline = composed.headline
    assert "Kent County Council's Cabinet will be asked to" in headline
    assert "endorse the draft budget to be presented to County Council on 13th February" in headline
    assert "note the forecast revenue overspend of £23.3m" in headline
    assert "transfer the statutory functions" in headline and "£59m" in headline
    assert "PROD" not in headline  # "consider and agree to the proposed decision, as detailed in the attached PROD"
    _assert_news_paragraph(composed, "cabinet_2025-01-30", 130)


def test_county_council_outcome_headline_states_the_devolution_decisions():
    composed = _composed("full_council_2025-01-09", "outcome")
    headline = composed.headline
    assert headline.startswith("At its meeting on 9 January 2025, Kent County Council endorsed")
    assert "Devolution Priority Programme" in headline and "May 2026" in headline
    assert "The County Council:" not in headline and "(1)" not in headline
    _assert_news_paragraph(composed, "full_council_2025-01-09", 120)


def test_county_council_preview_without_reports_names_the_item():
    composed = _composed("full_council_2025-01-09", "preview")
    assert "English Devolution White Paper" in composed.headline
    _assert_news_paragraph(composed, "full_council_2025-01-09", 40)


def test_sections_drop_reference_prefixes_and_boilerplate_openings():
    outcome = _composed("cabinet_2025-01-30", "outcome").body["sections"]
    preview = _composed("cabinet_2025-01-30", "preview").body["sections"]
    for sections in (outcome, preview):
        item5 = next(s for s in sections if s["item_number"] == "5")
        assert item5["title"].startswith("Revenue and Capital Budget Monitoring Report")
        assert item5["reference"] == "24/00108"
        assert not any(CODE.search(s["title"]) for s in sections)
    for number in ("5", "9"):
        text = next(s for s in preview if s["item_number"] == number)["text"]
        assert not re.match(r"(The attached|This) report", text), text
    item5 = next(s for s in preview if s["item_number"] == "5")["text"]
    assert "Key figure: The attached report sets out the overall forecast position" in item5  # no "2 … 2.1" heading
    item6 = next(s for s in preview if s["item_number"] == "6")["text"]
    assert "Recommended: endorse the draft budget" in item6 and "are reminded" not in item6


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("RESOLVED that Cabinet agree to: (a) Adopt the Plan on behalf of Kent; (b) Delegate authority to the Director", "adopted the Plan on behalf of Kent"),
        ("Cabinet considered the amendments and endorsed the draft budget. Members noted more.", "endorsed the draft budget"),
        ("The County Council: (1) Endorses the joint work with Medway Council (2) Notes the risk", "endorsed the joint work with Medway Council"),
    ],
)  # fmt: skip
def test_clauses_strip_lead_ins_and_enumerations(text: str, expected: str):
    document = load_kent_meeting("cabinet_2025-01-30").documents[0]
    found = clauses(Evidence(text, document, (1,), "decision"), "Plan budget")
    assert expected in [c.past() for c in found]
    assert max(found, key=lambda c: c.score).past() == expected


def test_split_reference():
    assert split_reference("24/00096 - Commissioning Plan") == ("Commissioning Plan", "24/00096")
    assert split_reference("English Devolution White Paper") == ("English Devolution White Paper", "")
