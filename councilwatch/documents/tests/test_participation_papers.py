"""Questions and statements published as papers of their own are counted, one entry a heading."""

from __future__ import annotations

from councilwatch.documents.structure.participation import paper_participation
from councilwatch.documents.structure.reader import MeetingFacts, Paper, read_meeting
from councilwatch.documents.structure.types import AgendaEntry

# Quoted from the West of England Combined Authority's statements paper for 5 June 2026 (data/papers/weca/
# 2026-06-05_joint-committee/statements.pdf), abridged: the first lines of statements 1, 2 and 7, then the end of
# another statement's introduction and the start of its numbered list, joined.
STATEMENTS = (
    "Statements to the 05 June 2026 Joint meeting - West of England\nCombined Authority Committee and West of "
    "England Joint Committee\nStatement 1 – Sarah Freeman\nWECA Strategic Green Belt Assessment\nI wanted to "
    "contact you regarding the above and in particular:\n\nStatement 2 – Gemma Skuse\nI am submitting this "
    "statement to draw urgent committee attention to the systematic",
    "Statement 7 – Graham Lee Craven\n- SBLN Consultation: The Loaded Question\nWhen seeking opinions about their "
    "plans to impose a dozen modal filters, they phrased\nQuestion 26 like this:\nconsiderations will be fully and "
    "robustly addressed.\n1. TRAFFIC, NOISE, AND AIR QUALITY ON THE A4 CORRIDOR\n2. PROTECTION OF STRATEGIC "
    "SIGHT LINES TO KELSTON HILL",
)
# Quoted from its questions paper, page 38 (abridged).
QUESTIONS = ("transactions and funding.\nQuestion 42 – Caroline Dunn\nWill the mayor start a group of",)


def test_a_paper_of_statements_counts_its_headed_entries_only():
    entries, counts = paper_participation(STATEMENTS)
    assert counts == {"statements": 3}  # not "Question 26 like this", not the numbered list inside statement 7
    assert [(e.number, e.person, e.page) for e in entries] == [
        ("1", "Sarah Freeman", 1), ("2", "Gemma Skuse", 1), ("7", "Graham Lee Craven", 2),
    ]  # fmt: skip


def test_the_papers_count_for_the_agendas_public_item_when_no_minutes_counted_them():
    papers = [
        Paper("2", "public-questions-mayors-responses", QUESTIONS),
        Paper("3", "statements", STATEMENTS),
    ]
    facts = MeetingFacts("2026-06-05", "Joint Committee", (AgendaEntry("4", "Chair's Announcements", 1),
                                                            AgendaEntry("5", "Items from the Public", 1)))  # fmt: skip
    read = read_meeting(facts, papers)
    assert read.participation_counts == {"5": {"questions": 1, "statements": 3}}
    assert {(p.item, p.entry.kind) for p in read.participation} == {("5", "question"), ("5", "statement")}


def test_a_rows_numbers_wrapped_in_their_cell_are_all_counted():
    from councilwatch.documents.structure.lines import page_lines
    from councilwatch.documents.structure.participation import find_participation

    # Quoted from the printed minutes of Bristol's Transport and Connectivity Policy Committee, 15 May 2025, item 6,
    # as the text layer gives the table (abridged to its first four rows).
    page = (
        "Public Forum Questions\nQuestions were received as follows:\nRef \nNo\nTitle\n01 & \n02 \nMelissa Topping "
        "Making Bristol the UK’s most accessible city \n03 John Northam Traffic management, Mogg Street \n04 & \n05 \n"
        "Caroline Dunn Accessibility – East Bristol liveable \nneighbourhood \n06, 07 \n& 08 \n"
        "David Redgewell Transport issues \n"
    )
    entries, counts = find_participation("Public Forum", page_lines([page]))
    assert counts == {"questions": 8}
    assert [(e.number, e.person.split()[0]) for e in entries] == [
        ("1", "Melissa"), ("2", "Melissa"), ("3", "John"), ("4", "Caroline"), ("5", "Caroline"),
        ("6", "David"), ("7", "David"), ("8", "David"),
    ]  # fmt: skip


def test_further_statements_wrapped_over_two_lines_name_both_people():
    from councilwatch.documents.structure.lines import page_lines
    from councilwatch.documents.structure.participation import find_participation

    # Quoted from the printed minutes of the same committee, 12 September 2024, item 6 (the statements' heading
    # and their last row, the rows between left out).
    page = (
        "Statements were received as follows:\n67 Councillor Ani Stafford-Townsend\nFurther statements were received and noted from Brendan Murphy of BARBI/Save "
        "Bristol Nightlife and\nKathryn Davis of Visit West.\nThe Committee noted the public forum with relevant "
        "content taken into account as part of the"
    )
    entries, counts = find_participation("Public Forum", page_lines([page]))
    assert [e.person for e in entries if not e.number] == [
        "Brendan Murphy of BARBI/Save Bristol Nightlife", "Kathryn Davis of Visit West",
    ]  # fmt: skip
    assert counts == {"statements": 3}
