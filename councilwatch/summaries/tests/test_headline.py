"""The headline leads with what matters most, by the rule in headline.py, on the real Kent papers; every
sentence is cited to pages that hold every fact it states."""

from __future__ import annotations

import re

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.compose import compose
from councilwatch.summaries.headline import score
from councilwatch.summaries.plain import decision_parts
from councilwatch.summaries.planning import ItemPlan
from councilwatch.summaries.verifier import unsupported_facts

CODE = re.compile(r"\b\d{2}/\d{5}\b")


def _check_cited(composed, sources) -> None:
    pages = {d.id: d.pages for d in sources.documents}
    sentences = composed.typed.headline
    assert 1 <= len(sentences) <= 3 and " ".join(s.text for s in sentences) == composed.headline
    for sentence in sentences:
        assert sentence.citations, sentence
        cited = "\n".join(pages[c.document_id][c.page - 1] for c in sentence.citations)
        assert unsupported_facts(sentence.text, cited) == [], sentence.text
    assert not CODE.search(composed.headline)


def test_cabinet_outcome_headline_leads_with_the_budget(kent_cabinet_sources):
    composed = compose(kent_cabinet_sources, ExtractiveBackend(), "outcome")
    _check_cited(composed, kent_cabinet_sources)
    first = composed.typed.headline[0].text
    assert first.startswith("Kent County Council's Cabinet endorsed the draft budget"), first
    assert len(composed.headline.split()) <= 90
    # money at risk follows the decisions, though only noted: "Note the forecast revenue overspend of £23.3m"
    assert composed.typed.headline[1].text == "It noted the forecast revenue overspend of £23.3m (excluding Schools)."


def test_cabinet_preview_headline_says_what_cabinet_will_be_asked_and_the_sum_at_stake(kent_cabinet_before_sources):
    composed = compose(kent_cabinet_before_sources, ExtractiveBackend(), "preview")
    _check_cited(composed, kent_cabinet_before_sources)
    assert composed.headline.startswith("Kent County Council's Cabinet will be asked to endorse the draft budget")
    assert "£1,529.7m" in composed.headline  # the draft net revenue budget, from the budget report
    assert composed.typed.headline[-1].text.startswith(
        "It will also be asked to note the forecast revenue overspend of £23.3m (excluding Schools)"
    )


def test_the_rule_ranks_deciding_money_above_noting_it():
    budget = ItemPlan("6", "Draft Revenue Budget 2025-26", False)
    monitoring = ItemPlan("5", "Revenue and Capital Budget Monitoring Report", False)
    endorse = decision_parts("RESOLVED that Cabinet endorsed the draft budget to be presented to County Council")[0]
    note = decision_parts("RESOLVED that Cabinet agree to: (a) Note the forecast revenue overspend of £23.3m")[0]
    approve = decision_parts("It was APPROVED: Approve an increase of £56 to £124 for first vehicle permit tariffs")[0]
    assert (endorse.verb, note.verb, approve.verb) == ("endorsed", "noted", "approved")
    assert score(endorse, budget) > score(note, monitoring)
    assert score(approve, ItemPlan("7", "Parking charges", False)) > score(note, monitoring)


def test_a_headline_clause_names_its_item_when_it_does_not_say_what_it_is_about():
    from councilwatch.summaries.headline import _headline_part, _topic
    from councilwatch.summaries.plain import Part

    # Quoted from the Decision Recording Form of Bristol's Transport and Connectivity Policy Committee,
    # 12 September 2024, item 9 (Workplace Parking Levy).
    part = Part(
        "approved",
        "subject to suitable resource being available, so as not to delay the implementation of the CRSTS "
        "programme or other key transport programmes, the progression to Stage One Development and Outline "
        "Business Case (OBC) at a cost of up to £1m. Approve testing options for a WPL",
    )
    told = _headline_part(part)
    assert (
        told.rest == "the progression to Stage One Development and Outline Business Case (OBC) at a cost of up to £1m"
    )
    assert _topic("Workplace Parking Levy", told.rest) == "Workplace Parking Levy"
    assert _topic("Correspondence", "to renew membership at a cost of £205") == ""  # any agenda has that heading
    assert _topic("CORRESPONDENCE RECEIVED", "to renew membership") == ""
    assert _topic("Allotments", "that no amendment should be made to the fees this year") == "Allotments"
    assert _topic("Draft Revenue Budget 2025-26", "the draft budget") == ""  # the clause already names it


def test_a_clause_leaning_on_its_neighbours_does_not_lead():
    plan = ItemPlan("9", "Correspondence Received", False)
    lean = decision_parts("It was agreed to see if this could be done.")[0]
    stands = decision_parts("It was agreed to write to the Borough Council about the bus shelter.")[0]
    assert score(lean, plan) < score(stands, plan)


def test_entries_decided_one_by_one_under_as_follows_are_one_action_in_the_headline():
    from councilwatch.summaries.headline import _with_lists
    from councilwatch.summaries.inputs import SourceDocument
    from councilwatch.summaries.planning import Evidence

    # Quoted from the minutes of Manordeilo and Salem Community Council, 10 February 2016, item 10.
    lines = [
        "It was unanimously agreed to donate as follows:",
        "Carmarthenshire Federation of Young Farmers - £100",
        "Wales Air Ambulance - £200",
        "Macmillan Cancer Support, Marie Curie Nurses, Tenovus Cancer Care - £75 each",
    ]
    document = SourceDocument(1, "Minutes", "minutes", ("\n".join(lines),))
    plan = ItemPlan("10", "Donations", False, [Evidence(t, document, (1,), "decision") for t in lines])
    (_evidence, part), *rest = _with_lists(plan, "decision")
    assert rest == [] and part.past() == (
        "donated as follows: Carmarthenshire Federation of Young Farmers £100, Wales Air Ambulance £200, "
        "Macmillan Cancer Support, Marie Curie Nurses, Tenovus Cancer Care £75 each"
    )
    assert score(part, plan) > score(decision_parts("It was agreed to give £300 towards this instrument.")[0], plan)
