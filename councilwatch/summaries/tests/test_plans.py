"""A forward plan on its own is told as what it is: when it was published and when decisions are due; nothing
decided, no sections."""

from __future__ import annotations

import pytest

from councilwatch.summaries.inputs import AgendaEntry, MeetingSources, SourceDocument
from councilwatch.summaries.plans import forward_plan, plan_headline

# Quoted from Bristol's Transport and Connectivity Policy Committee forward plan (data/papers/bristol/
# 2026-01-21_…/forward-plan.pdf), pages 1, 5 and 8.
FIRST = (
    "Forward plan\nThis update published 20 January 2026\nContact: Sam Wilcock, Policy Committee Officer\n"
    "THIS DOCUMENT GIVES NOTICE OF\nANTICIPATED KEY DECISIONS TO BE TAKEN"
)
STREETSPACE = "Streetspace 2: Denmark St and Rosemary Lane 5 Feb 2026\n1. To seek approval to submit Full Business"
TWENTY = "20 mph Review\nTo seek approval to progress to the public consultation phase\n19 Mar 2026 Transport"


def _sources(*documents: SourceDocument, agenda: list[AgendaEntry] | None = None) -> MeetingSources:
    return MeetingSources(
        id=1, council="Bristol City Council", committee="Transport and Connectivity Policy Committee", start=None,
        status="", url="", agenda=agenda or [], documents=list(documents), decisions=[],
    )  # fmt: skip


def test_a_forward_plan_says_what_it_is_and_when_decisions_are_due():
    plan = SourceDocument(7, "Plan Document", "plan", (FIRST, "Lead Officer", "", "", STREETSPACE, "", "", TWENTY))
    assert forward_plan(_sources(plan)) is plan
    opening, due = plan_headline(plan, "the committee")
    assert opening.text == (
        "This is the committee's forward plan, published 20 January 2026: notice of the key decisions it expects "
        "to take at later meetings; nothing was decided at a meeting."
    )
    assert due.text == "It lists decisions expected on 5 Feb 2026 and 19 Mar 2026."
    assert [c.page for c in due.citations] == [5, 8]


def test_a_plan_beside_an_agenda_is_only_one_of_the_meetings_papers():
    plan = SourceDocument(7, "Plan Document", "plan", (FIRST,))
    agenda = SourceDocument(8, "Agenda", "agenda", ("Agenda\n1. Apologies",))
    assert forward_plan(_sources(plan, agenda)) is None
    assert forward_plan(_sources(plan, agenda=[AgendaEntry("1", "Apologies")])) is None


# Quoted from the same plan's page 5 as the text layer gives it, cell after cell (the page's rows abridged to two).
ROWS = (
    "Lead Officer Title and summary of Decision Meeting date Decision taker Report Type\n- 5 -\n"
    "Adam Crowther, Head of City \nTransport \nadam.crowther@bristol.gov.u\nk\n"
    "Streetspace 2: Denmark St and Rosemary Lane\n1. To seek approval to submit Full Business \n"
    "case for Streetspace 2: Denmark Street and \nRosemary Lane\nPart exempt\n3\n"
    "5 Feb 2026 Transport & Connectivity \nPolicy Committee\nDecision \nReport\n"
    "Adam Crowther, Head of City \nTransport \nadam.crowther@bristol.gov.u\nk\n"
    "Progress Towards the Bristol Climate and \nNature Partnership's Inclusive Transport \nVision\n"
    "To present to Committee Bristol Council’s \nNon Key\nOpen\n"
    "5 Feb 2026 Transport & Connectivity \nPolicy Committee\nFor \nInformation\n"
)


def test_a_plans_rows_are_read_as_title_date_and_whether_for_decision():
    from councilwatch.summaries.plan_entries import plan_entries

    first, second = plan_entries(("", "", "", "", ROWS))
    assert (first.title, first.due, first.iso, first.page, first.for_decision) == (
        "Streetspace 2: Denmark St and Rosemary Lane", "5 Feb 2026", "2026-02-05", 5, True,
    )  # fmt: skip
    assert second.title == "Progress Towards the Bristol Climate and Nature Partnership's Inclusive Transport Vision"
    assert not second.for_decision
    # laid out, the date follows the title on its line
    (laid_out,) = plan_entries((STREETSPACE,))
    assert (laid_out.title, laid_out.due) == ("Streetspace 2: Denmark St and Rosemary Lane", "5 Feb 2026")


@pytest.mark.django_db  # the topic names
def test_what_is_due_is_told_a_sentence_a_date_the_first_in_the_headline():
    from councilwatch.summaries.backends.extractive import ExtractiveBackend
    from councilwatch.summaries.compose import compose

    plan = SourceDocument(7, "Plan Document", "plan", (FIRST, "", "", "", ROWS, "", "", TWENTY))
    composed = compose(_sources(plan), ExtractiveBackend(), "preview")
    expected = [s.text for s in composed.typed.expected]
    assert expected == [
        "On 5 Feb 2026, for decision: Streetspace 2: Denmark St and Rosemary Lane.",
        "On 19 Mar 2026, for decision: 20 mph Review.",
    ]
    assert [c.page for c in composed.typed.expected[1].citations] == [8]
    assert composed.typed.headline[-1].text == expected[0]
    assert composed.typed.sections == [] and not composed.verification.unsupported
