"""A ModernGov site on 127.0.0.1 answering with the real Manchester fixtures and real Kent PDFs as papers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings

from councilwatch.core.http import close_shared_client
from councilwatch.core.tests.local_server import Answer, LocalServer, local_server
from councilwatch.councils.models import Council
from councilwatch.replay.fixtures import kent_recording, replay_server  # noqa: F401

MAN = settings.DATA_DIR / "moderngov" / "manchester"
KENT = settings.DATA_DIR / "kent" / "cabinet_2025-01-30" / "originals"
NO_MEETINGS = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<getmeetings>\n  <meetingscount> 0</meetingscount>\n</getmeetings>'
)
PAPERS = {
    "60860": KENT / "Minutes of the meeting held on 9th January 2025.pdf",
    "60909": KENT / "24-00096 - PRoD.pdf",
    "g4967": KENT / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf",
}
MEETING_PAGE = (
    '<html><body><ul class="mgBulletList"><li><a href="documents/g4967/Printed%20minutes%2010th-Feb-2026'
    '%2010.00%20Audit%20Committee.pdf?T=1" title="Link to file Printed minutes 10th-Feb-2026 10.00 Audit Committee">'
    "Printed minutes</a></li></ul></body></html>"
)


def bare_meeting_page(meeting_id: str) -> str:
    """A ModernGov meeting page with no papers linked (the shape of its title and attendance link)."""
    return (
        '<html><body><h1 class="mgMainTitleTxt">Agenda</h1><ul class="mgActionList"><li>'
        f'<a href="mgMeetingAttendance.aspx?ID={meeting_id}">Attendance details</a></li></ul></body></html>'
    )


@dataclass
class FixtureSite:
    server: LocalServer
    overrides: dict[str, Answer]  # path (without query) or "Operation:id" -> a replacement answer

    @property
    def url(self) -> str:
        return self.server.url


def _xml(path) -> Answer:  # type: ignore[no-untyped-def]
    return Answer(body=path.read_bytes(), headers={"Content-Type": "text/xml; charset=utf-8"})


@pytest.fixture
def manchester_site() -> Iterator[FixtureSite]:
    overrides: dict[str, Answer] = {}

    def answer(key: str, default: Answer) -> Answer:
        return overrides.get(key, default)

    def get_meetings(n: int, path: str) -> Answer:
        cid = parse_qs(urlsplit(path).query).get("lCommitteeId", [""])[0]
        default = _xml(MAN / "GetMeetings_meetings.xml") if cid == "144" else Answer(body=NO_MEETINGS)
        return answer(f"GetMeetings:{cid}", answer("GetMeetings", default))

    def get_meeting(n: int, path: str) -> Answer:
        mid = parse_qs(urlsplit(path).query).get("lMeetingId", [""])[0]
        name = {"4966": "GetMeeting_meeting_no_minutes.xml", "4967": "GetMeeting_meeting_with_minutes.xml"}.get(mid)
        return answer(f"GetMeeting:{mid}", _xml(MAN / name) if name else Answer(404, b"no such meeting"))

    def convert(n: int, path: str) -> Answer:
        aid = parse_qs(urlsplit(path).query).get("ID", [""])[0]
        default = Answer(body=PAPERS[aid].read_bytes(), headers={"Content-Type": "application/pdf"})
        return answer(f"paper:{aid}", default)

    def meeting_page(n: int, path: str) -> Answer:
        mid = parse_qs(urlsplit(path).query).get("MId", [""])[0]
        return answer(f"page:{mid}", Answer(body=(MEETING_PAGE if mid == "4967" else bare_meeting_page(mid)).encode()))

    routes = {
        "/mgWebService.asmx/GetCommittees": lambda n, p: answer(
            "GetCommittees", _xml(MAN / "GetCommittees_committees.xml")
        ),
        "/mgWebService.asmx/GetMeetings": get_meetings,
        "/mgWebService.asmx/GetMeeting": get_meeting,
        "/mgWebService.asmx/GetCouncillorsByWard": lambda n, p: answer(
            "GetCouncillorsByWard",
            _xml(settings.DATA_DIR / "moderngov" / "councillors_by_ward" / "GetCouncillorsByWard_kingston.gov.uk.xml"),
        ),
        "/mgConvert2PDF.aspx": convert,
        "/ieListDocuments.aspx": meeting_page,
        "/documents/g4967/Printed%20minutes%2010th-Feb-2026%2010.00%20Audit%20Committee.pdf": lambda n, p: answer(
            "paper:g4967", Answer(body=PAPERS["g4967"].read_bytes(), headers={"Content-Type": "application/pdf"})
        ),
    }
    with local_server(routes) as server:
        yield FixtureSite(server, overrides)


@pytest.fixture
def fast_http(settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Short timeouts and backoff, no rate limit, and a fresh shared client (no robots.txt cached from before)."""
    settings.HTTP_RATE_LIMIT = 0
    settings.HTTP_TIMEOUT = 1.0
    settings.HTTP_MAX_RETRIES = 1
    settings.HTTP_BACKOFF = 0.01
    settings.HTTP_RETRY_AFTER_MAX = 0.05
    close_shared_client()
    yield
    close_shared_client()


def make_council(code: str, name: str, platform: str, base_url: str, support_level: str = "full") -> Council:
    """A council row as load_councils would make it (only what a crawl reads matters here)."""
    return Council.objects.create(
        code=code,
        gss_code=f"E0{code}",
        official_name=name,
        name=name.split(" ")[0],
        nation="England",
        la_type="MD",
        la_type_name="Metropolitan district",
        platform=platform,
        platform_base_url=base_url,
        support_level=support_level,
    )


@pytest.fixture
def manchester(db) -> Council:  # type: ignore[no-untyped-def]
    return make_council("MAN", "Manchester City Council", "moderngov", "https://democracy.manchester.gov.uk")


@pytest.fixture
def kent(db) -> Council:  # type: ignore[no-untyped-def]
    return make_council("KEN", "Kent County Council", "moderngov", "https://democracy.kent.gov.uk")
