"""The structure parsers on the real Kent papers (data/kent), asserting what the papers really say."""

import pytest

from councilwatch.documents.structure import parse_minutes, parse_report
from councilwatch.documents.tests.kent import CABINET, CABINET_MINUTES, COUNCIL, pages_of


@pytest.fixture(scope="module")
def cabinet_minutes():
    return parse_minutes(list(pages_of(CABINET_MINUTES)))


def test_cabinet_attendance_lists(cabinet_minutes):
    present = [(a.name, a.role) for a in cabinet_minutes.present]
    assert present[0] == ("Mr R W Gough", "Chairman")
    assert [name for name, _ in present] == [
        "Mr R W Gough",
        "Mr N Baker",
        "Mrs S Chandler",
        "Mr D Jeffrey",
        "Mr R C Love",
        "Mr D Murphy",
        "Mr P J Oakford",
        "Mr D Watkins",
        "Mr R J Thomas",
    ]
    assert all(a.status == "present" and a.page == 1 for a in cabinet_minutes.present)
    officers = {a.name: (a.role, a.status) for a in cabinet_minutes.in_attendance}
    assert officers["Dr A Ghosh"] == ("Director of Public Health", "in_attendance")
    assert officers["Mrs S Hammond"] == ("Corporate Director Children, Young People and Education", "in_attendance")
    assert officers["Mrs A Beer"] == ("Chief Executive", "in_attendance")
    assert officers["Mr N Abrahams"] == ("Area Education Officer – West Kent", "in_attendance")
    assert officers["Mr S Jones"] == ("Corporate Director of Growth, Environment and Transport", "virtual")
    assert officers["Mrs L Gannon"] == ("Director of Technology", "virtual")
    assert len(officers) == 14
    assert [(a.name, a.status) for a in cabinet_minutes.apologies] == [("Mrs C Bell", "apologies")]


def test_cabinet_minutes_items_and_resolutions(cabinet_minutes):
    items = cabinet_minutes.items
    assert [(i.minute_number, i.agenda_item) for i in items] == [(str(84 + n), str(n + 1)) for n in range(9)]
    titles = {i.minute_number: i.title for i in items}
    assert titles["84"] == "Apologies"
    assert titles["86"] == "Minutes of the Meeting held on 9th January 2025"
    assert titles["90"].startswith("24/00109 - Transfer the 18-25 section of the Strengthening Independence Service")
    assert titles["90"].endswith("to the Adult Social Care and Health Directorate")
    resolved = {i.minute_number: i.resolved for i in items}
    assert resolved["84"] == resolved["85"] == resolved["87"] == []
    assert resolved["86"][0].text == (
        "RESOLVED that the minutes of the meeting on 9 January 2025 were a correct record and that they be signed by the Chair"
    )
    budget = resolved["88"][0]
    assert budget.page == 10
    assert budget.text.splitlines() == [
        "RESOLVED that Cabinet agree to:",
        "A) Note the forecast revenue overspend of £23.3m (excluding Schools).",
        "b) Note the forecast overspend on Schools’ Delegated Budgets of £30.4m.",
        "c) Note the forecast capital underspend of £111.6m.",
        "d) Note the progress on the delivery of savings.",
        "e) Agree the Capital budget changes.",
        "f) Note the Reserves, Treasury Management and Prudential Indicators Monitoring",
    ]
    assert resolved["89"][0].text.startswith(
        "RESOLVED that Cabinet considered the proposed amendments from Cabinet Committees"
    )
    assert resolved["89"][0].page == 13
    assert resolved["90"][0].text.endswith("as necessary, to implement the decision")
    ics = resolved["91"][0]
    assert ics.page == 15 and ics.text.count("\n") == 3
    assert (
        ics.text.splitlines()[1]
        == "(a) Adopt the Integrated Care Strategy Delivery Plan on behalf of Kent County Council"
    )
    assert (
        resolved["92"][0].text
        == "RESOLVED that Cabinet agree the Commissioning Plan for Education Provision in Kent 2025-29"
    )
    assert (items[3].page, items[3].page_end) == (1, 9)
    assert "Mr R Gough, Leader of the Council provided an update" in items[3].text
    assert cabinet_minutes.declarations == []


def test_county_council_votes_declarations_and_apologies():
    minutes = parse_minutes(list(pages_of(COUNCIL / "Printed minutes 09th-Jan-2025 10.00 County Council.pdf")))
    assert len(minutes.present) == 67
    assert [a.name for a in minutes.apologies][:3] == ["Mr Beaney", "Mr Campkin", "Miss Carey"]
    assert len(minutes.apologies) == 13
    devolution = minutes.items[-1]
    assert (devolution.minute_number, devolution.agenda_item, devolution.title) == (
        "285",
        "3",
        "English Devolution White Paper",
    )
    assert [(v.for_, v.against, v.abstaining) for v in devolution.votes] == [
        (14, 45, 4),
        (17, 43, 3),
        (13, 45, 4),
        (14, 40, 7),
        (39, 19, 1),
    ]
    substantive = devolution.motions[-1]
    assert (substantive.label, substantive.outcome, substantive.mover) == ("Substantive motion", "carried", "Mr Gough")
    assert devolution.resolved[0].text.startswith(
        "RESOLVED that the County Council:\n(1) Endorses the ongoing joint work"
    )
    assert (
        devolution.resolved[0].text.splitlines()[-1]
        == "(5) Expects there to be as much transparency as possible in this process."
    )
    assert [d.member for d in minutes.declarations] == ["Members who were district or borough councillors"]


def test_sub_numbered_resolution_keeps_its_list():
    minutes = parse_minutes(list(pages_of(CABINET / "Minutes of the meeting held on 9th January 2025.pdf")))
    devolution = minutes.items[-1]
    assert devolution.title == "English Devolution White Paper"
    lines = devolution.resolved[-1].text.splitlines()
    assert lines[0] == "RESOLVED that Cabinet:"
    assert [line[:3] for line in lines[1:]] == ["1. ", "2. ", "3. "]
    assert minutes.apologies == []


def test_reports_give_their_recommendations():
    transfer = parse_report(
        list(
            pages_of(
                CABINET / "24-00109 - Transfer the 18-25 section of the Strengthening Independence Service - Report.pdf"
            )
        )
    )
    assert transfer.title.startswith("Transfer the 18-25 section of the Strengthening Independence Service")
    assert transfer.title.endswith("Adult Social Care and Health Directorate")
    assert [r.text.split()[:3] for r in transfer.recommendations] == [
        ["Agree", "to", "TRANSFER"],
        ["DELEGATE", "authority", "to"],
    ]
    assert all(r.page == 2 for r in transfer.recommendations)
    kinds = [s.kind for s in transfer.sections]
    for kind in (
        "summary",
        "recommendations",
        "background",
        "options",
        "financial",
        "legal",
        "equalities",
        "appendices",
    ):
        assert kind in kinds
    assert transfer.acronyms["CQC"] == "Care Quality Commission"
    assert transfer.acronyms["SIS"] == "Strengthening Independence Service"

    budget = parse_report(
        list(pages_of(CABINET / "24-00108 - Revenue and Capital Budget Monitoring Report November 2024-25.pdf"))
    )
    assert [r.text for r in budget.recommendations][1:3] == [
        "NOTE the forecast overspend on Schools’ Delegated Budgets of £30.4m.",
        "NOTE the forecast capital underspend of £111.6m.",
    ]
    assert len(budget.recommendations) == 6
    money = {m.text: m.amount for m in budget.money}
    assert money["£111.6m"] == pytest.approx(111_600_000)

    plan = parse_report(
        list(pages_of(CABINET / "24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf"))
    )
    assert [r.text for r in plan.recommendations] == [
        "Cabinet is asked to agree the Commissioning Plan for Education Provision in Kent 2025-29."
    ]
    assert ("Legal implications", "legal") in [(s.heading, s.kind) for s in plan.sections]
    assert plan.dates[0].iso == "2025-01-30"

    devolution = parse_report(list(pages_of(COUNCIL / "Devolution White Paper - County Council Report - FINAL.pdf")))
    assert len(devolution.recommendations) == 4
    assert devolution.recommendations[0].text.startswith("Endorse the ongoing joint work between KCC, Medway Council")
    assert devolution.acronyms["MSA"] == "Mayoral Strategic Authority"


OTHER_STYLE = [
    """MINUTES
Present: Councillor A Smith (Chair); Councillors B Jones, C Brown and D Green
Officers: J Bloggs (Democratic Services Officer)
Apologies: Councillor E White
12/24 Declarations of Interest
Councillor Jones declared a personal interest in item 14 as a member of the Trust.
13/24 Minutes of the previous meeting
RESOLVED: That the minutes of the meeting held on 3 March 2024 be approved as a correct record.
""",
    """14/24 Planning application 23/0123/FUL
The Committee considered the report. On being put to the vote there were 7 votes for, 2 against and 1 abstention.
RESOLVED: That planning permission be granted subject to conditions.
""",
]


def test_minutes_in_another_common_style():
    """Minutes numbered 12/24 without "(Item N)" lines, 'Councillors A, B and C', inline vote counts."""
    minutes = parse_minutes(OTHER_STYLE)
    assert [(a.name, a.role) for a in minutes.present] == [
        ("Councillor A Smith", "Chair"),
        ("Councillor B Jones", "Member"),
        ("Councillor C Brown", "Member"),
        ("Councillor D Green", "Member"),
    ]
    assert [(a.name, a.role) for a in minutes.in_attendance] == [("J Bloggs", "Democratic Services Officer")]
    assert [a.name for a in minutes.apologies] == ["Councillor E White"]
    assert [(i.minute_number, i.agenda_item, i.page) for i in minutes.items] == [
        ("12/24", None, 1),
        ("13/24", None, 1),
        ("14/24", None, 2),
    ]
    assert minutes.items[2].title == "Planning application 23/0123/FUL"
    assert minutes.items[2].resolved[0].text == "RESOLVED: That planning permission be granted subject to conditions."
    assert [(v.for_, v.against, v.abstaining) for v in minutes.items[2].votes] == [(7, 2, 1)]
    assert [(d.member, d.item) for d in minutes.declarations] == [("Councillor Jones", "14")]
