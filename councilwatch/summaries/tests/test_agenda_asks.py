"""Before a meeting, an item without a report is told by what its agenda entry says it will be asked; a headline
with nothing but considering and noting names the items instead."""

from __future__ import annotations

import pytest

from councilwatch.summaries.backends.extractive import ExtractiveBackend
from councilwatch.summaries.compose import compose
from councilwatch.summaries.inputs import AgendaEntry, MeetingSources, SourceDocument

# Quoted from the West of England Combined Authority Overview and Scrutiny Committee's meeting page for 1 June 2026
# (data/papers/weca/2026-06-01_overview-scrutiny/ieListDocuments.html), items 1, 4 and 7 (abridged: three items).
PAGE = (
    "1. Apologies for absence To receive apologies for absence from Members. 4. Minutes PDF 130 KB To consider and "
    "approve the minutes from the 23 March 2026 of the West of England Combined Authority Overview and Scrutiny "
    "Committee. 7. Work Plan report PDF 118 KB To consider actions taken arising from previous meetings and to "
    "determine future work plan items"
)
AGENDA = [
    AgendaEntry("1", "Apologies for absence", "To receive apologies for absence from Members."),
    AgendaEntry(
        "4", "Minutes", "To consider and approve the minutes from the 23 March 2026 of the West of England Combined "
        "Authority Overview and Scrutiny Committee.",
    ),
    AgendaEntry("7", "Work Plan report", "To consider actions taken arising from previous meetings and to determine "
                "future work plan items"),
]  # fmt: skip


@pytest.mark.django_db  # the topic names
def test_an_agenda_entry_says_what_the_item_will_be_asked():
    sources = MeetingSources(
        id=1, council="West of England Combined Authority", committee="Overview & Scrutiny Committee", start=None,
        status="", url="", agenda=AGENDA, documents=[SourceDocument(3, "Meeting page", "page", (PAGE,))],
        decisions=[],
    )  # fmt: skip
    composed = compose(sources, ExtractiveBackend(), "preview")
    told = {n: [s.text for s in sec.decided] for sec in composed.typed.sections for n in sec.numbers}
    # procedural items are told together: approving a dated meeting's minutes, and not receiving apologies
    assert (
        told["1"]
        == told["4"]
        == [
            "The committee will be asked to consider and approve the minutes from the 23 March 2026 of the West of "
            "England Combined Authority Overview and Scrutiny Committee."
        ]
    )
    assert any("future work plan items" in t for t in told["7"])
    # considering is not deciding: the headline names the items
    assert composed.typed.headline[0].text.startswith("The committee will consider")
    assert "Work Plan report" in composed.typed.headline[0].text
