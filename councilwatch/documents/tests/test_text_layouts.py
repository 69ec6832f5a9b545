"""Papers that come as plain text taken from a PDF in reading order, not as the printed page shows them.

Such text puts an item's number on a line of its own ("1." / "Apologies"), a whole column of numbers before
the column of titles, and an action column's "Noted" under the entry it belongs to. Every excerpt below is
verbatim from a real paper in data/ (abridged where marked), with its lines in the order ``pdftotext``
(without -layout) gives them; the expected values were written from reading the printed page.
"""

from councilwatch.documents.structure import parse_agenda, parse_minutes
from councilwatch.documents.structure.decisions import find_decisions
from councilwatch.documents.structure.lines import page_lines, pair_markers

# data/kent/cabinet_2025-01-30/originals/Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf (abridged: the
# contact block)
KENT_CABINET_AGENDA = """AGENDA

CABINET
Thursday, 30th January, 2025, at 10.00 am Ask for:
Council Chamber, Sessions House, Telephone:
County Hall, Maidstone

UNRESTRICTED ITEMS
(During these items the meeting is likely to be open to the public)

1.

Apologies

2.

Declarations of Interest

3.

Minutes of the Meeting held on 9th January 2025 (Pages 1 - 10)

4.

Cabinet Member Updates

5.

24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25
(Pages 11 - 84)

6.

Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35
and Treasury Management Strategy (Pages 85 - 276)

7.

24/00109 - Transfer the 18-25 section of the Strengthening Independence Service
from the Children Young People and Education Directorate to the Adult Social Care
and Health Directorate (Pages 277 - 326)
EXEMPT ITEMS
"""

# data/papers/wye-valley-cc/2018-09-24_full-council/agenda.pdf: a table, read column by column
WYE_AGENDA = """TINTERN COMMUNITY COUNCIL
To members of the Public and all Members of the Council
You are summoned to a meeting of the above Council
on Monday 24th September 2018 at 7.00pm
AGENDA
2564.
2565.
2566.
2567.
2568.
2569.
2570.

Police Report
Public Forum
Apologies for absence
Declarations of interest
Approval of minutes of previous meeting
Financial Report
Accounts for payment:Merlin Waste
Clerk’s Salary & Expenses
B&Q – woodstain & strimmer cord
2571. Planning Permissions:
2572. Updates:A466 future road closures – report from MCC Highways
Closed Footway opposite Prospect Cottage
"""


def test_a_number_on_its_own_line_numbers_the_title_below_it():
    entries = parse_agenda([KENT_CABINET_AGENDA])
    assert [(e.number, e.title) for e in entries] == [
        ("1", "Apologies"),
        ("2", "Declarations of Interest"),
        ("3", "Minutes of the Meeting held on 9th January 2025"),
        ("4", "Cabinet Member Updates"),
        ("5", "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25"),
        ("6", "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy"),
        ("7", "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service from the Children Young People and Education Directorate to the Adult Social Care and Health Directorate"),
    ]  # fmt: skip


def test_a_column_of_numbers_is_paired_with_the_column_of_titles():
    entries = parse_agenda([WYE_AGENDA])
    assert [(e.number, e.title) for e in entries][:8] == [
        ("2564", "Police Report"),
        ("2565", "Public Forum"),
        ("2566", "Apologies for absence"),
        ("2567", "Declarations of interest"),
        ("2568", "Approval of minutes of previous meeting"),
        ("2569", "Financial Report"),
        ("2570", "Accounts for payment"),
        ("2571", "Planning Permissions"),
    ]


def test_markers_are_not_paired_with_lines_that_carry_on_a_sentence():
    # data/kent/full_council_2025-03-13 printed minutes, item 15: six numbers, then the wrapped recommendations
    lines = ["“Council is asked to:", "1.", "2.", "3.",
             "Note with thanks, the contribution and efforts of the Members of the",
             "Governance Working Party",
             "Comment on the specific proposals and arrangements relating to"]  # fmt: skip
    assert [line for line, _ in pair_markers(lines)] == lines
    # the same minutes, item 17: "2024." closes the sentence above it, it numbers nothing
    lines = ["Environmental Protection (Single-use Vapes) (England) Regulations", "2024.",
             "b) Any ban must be robust and comprehensive, preventing"]  # fmt: skip
    assert [line for line, _ in pair_markers(lines)] == lines


# data/kent/cabinet_2025-01-30/originals/Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf, minutes 90 and 91
# (abridged: paragraphs 1-4 of minute 90 and the body of 91)
KENT_CABINET_MINUTES = """CABINET
MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions House, County Hall,
Maidstone on Thursday, 30 January 2025.
90.
24/00109 - Transfer the 18-25 section of the Strengthening Independence
Service from the Children Young People and Education Directorate to the Adult
Social Care and Health Directorate
(Item 7)
Sarah Hammond (Corporate Director for Children’s Young People and
Education) and Mark Albiston (Director of Adult Social Care) were in
attendance for this item
5. RESOLVED that Cabinet agree to transfer the statutory functions delivered by
the 18-25 section of the Strengthening Independence Service, including the
transfer of workforce in services, from the Children Young People and
Education Directorate to the Adult Social Care and Health Directorate from 1
April 2025; and that delegated authority be given to the Corporate Director of
Adult Social Care and Health in consultation with the Corporate Director
Children, Young People and Education to take the relevant actions, including
but not limited to, awarding, finalising the terms of and entering into the
relevant contracts or other legal agreements, as necessary, to implement the
decision

91.
24/00115 - Kent County Council Integrated Care Strategy (KCC ICS)
Delivery Plan
(Item 8)
Anjan Ghosh (Director of Public Health) and Mike Gogarty (Interim Strategic
Lead for Public Health) were in attendance for this item
"""


def test_a_minute_number_alone_finds_the_item_line_under_its_wrapped_title():
    minutes = parse_minutes([KENT_CABINET_MINUTES])
    assert [(i.minute_number, i.agenda_item) for i in minutes.items] == [("90", "7"), ("91", "8")]
    assert minutes.items[0].title.startswith("24/00109 - Transfer the 18-25 section")
    assert minutes.items[0].resolved[0].text.startswith("RESOLVED that Cabinet agree to transfer the statutory")


# data/papers/bristol/2025-05-15_transport-connectivity-policy-committee/printed-minutes.pdf, page 1 (abridged:
# items 1-4 only)
BRISTOL_MINUTES = """Bristol City Council
Minutes of the Transport & Connectivity Policy
Committee
15 May 2025 at 4.30 pm

Members Present:Councillors: Ed Plowden (Chair), Graham Morris (Vice-Chair), Donald Alexander, Rob Bryher,
Nicholas Coombes, Tim Rippington, Emma Edwards, Kaz Self and David Wilcox

1

Welcome, Introductions and Safety Information

The Chair welcomed all attendees to the meeting and explained the emergency evacuation procedure.
The Chair asked the Committee members to introduce themselves.

2

Apologies for Absence and Substitutions

There were no apologies.

3

Declarations of Interest

There were none.

4

Minutes of the Previous Meeting

The minutes of the previous meeting were agreed as accurate.
"""


def test_bare_numbers_alone_head_the_minutes():
    minutes = parse_minutes([BRISTOL_MINUTES])
    assert [(i.minute_number, i.title) for i in minutes.items] == [
        ("1", "Welcome, Introductions and Safety Information"),
        ("2", "Apologies for Absence and Substitutions"),
        ("3", "Declarations of Interest"),
        ("4", "Minutes of the Previous Meeting"),
    ]


# data/papers/manordeilo-salem-cc/2016-02-10_full-council/minutes_en.pdf, page 2 (abridged: entries i-iii):
# the action column's "Noted" comes on the line after its entry
MANORDEILO_CORRESPONDENCE = """5. CORRESPONDENCE
i) Lloyds Bank Statement dated 01/02/2016, Sheet No 77, Credit Balance £12,288.36
Noted
ii) HSBC Bank Statement dated 15/01/2016, Sheet No 306, Credit Balance £571.49.
Noted
iii) C.C.C. Footway Lighting Charges for the financial year 2016/17 of £4,106.68.
Noted
"""


def test_an_action_column_noted_stays_with_its_entry():
    lines = page_lines([MANORDEILO_CORRESPONDENCE])
    assert [d.text for d in find_decisions(lines[1:])] == [
        "i) Lloyds Bank Statement dated 01/02/2016, Sheet No 77, Credit Balance £12,288.36 Noted",
        "ii) HSBC Bank Statement dated 15/01/2016, Sheet No 306, Credit Balance £571.49. Noted",
        "iii) C.C.C. Footway Lighting Charges for the financial year 2016/17 of £4,106.68. Noted",
    ]
    title = parse_agenda([MANORDEILO_CORRESPONDENCE.replace("5. CORRESPONDENCE", "4. MINUTES\n5. CORRESPONDENCE")])
    assert [(e.number, e.title) for e in title] == [("4", "MINUTES"), ("5", "CORRESPONDENCE")]
