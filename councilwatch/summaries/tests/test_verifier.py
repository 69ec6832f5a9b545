"""The verifier's facts: numbers, money, percentages, dates and names must be on the cited pages."""

import pytest

from councilwatch.summaries.verifier import Verification, check_sentence, extract_facts, unsupported_facts

PAGE = (
    "MINUTES of a meeting held on Thursday, 30 January 2025.\nPRESENT: Mr R W Gough (Chairman), Mrs S Chandler\n"
    "The forecast revenue overspend of £23.3m (excluding Schools) represented 1.6% of the\nbudget. Kent County "
    "Council's capital spend to date was £160.4 million; 22,866 young people voted. Sarah Ham-\nmond attended."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "Cabinet noted a revenue overspend of £23.3 million, 1.6% of the budget.",
        "Mr Gough chaired the meeting on 30th January, 2025.",
        "Kent County Council had spent £160.4m and 22,866 young people voted.",
        "Sarah Ham-mond attended, as did Mrs S Chandler.",
        "Cabinet agreed the report.",
    ],
)
def test_supported_sentences_pass(sentence):
    assert unsupported_facts(sentence, PAGE) == []


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("Cabinet noted a revenue overspend of £32.3m.", ["£32.3m"]),
        ("The overspend was 16% of the budget.", ["16%"]),
        ("The meeting was held on 31 January 2025.", ["31 jan 2025"]),
        ("Mr Oakford said 22,867 young people voted.", ["22867", "mr oakford"]),
        ("Medway Council and Kent County Council agreed.", ["medway council and kent county council"]),
        ("Kent County Council spent £160.4 billion.", ["£160.4bn"]),
    ],
)
def test_unsupported_facts_are_named(sentence, missing):
    facts = [m for m in unsupported_facts(sentence, PAGE) if not m.startswith("words not in the papers")]
    assert facts == sorted(missing)


def test_a_sentence_about_things_the_pages_never_mention_is_unsupported():
    invented = "The meeting decided to privatise the libraries and sell the museums to developers."
    assert unsupported_facts(invented, PAGE) == ["words not in the papers: developers, libraries, museums, privatise"]
    assert unsupported_facts("The forecast revenue overspend represented the budget.", PAGE) == []


def test_facts_are_read_from_a_sentence():
    facts = extract_facts("Mr R W Gough said Kent County Council would spend £1.9 million (12%) by 1 April 2026.")
    assert facts.money == {("1.9", "m")} and facts.percents == {"12"} and facts.dates == {(1, "apr", 2026)}
    assert {"mr r w gough", "kent county council"} <= facts.names


def test_check_sentence_records_what_failed():
    verification = Verification()
    assert check_sentence("Cabinet agreed the report.", PAGE, verification)
    assert not check_sentence("Cabinet agreed to spend £5m.", PAGE, verification)
    assert verification.as_json()["checked"] == 2
    assert verification.as_json()["unsupported"] == ["Cabinet agreed to spend £5m."]
    assert verification.as_json()["details"][0]["missing"] == ["£5m"]


def test_a_name_is_supported_whether_its_initials_are_dotted_or_not():
    # Quoted from the minutes of Manordeilo and Salem Community Council, 10 February 2016, item 10.
    page = (
        "Carmarthenshire Federation of Young Farmers - £100 (proposed by Cllr. W. Loynton, seconded by Cllr. D. Jones)"
    )
    told = "The motion, moved by Cllr W Loynton and seconded by Cllr D Jones, was carried unanimously."
    assert unsupported_facts(told, page) == []
    assert unsupported_facts("The motion, moved by Cllr W Evans, was carried unanimously.", page) != []
