"""Alignment by the chair's announcements, by hand-written lines."""

from councilwatch.webcasts.align import ItemRef, align

ITEMS = [ItemRef(1, "2", "Declarations of interest"), ItemRef(2, "3", "Minutes"), ItemRef(3, "5", "Budget monitoring")]


def test_announcements_move_the_meeting_on_and_numbers_read_from_papers_do_not():
    texts = [
        "Good morning and welcome.",
        "We move on to item 3, minutes of the meeting held on 9 January.",
        "Declaration of interest, item 2, no declarations of interest were received.",
        "Item five. Budget monitoring.",
        "The overspend is forecast at 2 million pounds.",
    ]
    assert [i.number if i else None for i in align(texts, ITEMS)] == [None, "3", "3", "5", "5"]


def test_an_item_announced_by_its_title_alone():
    texts = ["We now turn to budget monitoring for the year.", "Questions please."]
    assert [i.number if i else None for i in align(texts, ITEMS)] == ["5", "5"]
