"""Plain English by rule: lead-ins and list markers go, verbs go into the past, every figure stays."""

from __future__ import annotations

from councilwatch.summaries.plain import asked_sentences, decision_parts, past_sentences, strip_references, subject_of

# Quoted from the printed minutes of Kent's Cabinet, 30 January 2025, p.10.
KENT = (
    "RESOLVED that Cabinet agree to:\nA) Note the forecast revenue overspend of £23.3m (excluding Schools).\n"
    "b) Note the forecast overspend on Schools’ Delegated Budgets of £30.4m.\ne) Agree the Capital budget changes."
)
# Quoted from the WECA meeting page of 5 June 2026, item 12.
WECA = (
    "That the West of England Combined Authority Committee:\n(1) Approved the West of England Combined Authority "
    "Investment Plan 2026 (attached at Appendix 1);\n(2) Noted the publication of the West of England Investment "
    "Prospectus (attached at Appendix 2)"
)
# Quoted from the minutes of Manordeilo and Salem Community Council, 10 February 2016, item 5.
PARISH = (
    "It was proposed by Cllr. A. Davies, seconded by Cllr. W. Loynton and unanimously agreed to give £300 towards "
    "the purchase of this instrument."
)


def test_a_resolution_becomes_short_past_sentences_keeping_every_figure():
    sentences = past_sentences("Cabinet", decision_parts(KENT))
    assert sentences == [
        "Cabinet noted the forecast revenue overspend of £23.3m (excluding Schools) and noted the forecast "
        "overspend on Schools' Delegated Budgets of £30.4m.",
        "Cabinet agreed the Capital budget changes.",
    ]


def test_numbered_parts_and_cross_references():
    assert past_sentences("The committee", decision_parts(WECA)) == [
        "The committee approved the West of England Combined Authority Investment Plan 2026 and noted the "
        "publication of the West of England Investment Prospectus."
    ]
    assert strip_references("the plan as set out in Appendix B and the terms") == "the plan and the terms"


def test_a_proposal_agreed_unanimously_and_the_preview_form():
    assert past_sentences("The council", decision_parts(PARISH)) == [
        "The council unanimously agreed to give £300 towards the purchase of this instrument."
    ]
    assert (
        asked_sentences("Cabinet", decision_parts(KENT))[-1]
        == "Cabinet will be asked to agree the Capital budget changes."
    )


def test_the_body_is_named_as_people_would():
    assert subject_of("Cabinet") == "Cabinet"
    assert subject_of("County Council") == "The council"
    assert subject_of("Transport and Connectivity Policy Committee") == "The committee"
    assert subject_of("Tintern Community Council") == "The council"
