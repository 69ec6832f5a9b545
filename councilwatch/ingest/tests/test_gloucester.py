"""Gloucester City Council's real web-service answers (a second council's shapes, data/moderngov/gloucester)
read into the records expected, written by hand from the XML."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings

from councilwatch.core.http import PoliteClient
from councilwatch.ingest.connectors import moderngov

LONDON = ZoneInfo("Europe/London")
GLO = settings.DATA_DIR / "moderngov" / "gloucester"
WS = "https://democracy.gloucester.gov.uk/mgWebService.asmx/"
LIVE_COMMITTEES = [
    ("487", "Audit and Governance Committee"),
    ("129", "Cabinet"),
    ("564", "Constitution"),
    ("141", "Council"),
    ("544", "General Purposes Committee"),
    ("603", "Joint Overview and Scrutiny Review Panel - Gloucestershire Airport"),
    ("115", "Licensing and Enforcement Committee"),
    ("482", "Licensing and Enforcement Sub-Committee"),
    ("222", "Licensing Sub-Committee"),
    ("408", "Overview and Scrutiny Committee"),
    ("111", "Planning Committee"),
    ("578", "Saintbridge Recreation Ground Management Committee"),
    ("577", "Saintbridge Trust"),
    ("546", "Senior Appointments Committee"),
    ("598", "Standards Hearing Panel"),
]
CABINET_MEETINGS = [  # (meetingid, dd/mm/yyyy, status) as GetMeetings lists them; all at 6.00 pm but one
    ("7217", "10/01/2024", "confirmed"),
    ("7218", "07/02/2024", "confirmed"),
    ("7219", "06/03/2024", "confirmed"),
    ("7506", "12/06/2024", "cancelled"),
    ("7507", "17/07/2024", "confirmed"),
    ("7508", "11/09/2024", "confirmed"),
    ("7509", "16/10/2024", "confirmed"),
    ("7510", "13/11/2024", "confirmed"),
    ("7511", "11/12/2024", "confirmed"),
    ("7512", "15/01/2025", "confirmed"),
    ("7513", "12/02/2025", "confirmed"),
    ("7514", "12/03/2025", "confirmed"),
    ("7515", "09/04/2025", "confirmed"),
    ("7605", "11/06/2025", "confirmed"),
    ("7606", "09/07/2025", "confirmed"),
    ("7607", "10/09/2025", "confirmed"),
    ("7608", "15/10/2025", "confirmed"),
    ("7609", "12/11/2025", "confirmed"),
    ("7837", "21/11/2025", "confirmed"),  # "Confirmed; Special Meeting", at 12.30 pm
    ("7610", "10/12/2025", "confirmed"),
]
LD, CON, CIG = "Liberal Democrat", "Conservative", "Community Independent Group"
LAB_COOP = "Labour and Co-Operative Party"
COUNCILLORS = [  # (councillorid, name, party, ward, key posts)
    ("125", "Andrew Gravells MBE", CON, "Abbeydale", "Chair of Overview and Scrutiny Committee"),
    ("2036", "Louise Walker", CON, "Abbeydale", ""),
    ("1501", "Laura Brooker", CON, "Abbeymead", "Vice-Chair of Licensing and Enforcement Committee"),
    ("2242", "Kate Hyland", CON, "Abbeymead", ""),
    ("1933", "Ashley Bowkett", LD, "Barnwood", "Mayor"),
    ("2066", "Joshua Taylor", LD, "Barnwood", ""),
    ("116", "Usman Bhaimia", LD, "Barton and Tredworth", ""),
    ("2232", "Roseanna Marshall", "Labour or Labour & Co-Operative", "Barton and Tredworth", ""),
    ("1147", "Sajid Patel", CON, "Barton and Tredworth", "Deputy Leader of the Conservative Group"),
    ("2055", "Tracy Millard", LAB_COOP, "Coney Hill", "Chair of Licensing and Enforcement Committee"),
    ("2239", "Vicky Norledge", LD, "Elmbridge", ""),
    ("2029", "Anne Radley", LD, "Elmbridge", ""),
    ("2228", "Andrew Bell", CIG, "Grange", ""),
    ("2034", "Sylvia Evans", CON, "Grange", ""),
    ("2020", "Alwin Wiederhold", LD, "Hucclecote", ""),
    ("144", "Declan Wilson", LD, "Hucclecote", "Deputy Leader of the Council and Cabinet Member for Resources"),
    ("2018", "Angela Conder", LD, "Kingsholm and Wotton", "Chair of Planning Committee"),
    ("129", "Jeremy Hilton", LD, "Kingsholm and Wotton", "Leader of the Council and Cabinet Member for Regeneration"),
    ("2015", "Karen James", LAB_COOP, "Kingsway", "Deputy Leader of the Labour Group"),
    ("2012", "John Jones", LAB_COOP, "Kingsway", ""),
    ("1783", "Linda Castle", LD, "Longlevens", "Sheriff & Deputy Mayor and Vice-Chair of Planning Committee"),
    ("2052", "Sarah Sawyer", LD, "Longlevens", "Cabinet Member for Planning"),
    ("2019", "Luke Shervey", LD, "Longlevens", "Cabinet Member for Housing"),
    (
        "2041",
        "Alastair Chambers",
        CIG,
        "Matson, Robinswood and White City",
        "Leader of the Community Independent Group",
    ),
    ("2227", "Adrian Graham", CIG, "Matson, Robinswood and White City", ""),
    (
        "2042",
        "Brendon O`Donnell",
        CIG,
        "Matson, Robinswood and White City",
        "Deputy Leader of the Community Independent Group",
    ),
    ("2010", "Tree Chambers-Dubus", LAB_COOP, "Moreland", "Vice-Chair of the Overview and Scrutiny Committee"),
    ("1522", "Terry Pullen", LAB_COOP, "Moreland", "Leader of the Labour Group"),
    ("2014", "Valerie Simms", LAB_COOP, "Moreland", ""),
    ("695", "Sebastian Field", LD, "Podsmead", "Cabinet Member for Environment"),
    ("2032", "Stephanie Chambers", CON, "Quedgeley Fieldcourt", "Leader of the Conservative Group"),
    ("2261", "Victoria Miller", CON, "Quedgeley Fieldcourt", "Chair of Audit and Governance Committee"),
    ("2049", "Liam Harries", LD, "Quedgeley Severn Vale", ""),
    ("117", "Andrew Lewis", CON, "Quedgeley Severn Vale", "Vice-Chair of Audit and Governance Committee"),
    ("2142", "Lorraine Campbell", CON, "Tuffley", ""),
    ("2028", "Caroline Courtney", LD, "Tuffley", "Cabinet Member for Culture and Leisure"),
    ("1531", "Howard Hyman", LD, "Westgate", "Spokesperson, Overview and Scrutiny Committee"),
    ("113", "Pam Tracey", CON, "Westgate", ""),
    ("2078", "Rebecca Trimnell", LD, "Westgate", "Cabinet Member for Community Engagement"),
]


def test_gloucester_committees_and_the_listings_read():
    url = WS + "GetCommittees"
    records = moderngov.parse_committees(url, (GLO / "GetCommittees.xml").read_bytes())
    assert len(records) == 131 and all(r.source_url == url for r in records)
    assert (records[0].upstream_id, records[0].name, records[0].is_expired) == ("123", "Airport Sub Committee", True)
    assert [(r.upstream_id, r.name) for r in records if not r.is_expired] == LIVE_COMMITTEES
    connector = moderngov.ModernGovConnector("https://democracy.gloucester.gov.uk", PoliteClient(rate_limit=0))
    scopes = connector.listing_scopes(records, date(2025, 1, 1), date(2025, 12, 31))
    assert scopes == [cid for cid, _ in LIVE_COMMITTEES]  # expired committees are not listed unless asked


def test_gloucester_cabinet_meetings():
    url = WS + "GetMeetings?lCommitteeId=129"
    stubs = moderngov.parse_meetings(url, (GLO / "GetMeetings_cabinet.xml").read_bytes())
    assert [(s.upstream_id, s.committee_upstream_id, s.status) for s in stubs] == [
        (mid, "129", status) for mid, _, status in CABINET_MEETINGS
    ]
    starts = {s.upstream_id: s.start for s in stubs}
    for mid, day, _ in CABINET_MEETINGS:
        d, m, y = (int(part) for part in day.split("/"))
        at = (12, 30) if mid == "7837" else (18, 0)
        assert starts[mid] == datetime(y, m, d, *at, tzinfo=LONDON), mid
    first_quarter = moderngov.parse_meetings(
        url, (GLO / "GetMeetings_cabinet.xml").read_bytes(), date(2025, 1, 1), date(2025, 3, 31)
    )
    assert [s.upstream_id for s in first_quarter] == ["7512", "7513", "7514"]


def test_gloucester_councillors_by_ward():
    url = WS + "GetCouncillorsByWard"
    people = moderngov.parse_councillors(url, (GLO / "GetCouncillorsByWard.xml").read_bytes())
    assert [(p.upstream_id, p.name, p.party, p.ward, p.title) for p in people] == COUNCILLORS
    assert {(p.kind, p.source_url) for p in people} == {("councillor", url)}


def test_gloucester_councillors_of_one_ward():
    url = WS + "GetCouncillorsByWardId?lWardId=285"
    people = moderngov.parse_councillors(url, (GLO / "GetCouncillorsByWardId_285.xml").read_bytes())
    assert [(p.upstream_id, p.name, p.party, p.ward, p.title) for p in people] == [
        c for c in COUNCILLORS if c[3] == "Kingsholm and Wotton"
    ]
