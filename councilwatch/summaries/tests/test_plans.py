"""A forward plan on its own is told as what it is: when it was published and when decisions are due; nothing
decided, no sections."""

from __future__ import annotations

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
