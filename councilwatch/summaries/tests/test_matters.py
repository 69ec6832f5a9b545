"""An item's matters under their own headings, speakers named, sums told under the item's title."""

from __future__ import annotations

from councilwatch.summaries.inputs import SourceDocument, SpanEntry
from councilwatch.summaries.matters import matters, named_speakers
from councilwatch.summaries.planning import _minutes_evidence

# Quoted from the minutes of Tintern Community Council, 24 September 2018, minute 2572 (lines joined; the A466
# paragraph abridged to its first two sentences and its last, the knotweed paragraph to its first two).
UPDATES = (
    "A466 future road closures – Following a public meeting held by TCC in Tintern earlier in the month a "
    "representative from MCC Highways was present to explain the current options. Cllr Richards had prepared a draft "
    "recommendation highlighting a number of issues they seek assurance from MCC that they will address prior to the "
    "closure and explaining which option was preferred. Cllr Evans will put the minutes of the 4th September meeting "
    "on the website.\n\n"
    "Closed Footway opposite Prospect Cottage – MCC are looking into a permanent solution to stop erosion of the "
    "riverbank, but in the meantime have met on site and as a temporary measure will remove the barrier, cut back "
    "overgrowth and put a wooden fence to the riverside of the kerb to create a footpath, and also cut back "
    "overgrowth on the other side of the road in October. TCC feel it is a good idea for MCC to contact NRW about "
    "concerns of further erosion and possible undermining of the road and then report back to TCC with NRW’s "
    "response.\n\n"
    "Japanese Knotweed re-application – Second application was carried out on the 7th September by Complete Weed "
    "Control. AONB also carried out an application on the 17th September along the riverbank from the Church to the "
    "footbridge as they had a last minute funding opportunity to enable this to be done."
)
# Quoted from the same minutes, minute 2571.
PLANNING = (
    "None. Cllr Richards reported that there was a Tree Felling Notice at Crown Lodge on the planning website which "
    "has now gone through. She also reported that the application on Land to the south-east of Fountain Inn for "
    "conversion of a dwelling was refused on the 17th September on the basis that there was a contravention of "
    "Policy H4 & T2 (structures being converted for residential use that are ruins)."
)


def _span(text: str, heading: str) -> SpanEntry:
    document = SourceDocument(1, "Minutes", "minutes", (text,))
    return SpanEntry("2572", document, "minutes", 1, 1, heading, text)


def test_an_item_is_cut_into_the_matters_its_dash_headings_name():
    headings = [heading for heading, _ in matters(UPDATES)]
    assert headings == [
        "A466 future road closures",
        "Closed Footway opposite Prospect Cottage",
        "Japanese Knotweed re-application",
    ]
    assert matters(PLANNING) == [("", PLANNING.replace("  ", " "))]
    # numbered paragraphs that are sentences are not headings (wording made up in the shape of a Kent report)
    assert len(matters("2.1 The forecast overspend is £23.3m. 2.2 The capital programme has slipped.")) == 1


def test_each_matter_is_told_by_its_own_sentence_under_its_heading():
    told = [e.text for e in _minutes_evidence(_span(UPDATES, "Updates"), "Updates", 3)]
    assert (
        "Japanese Knotweed re-application: Second application was carried out on the 7th September by Complete "
        "Weed Control." in told
    )  # "carried out" is no vote
    assert any(t.startswith("Closed Footway opposite Prospect Cottage: MCC are looking into a permanent") for t in told)
    assert len(told) == 3  # one a matter; "report back" is a next step, told apart


def test_she_is_the_member_the_sentence_before_named():
    sentences = named_speakers(
        [
            "Cllr Richards reported that there was a Tree Felling Notice at Crown Lodge.",
            "She also reported that the application was refused on the 17th September.",
        ]
    )
    assert sentences[1] == "Cllr Richards also reported that the application was refused on the 17th September."
    told = [e.text for e in _minutes_evidence(_span(PLANNING, "Planning Permissions"), "Planning Permissions", 3)]
    assert any(
        t.startswith("Cllr Richards also reported that the application on Land to the south-east of Fountain")
        and t.endswith("contravention of Policy H4 & T2.")
        for t in told
    )  # the aside in brackets left out


def test_a_list_of_sums_is_told_under_the_items_title():
    # Quoted from the same minutes, minute 2569.
    text = "BMM A/C £7,117.48, Community A/C £4,341.32. Amount spent to date on revenue £3,861, capital £6,436, total £10,297."
    told = [e.text for e in _minutes_evidence(_span(text, "Financial Report"), "Financial Report", 3)]
    assert told[0] == "Financial Report: BMM A/C £7,117.48, Community A/C £4,341.32."


def test_a_matter_running_on_to_the_next_page_cites_its_headings_page_too():
    from councilwatch.summaries.planning import _presented_evidence

    # Quoted from the minutes of Tintern Community Council, 24 June 2019, minute 2718 (the page break as printed).
    pages = (
        "Village Hall – Maintenance Day last weekend. The VHC will be running the tea room at the Fete.",
        "Exterior of the Hall is being painted in July. VHC have a new fund raiser avenue collecting crisp packets.",
    )
    document = SourceDocument(1, "Minutes", "minutes", pages)
    span = SpanEntry("2718", document, "minutes", 1, 2, "Reports from outside bodies", "\n".join(pages))
    evidence = _presented_evidence(
        "Exterior of the Hall is being painted in July.", span, "Village Hall", "Village Hall"
    )
    assert evidence.text == "Village Hall: Exterior of the Hall is being painted in July."
    assert evidence.pages == (1, 2)
