"""Plainer words by the table in wording.py: the meaning, figures and names unchanged, capitals kept."""

from __future__ import annotations

from councilwatch.summaries.wording import PLAINER, plainer


def test_officialese_is_swapped_for_plain_words_keeping_figures_names_and_capitals():
    # Wording of the kind printed in Kent's and WECA's minutes
    assert plainer("The committee noted the updated work programme to utilise the £200k funding.") == (
        "The committee noted the updated work programme to use the £200k funding."
    )
    assert plainer("Prior to the meeting, a number of residents wrote in order to object.") == (
        "Before the meeting, several residents wrote to object."
    )
    assert plainer("Additional expenditure of approximately £1.2m was agreed with regard to Hicks Gate.") == (
        "Extra spending of about £1.2m was agreed about Hicks Gate."
    )
    assert plainer("UTILISE") == "USE"


def test_no_entry_depends_on_its_sentence():
    # a word that is a noun in one sentence and a verb in another has no one plain form
    assert not {"purchase", "concerning", "endeavour", "in respect of"} & set(PLAINER)
    assert all(v and v != k for k, v in PLAINER.items())
