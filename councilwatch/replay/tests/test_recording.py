"""The Kent recording: every real document served byte for byte, answers in the real Manchester schema."""

import hashlib
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from django.conf import settings

from councilwatch.replay.build_kent import MEETINGS, build
from councilwatch.replay.site import KENT_DIR

DATA = Path(settings.DATA_DIR)
MANCHESTER = DATA / "moderngov" / "manchester"
WARDS = DATA / "moderngov" / "councillors_by_ward"
METADATA = [e for m in MEETINGS for e in json.loads((DATA / "kent" / m / "metadata.json").read_text())]


def paths(xml: str | bytes, prefix: str = "") -> set[str]:
    """Every element path (and path/@attribute) in a document."""
    found: set[str] = set()

    def walk(el: ET.Element, here: str) -> None:
        path = f"{here}/{el.tag}"
        found.add(path)
        found.update(f"{path}/@{name}" for name in el.attrib)
        for child in el:
            walk(child, path)

    walk(ET.fromstring(xml), prefix)
    return found


def child_tags(xml: str | bytes, path: str) -> list[str]:
    el = ET.fromstring(xml).find(path)
    assert el is not None, path
    return [c.tag for c in el]


def test_every_document_in_metadata_is_served_with_identical_bytes(replay_server, kent_recording):
    not_served = {d["url"] for d in kent_recording.manifest["not_served"]}
    assert len(METADATA) == 38 and len(not_served) == 1
    with httpx.Client(base_url=replay_server.base_url, timeout=5) as client:
        for entry in METADATA:
            target = entry["url"].removeprefix("https://democracy.kent.gov.uk")
            response = client.get(target)
            if entry["url"] in not_served:
                assert response.status_code == 404, target
                continue
            assert response.status_code == 200, target
            assert response.headers["content-type"] == "application/pdf"
            assert hashlib.sha256(response.content).hexdigest() == entry["hash"], target
    assert replay_server.count("/documents/*") == len(METADATA)


def test_meeting_papers_are_identified_by_number_and_T_like_moderngov(replay_server):
    with httpx.Client(base_url=replay_server.base_url, timeout=5) as client:
        frontsheet = client.get("/documents/g9475/anything.pdf?T=0")
        minutes = client.get("/documents/g9475/anything.pdf?T=1")
        assert hashlib.sha256(frontsheet.content).hexdigest().startswith("0503a6eb")
        assert hashlib.sha256(minutes.content).hexdigest().startswith("557052f3")
        assert client.get("/documents/g9475/anything.pdf?T=10").status_code == 404
        assert client.get("/documents/s1/none.pdf").status_code == 404


def test_answers_use_only_the_manchester_schema():
    manchester_meeting = (MANCHESTER / "GetMeeting_meeting_with_minutes.xml").read_text()
    pairs = [
        ("GetCommittees.xml", [MANCHESTER / "GetCommittees_committees.xml"]),
        ("GetMeetings_115.xml", [MANCHESTER / "GetMeetings_meetings.xml"]),
        ("GetMeetings_900000.xml", [MANCHESTER / "GetMeetings_meetings.xml"]),
        ("GetMeeting_9475.xml", [MANCHESTER / "GetMeeting_meeting_with_minutes.xml"]),
        ("GetMeeting_9645.xml", [MANCHESTER / "GetMeeting_meeting_with_minutes.xml"]),
        (
            "GetCouncillorsByWard.xml",
            [
                WARDS / "GetCouncillorsByWard_kingston.gov.uk.xml",
                WARDS / "GetCouncillorsByWard_oadby-wigston.gov.uk.xml",
            ],
        ),
    ]
    for ours, theirs in pairs:
        text = (KENT_DIR / ours).read_text()
        assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<')
        real = set().union(*(paths(p.read_bytes()) for p in theirs))
        extra = paths(text) - real
        assert not extra, f"{ours} has elements the real service never sends: {sorted(extra)}"
    # Items and linked documents carry every field, in the real order.
    for meeting in ("GetMeeting_9475.xml", "GetMeeting_9645.xml"):
        text = (KENT_DIR / meeting).read_text()
        assert child_tags(text, ".") == child_tags(manchester_meeting, ".")
        assert child_tags(text, "agendaitems/agendaitem") == child_tags(manchester_meeting, "agendaitems/agendaitem")
        assert child_tags(text, ".//linkeddoc") == child_tags(manchester_meeting, ".//linkeddoc")


def test_answers_follow_the_services_written_form():
    for name in ("GetCommittees.xml", "GetMeetings_115.xml", "GetMeeting_9475.xml", "GetCouncillorsByWard.xml"):
        root = ET.fromstring((KENT_DIR / name).read_bytes())
        for el in root.iter():
            if el.tag.endswith("count") and el.tag != "declarationcount":
                assert el.text and el.text.startswith(" ") and el.text[1:].isdigit(), (name, el.tag, el.text)
            if el.tag.startswith("is") and el.text and el.text.strip():
                assert el.text in ("True", "False"), (name, el.tag, el.text)
    raw = (KENT_DIR / "GetMeeting_9475.xml").read_text()
    assert '<minutesnonemptyhtmlbody>&lt;div class="WordSection1"&gt;\n&lt;p class="MsoNormal"&gt;' in raw
    assert "  <meetingroom>\n  </meetingroom>\n" in raw  # an empty element, as the service writes it


def test_getmeeting_holds_the_real_items_documents_and_attendees():
    root = ET.fromstring((KENT_DIR / "GetMeeting_9475.xml").read_bytes())
    items = root.findall("agendaitems/agendaitem")
    assert [i.findtext("agendaitemnumber") for i in items] == [str(n) for n in range(1, 10)]
    assert items[4].findtext("agendaitemtitle").startswith("24/00108 - Revenue and Capital Budget Monitoring Report")
    assert [i.findtext("minutesitemnumber") for i in items] == [str(n) for n in range(84, 93)]
    assert "Apologies were received from Mrs C Bell." in items[0].findtext("minutesnonemptyhtmlbody")
    docs = root.findall(".//linkeddoc")
    served = {e["url"] for e in METADATA if "/documents/s" in e["url"]} - {
        "https://democracy.kent.gov.uk/documents/s128748/24-00096%20-%20Commissioning%20Plan%20for%20Education%20Provision%20in%20Kent%202025-29.pdf"
    }
    cabinet = {e["url"] for e in METADATA if e["committee"] == "cabinet"}
    assert {d.findtext("url") for d in docs} == served & cabinet
    for doc in docs:
        assert doc.findtext("url").split("/documents/s")[1].startswith(doc.findtext("attachmentid") + "/")
    people = {a.get("name"): a.get("attendance") for a in root.iter("attendee")}
    assert people["Mr R W Gough"] == "Present" and people["Mrs C Bell"] == "Apologies"
    assert people["Dr A Ghosh"] == "In attendance" and people["Mrs L Gannon"] == "In attendance virtually"
    assert len([p for p, a in people.items() if a == "Present"]) == 9
    council = ET.fromstring((KENT_DIR / "GetMeeting_9645.xml").read_bytes())
    assert council.findtext("meetingplannedfinishtime") == "4.30 pm"
    assert council.find("agendaitems/agendaitem[3]/agendatext").text.count("To follow") == 1
    assert len([a for a in council.iter("attendee") if a.get("attendance") == "Present"]) == 67


def test_committed_files_are_what_the_build_writes(tmp_path):
    written = sorted(p.relative_to(tmp_path).as_posix() for p in build(DATA, tmp_path))
    committed = sorted(p.relative_to(KENT_DIR).as_posix() for p in KENT_DIR.rglob("*.*") if p.name != "README.md")
    assert written == committed
    for name in written:
        assert (tmp_path / name).read_text() == (KENT_DIR / name).read_text(), f"{name} is stale: run build_replay_kent"


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("", ["9475"]),
        ("&sFromDate=01/01/2025&sToDate=31/01/2025", ["9475"]),
        ("&sFromDate=30/01/2025&sToDate=30/01/2025", ["9475"]),  # inclusive
        ("&sFromDate=31/01/2025&sToDate=28/02/2025", []),
        ("&sFromDate=01/12/2024&sToDate=29/01/2025", []),
        ("&sFromDate=2025-02-01&sToDate=2025-02-28", ["9475"]),  # ISO dates are ignored: everything
    ],
)
def test_getmeetings_honours_the_date_window(replay_server, window, expected):
    response = httpx.get(replay_server.url(f"/mgWebService.asmx/GetMeetings?lCommitteeId=115{window}"), timeout=5)
    root = ET.fromstring(response.content)
    assert [m.findtext("meetingid") for m in root.iter("meeting")] == expected
    assert root.findtext("meetingscount") == f" {len(expected)}"


def test_links_point_back_at_the_replay_server(replay_server):
    with httpx.Client(base_url=replay_server.base_url, timeout=5) as client:
        xml = client.get("/mgWebService.asmx/GetMeeting?lmeetingid=9645").text
        page = client.get("/ieListDocuments.aspx?CId=900000&MId=9645&Ver=4").text
        assert "democracy.kent.gov.uk" not in xml + page
        urls = [u.text for u in ET.fromstring(xml.encode()).iter("url")]
        assert urls and all(u.startswith(replay_server.base_url + "/documents/s") for u in urls)
        assert page.count(replay_server.base_url + "/documents/") == 5
        for url in urls:
            assert client.get(url).status_code == 200
        assert client.get("/robots.txt").text == "User-agent: *\nDisallow: /_replay/\n"
        assert client.get("/mgWebService.asmx/GetMeeting?lMeetingId=1").status_code == 500
        assert client.get("/mgWebService.asmx/GetMeetings?lCommitteeId=1").status_code == 500
        assert client.get("/nowhere").status_code == 404


def test_agenda_stage_serves_each_meeting_as_its_agenda_was_published(replay_server):
    minutes_pdf = "/documents/g9475/Printed%20minutes%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=1"
    supplement = "/documents/s128883/x.pdf"
    with httpx.Client(base_url=replay_server.base_url, timeout=5) as client:
        replay_server.set_stage("agenda")
        cabinet = ET.fromstring(client.get("/mgWebService.asmx/GetMeeting?lMeetingId=9475").content)
        council = ET.fromstring(client.get("/mgWebService.asmx/GetMeeting?lMeetingId=9645").content)
        assert cabinet.findtext("minutepublished") == "False" and not list(cabinet.find("attendees"))
        assert all(not (i.findtext("minutesnonemptyhtmlbody") or "").strip() for i in cabinet.iter("agendaitem"))
        titles = [d.findtext("title") for d in cabinet.iter("linkeddoc")]
        assert len(titles) == 28 and not any(t.startswith("Item 7 - Supplementary") for t in titles)
        assert not list(council.iter("linkeddoc"))  # item 3's papers were "To follow"
        assert client.get(minutes_pdf).status_code == 404 and client.get(supplement).status_code == 404
        assert client.get("/documents/g9475/x.pdf?T=0").status_code == 200
        assert "Printed minutes" not in client.get("/ieListDocuments.aspx?CId=115&MId=9475").text
        # Switched at runtime through the control endpoint: minutes and supplements appear.
        assert client.post("/_replay/stage", json={"stage": "published"}).json() == {"stage": "published"}
        cabinet = ET.fromstring(client.get("/mgWebService.asmx/GetMeeting?lMeetingId=9475").content)
        assert len(list(cabinet.iter("linkeddoc"))) == 30 and cabinet.findtext("minutepublished") == "True"
        assert client.get(minutes_pdf).status_code == 200 and client.get(supplement).status_code == 200
        assert client.post("/_replay/stage", json={"stage": "draft"}).status_code == 400
        assert client.get("/_replay/stage").json() == {"stage": "published"}


def test_replay_imports_nothing_but_core():
    root = Path(__file__).resolve().parent.parent
    for path in root.rglob("*.py"):
        for line in path.read_text().splitlines():
            if line.startswith(("from councilwatch", "import councilwatch")):
                module = line.split()[1]
                assert module.startswith(("councilwatch.replay", "councilwatch.core")), f"{path.name}: {line}"
