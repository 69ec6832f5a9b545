"""Plain English by rule: lead-ins and list markers go, verbs go into the past, every figure stays."""

from __future__ import annotations

from councilwatch.summaries.plain import (
    Part,
    asked_sentences,
    decision_parts,
    is_discussion,
    minutes_part,
    past_sentences,
    payments_part,
    payments_total,
    strip_references,
    subject_of,
)

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


# Quoted from the minutes of West Dereham Parish Council, 3 September 2015 (items 4, 5.1.2, 6.1 and 8.2).
DEREHAM_LIGHT = (
    "A discussion took place on the future of the street light and it was agreed that it should be retained and "
    "converted to a LED lantern at a cost of £308.22 plus VAT."
)
DEREHAM_PAYMENTS = (
    "Payee Cheque No Net VAT Gross Clerk’s salary, expenses for August 15 – 42 hours 100818 496.31 496.31 "
    "Mazars LLP – External Auditors 100819 100.00 20.00 120.00 CGM Ltd – grounds maintenance for July 15 100820 "
    "301.25 60.25 361.50 Mike Hastings – planning application for cemetery 100821 322.50 45.00 367.50 Pear "
    "Technology – annual tech support/land reg. layer 100822 275.00 55.00 330.00 Total 1495.06 180.25 1675.31"
)
# Quoted from the minutes of Stoke Ferry Parish Council, 8 April 2015, item 13, seven of its ten rows left out
# (the totals row has no label).
STOKE_FERRY_PAYMENTS = (
    "Date Item Chq/DD Net VAT Gross March NALC annual subscription Chq 193.34 0.00 193.34 06/03/2015 Anglian "
    "Water - Cemetery Dec-Mar DD 14.93 0.00 14.93 08/04/2015 Westcotec lighting maintenance April 15 Chq 15.44 "
    "3.09 18.53 £ 1191.55 4.89 1196.44 Balances at 31/3/15: Business Saver Account £6,546.90"
)
# Quoted from the minutes of Wye Valley Community Council, 24 September 2018, minute 2570 (its fourth payment left
# out).
WYE_ACCOUNTS = (
    "Accounts for payment: Merlin Waste £30.00 (Ch. No. 300093), Clerk’s Salary & Expenses £335.78 (Ch. No. "
    "300094), B&Q – woodstain & strimmer cord £102.96 (Ch. No. 300095) – all approved."
)
# Quoted from the minutes of Manordeilo and Salem Community Council, 10 February 2016, item 10 (the first sentence
# cut after "area").
MANORDEILO_PRIORITY = (
    "iii) As there were a large number of requests, it was agreed to prioritise charities and organisations based "
    "within and bordering the Community Council area."
)
MANORDEILO_AWAITED = (
    "It was also agreed in principle to make a donation to Teigrod Tywi Hockey Team; information was awaited from them."
)


def test_a_discussion_is_told_by_what_was_agreed_and_it_is_the_topic():
    assert decision_parts(DEREHAM_LIGHT) == [
        Part("agreed that", "the street light should be retained and converted to a LED lantern at a cost of "
             "£308.22 plus VAT")
    ]  # fmt: skip
    assert is_discussion("A discussion took place on the allotments")
    assert is_discussion("Cllr Denny proposed approval; Cllr Smith seconded; carried")
    assert not is_discussion("The Clerk will write to the Borough Council")


def test_agreed_clauses_keep_their_reason_and_their_manner():
    assert decision_parts(MANORDEILO_PRIORITY) == [
        Part("agreed to", "prioritise charities and organisations based within and bordering the Community "
             "Council area, as there were a large number of requests")
    ]  # fmt: skip
    parts = decision_parts(MANORDEILO_AWAITED)
    assert parts[0] == Part("agreed in principle to", "make a donation to Teigrod Tywi Hockey Team")
    assert all(p.verb != "agreed to" for p in parts[1:])  # "information was awaited" is no act of the council


def test_minutes_lines_in_the_forms_parish_councils_write_them():
    assert decision_parts("These were agreed as a true record and signed by the Chairman.") == [
        Part("agreed", "the minutes as a true record")
    ]
    assert decision_parts("A letter of thanks to be sent.") == [Part("agreed that", "a letter of thanks would be sent")]
    # another body's decision is news the council heard, not its own decision
    assert decision_parts("The application was approved by the Borough Council.")[0].verb == "noted that"
    assert decision_parts("Lloyds Bank Statement, Credit Balance £12,288.36. Noted.") == [
        Part("noted", "Lloyds Bank Statement, Credit Balance £12,288.36")
    ]


def test_a_schedule_of_payments_is_told_by_its_total_or_its_list():
    assert payments_total(DEREHAM_PAYMENTS) == "1675.31"
    assert payments_total(STOKE_FERRY_PAYMENTS) == "1196.44"
    assert payments_total("Balances: Business Saver Account £6,546.90") is None  # no table, no total
    approved = payments_part("Accounts", "The above payments were considered and approved.", DEREHAM_PAYMENTS)
    assert approved == Part("approved", "payments totalling £1675.31")
    assert payments_part("Accounts", "The above payments were deferred.", DEREHAM_PAYMENTS) is None
    assert payments_part("Accounts for payment", WYE_ACCOUNTS, "") == Part(
        "approved",
        "payments: Merlin Waste £30.00, Clerk's Salary & Expenses £335.78, B&Q - woodstain & strimmer cord £102.96",
    )


def test_approving_the_minutes_is_told_with_the_title_that_names_them():
    # Quoted from the minutes of Tintern (Wye Valley) Community Council, 24 June 2019, minute 2713.
    assert minutes_part("Approval of minutes of previous meeting", "Approved & signed as correct.") == Part(
        "approved", "the minutes of the previous meeting as a correct record"
    )
    assert minutes_part("Minutes", "The minutes were approved subject to an amendment to item 5.") is None
    assert minutes_part("Budget", "Approved.") is None


def test_the_date_of_the_next_meeting_is_told_as_printed():
    from councilwatch.summaries.inputs import SourceDocument, SpanEntry
    from councilwatch.summaries.planning import _NEXT_MEETING, _next_meeting

    # Quoted from the minutes of Tintern Community Council, 24 June 2019 (minute 2723), and of Stoke Ferry
    # Parish Council, 8 April 2015 (item 16).
    tintern = "Date of next meeting: July 29th. There being no further business the meeting closed at 8.16."
    stoke = (
        "Date and time of next meeting Wednesday 13 May, 7.30pm in the Community Centre. The Annual Parish "
        "Meeting will be held at 7.15pm on Wednesday 13 May in the Community Centre."
    )
    told = []
    for page, heading in ((tintern, "Date of next meeting"), (stoke, "Date and time of next meeting")):
        document = SourceDocument(1, "Minutes", "minutes", (page,))
        span = SpanEntry("1", document, "minutes", 1, 1, heading, page[len(heading) :].lstrip(": "))
        assert _NEXT_MEETING.match(heading)
        told += [e.text for e in _next_meeting(span)]
    assert told == [
        "The next meeting is on July 29th.",
        "The next meeting is on Wednesday 13 May, 7.30pm in the Community Centre.",
    ]
    assert not _NEXT_MEETING.match("To receive items for the next meeting agenda")


def test_passives_and_later_clauses_of_community_council_minutes():
    # Quoted from the minutes of Manordeilo and Salem Community Council, 10 February 2016 (items 5 and 7).
    assert decision_parts(
        "Cllr. O. Williams was thanked for his feedback; it was agreed that this information be posted on the "
        "Council's website inviting members of the community to respond by the consultation deadline of 15th "
        "February."
    ) == [
        Part("thanked", "Cllr. O. Williams for his feedback"),
        Part("agreed that", "this information be posted on the Council's website inviting members of the "
             "community to respond by the consultation deadline of 15th February"),
    ]  # fmt: skip
    # the council's own members are no other body: their approval is the council's
    assert decision_parts("These suggestions were approved by the Councillors.") == [
        Part("approved", "these suggestions")
    ]
    # a clause that reports a state of affairs after an agreement is told as news, not as something agreed
    assert decision_parts(MANORDEILO_AWAITED)[1] == Part("noted that", "information was awaited from them")
    assert decision_parts("It was agreed that the Clerk should have view-only internet access.") == [
        Part("agreed that", "the Clerk should have view-only internet access")
    ]


def test_a_section_names_the_body_once_then_says_it():
    from councilwatch.summaries.body import Said
    from councilwatch.summaries.compose import _pronouns

    said = [
        Said("The committee noted the Audit Committee Annual Report 2025/26.", ()),
        Said("The committee approved the revised Corporate Risk Management Framework.", ()),
        Said("The committee decided: Debate and Decide.", ()),
    ]
    assert [s.text for s in _pronouns(said, "The committee")] == [
        "The committee noted the Audit Committee Annual Report 2025/26.",
        "It also approved the revised Corporate Risk Management Framework.",
        "It decided: Debate and Decide.",
    ]


def test_a_decision_is_told_under_the_numbered_sub_heading_it_is_printed_under():
    from councilwatch.summaries.inputs import SourceDocument
    from councilwatch.summaries.planning import Evidence, subheading

    # Quoted from the minutes of West Dereham Parish Council, 3 September 2015, item 9.
    page = (
        "9. Parish Council policies and documentation. 9.1 Data Protection Policy. The current document had been "
        "sent to all members prior to the meeting. It was briefly discussed and agreed that no amendments were "
        "needed. 9.3 Allotment fees. A brief discussion took place on the current fees and deposit. It was decided "
        "that no amendment should be made to the fees this year. 10. Planning."
    )
    document = SourceDocument(1, "Minutes", "minutes", (page,))
    decision = Evidence(
        "It was decided that no amendment should be made to the fees this year.", document, (1,), "decision"
    )
    assert subheading(decision, "Parish Council policies and documentation") == "Allotment fees"
    # a numbered paragraph that is a sentence is no heading (wording made up in the shape of a Kent report)
    report = SourceDocument(
        2, "Report", "report", ("2.1 The forecast overspend is £23.3m. RESOLVED that the report be noted.",)
    )
    noted = Evidence("RESOLVED that the report be noted.", report, (1,), "decision")
    assert subheading(noted, "Budget monitoring") == ""


def test_a_matter_headed_by_a_phrase_and_a_dash_is_a_sub_heading_but_a_list_entry_is_not():
    from councilwatch.summaries.inputs import SourceDocument
    from councilwatch.summaries.planning import Evidence, subheading

    # Quoted from the minutes of Tintern Community Council, 24 June 2019, minutes 2717 and 2715 (lines joined; the
    # A466 paragraph cut after its first sentence, and one of 2715's eleven payments).
    page = (
        "2717. Updates:- A466 Road Closure – Notification received from MCC that the due to difficulties they are "
        "experiencing onsite the works will not be finished by the end of June. Shipwrecked Mariners Charity Land "
        "Mine – This has now been relocated to Fryer's Wharf. The Charity have asked if TCC would be prepared to "
        "carry out some refurbishment works to the mine and take charge of banking the donation money on a yearly "
        "basis. Clerk reply confirming TCC are happy to do this provided the Charity reimburse them for any costs "
        "involved."
    )
    document = SourceDocument(1, "Minutes", "minutes", (page,))
    reply = Evidence("Clerk reply confirming TCC are happy to do this", document, (1,), "decision")
    assert subheading(reply, "Updates") == "Shipwrecked Mariners Charity Land Mine"
    # Quoted from the minutes of Tintern Community Council, 24 September 2018, minute 2572 (lines joined, cut at
    # "Option 1"): a road is no number
    updates = SourceDocument(
        3,
        "Minutes",
        "minutes",
        ("2572. Updates: A466 future road closures – Following a public meeting held by TCC in Tintern earlier in the "
         "month a representative from MCC Highways was present to explain the current options. A consensus was "
         "reached that Option 1",),
    )  # fmt: skip
    consensus = Evidence("A consensus was reached that Option 1", updates, (1,), "decision")
    assert subheading(consensus, "Updates") == "A466 future road closures"
    accounts = SourceDocument(
        2,
        "Minutes",
        "minutes",
        (
            "2715. Accounts for payment:- Kevin J Toombs – Valuation of Fryer's Wharf Slipway - £325 (Ch. No. 300125), "
            "– all approved.",
        ),
    )
    approved = Evidence("– all approved.", accounts, (1,), "decision")
    assert subheading(approved, "Accounts for payment") == ""
