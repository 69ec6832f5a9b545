"""Each fault behaves as documented, can be limited to the first N requests, and can be switched mid-run."""

import json
import time

import httpx
import pytest

from councilwatch.replay.faults import FaultSpecError, parse_rule, parse_rules
from councilwatch.replay.server import EMPTY_WARDS, HTML_ERROR_PAGE, JS_REDIRECT_PAGE
from councilwatch.replay.testing import running_replay_server

COMMITTEES = "/mgWebService.asmx/GetCommittees"
FRONTSHEET = "/documents/g9645/Agenda%20frontsheet%2009th-Jan-2025%2010.00%20County%20Council.pdf?T=0"


def test_rules_are_read_from_their_written_form():
    rule = parse_rule("/mgWebService.asmx/GetMeeting?lMeetingId=9475=http503:2:retry_after=7")
    assert (rule.pattern, rule.kind, rule.times, rule.retry_after) == (
        "/mgWebService.asmx/GetMeeting?lMeetingId=9475",
        "http503",
        2,
        7,
    )
    assert [r.kind for r in parse_rules("/a=slow:seconds=0.5; re:^/b=timeout  /c=truncated")] == [
        "slow",
        "timeout",
        "truncated",
    ]
    for bad, message in [
        ("/a", "PATTERN=KIND"),
        ("/a=explode", "no known kind"),
        ("/a=http500:times=0", "at least 1"),
        ("/a=http500:speed=3", "unknown option"),
        ("re:(=http500", "regular expression"),
    ]:
        with pytest.raises(FaultSpecError, match=message):
            parse_rule(bad)


def test_rule_matches_raw_and_decoded_targets_and_regex():
    assert parse_rule("/documents/g9645/Agenda frontsheet*=http500").matches(FRONTSHEET)
    assert parse_rule("re:GetMeeting\\?lMeetingId=96=http500").matches("/mgWebService.asmx/GetMeeting?lMeetingId=9645")
    assert not parse_rule("/documents/s*=http500").matches(FRONTSHEET)


def test_http500_for_the_first_n_requests_then_recovery(replay_server):
    replay_server.set_faults([f"{COMMITTEES}=http500:2"])
    statuses = [httpx.get(replay_server.url(COMMITTEES), timeout=2).status_code for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert [r.fault for r in replay_server.requests] == ["http500", "http500", None]
    assert [r.status for r in replay_server.requests] == [500, 500, 200]


def test_http503_carries_retry_after(replay_server):
    replay_server.set_faults([f"{COMMITTEES}=http503:1:retry_after=3"])
    response = httpx.get(replay_server.url(COMMITTEES), timeout=2)
    assert response.status_code == 503 and response.headers["Retry-After"] == "3"


def test_timeout_holds_the_request_unanswered_then_recovers(replay_server):
    replay_server.set_faults([{"pattern": COMMITTEES, "kind": "timeout", "times": 1, "seconds": 2}])
    started = time.monotonic()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(replay_server.url(COMMITTEES), timeout=0.3)
    assert time.monotonic() - started < 1.5
    assert httpx.get(replay_server.url(COMMITTEES), timeout=2).status_code == 200
    assert replay_server.count(COMMITTEES) == 2


def test_timeout_does_not_keep_the_server_from_stopping():
    with running_replay_server([f"{COMMITTEES}=timeout"], timeout_seconds=60) as replay:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(replay.url(COMMITTEES), timeout=0.2)
        started = time.monotonic()
    assert time.monotonic() - started < 5


def test_truncated_promises_more_than_it_sends(replay_server):
    replay_server.set_faults(["/documents/*=truncated:1"])
    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|without sending complete"):
        httpx.get(replay_server.url(FRONTSHEET), timeout=2)
    assert httpx.get(replay_server.url(FRONTSHEET), timeout=2).content[:5] == b"%PDF-"


def test_html_error_and_js_redirect_are_the_real_bad_pages_with_status_200(replay_server):
    replay_server.set_faults([f"{COMMITTEES}=html_error:1", "/mgWebService.asmx/GetCouncillorsByWard=js_redirect"])
    error = httpx.get(replay_server.url(COMMITTEES), timeout=2)
    redirect = httpx.get(replay_server.url("/mgWebService.asmx/GetCouncillorsByWard"), timeout=2)
    assert error.status_code == 200 and error.content == HTML_ERROR_PAGE.read_bytes()
    assert error.headers["content-type"].startswith("text/html")
    assert redirect.status_code == 200 and redirect.content == JS_REDIRECT_PAGE.read_bytes()
    assert httpx.get(replay_server.url(COMMITTEES), timeout=2).text.startswith("<?xml")


def test_slow_trickles_the_whole_body(replay_server):
    replay_server.set_faults([{"pattern": "/documents/*", "kind": "slow", "seconds": 0.6}])
    expected = replay_server.recording.document_bytes("g9645?T=0")
    started = time.monotonic()
    with httpx.stream("GET", replay_server.url(FRONTSHEET), timeout=2) as response:
        pieces = [chunk for chunk in response.iter_raw()]
    elapsed = time.monotonic() - started
    assert b"".join(pieces) == expected
    assert 0.45 < elapsed < 3 and len(pieces) > 1
    with pytest.raises(httpx.ReadTimeout):  # a client with a short read timeout gives up
        replay_server.set_faults([{"pattern": "/documents/*", "kind": "slow", "seconds": 4}])
        httpx.get(replay_server.url(FRONTSHEET), timeout=0.1)


def test_redirect_loop(replay_server):
    replay_server.set_faults([f"{COMMITTEES}=redirect_loop"])
    with pytest.raises(httpx.TooManyRedirects):
        httpx.get(replay_server.url(COMMITTEES), timeout=2, follow_redirects=True)
    assert replay_server.count(COMMITTEES) == 21  # httpx's limit of 20 redirects, plus the first request
    replay_server.set_faults([f"{COMMITTEES}=redirect_loop:2"])
    assert httpx.get(replay_server.url(COMMITTEES), timeout=2, follow_redirects=True).status_code == 200


def test_faults_through_the_control_endpoint(replay_server):
    base = replay_server.base_url
    with httpx.Client(base_url=base, timeout=2) as client:
        set_ = client.post("/_replay/faults", content=json.dumps([f"{COMMITTEES}=http500:1"]))
        assert set_.status_code == 200 and set_.json()["faults"][0]["remaining"] == 1
        client.post("/_replay/faults", json={"faults": [{"pattern": "/robots.txt", "kind": "http503"}], "append": True})
        assert [f["kind"] for f in client.get("/_replay/faults").json()["faults"]] == ["http500", "http503"]
        assert client.get(COMMITTEES).status_code == 500
        assert client.get(COMMITTEES).status_code == 200
        assert client.get("/robots.txt").status_code == 503
        assert client.delete("/_replay/faults").json() == {"faults": []}
        assert client.get("/robots.txt").status_code == 200
        bad = client.post("/_replay/faults", json=[{"pattern": "/x", "kind": "explode"}])
        assert bad.status_code == 400 and "explode" in bad.json()["error"]
        log = client.get("/_replay/requests").json()
        assert log["per_path"] == {COMMITTEES: 2, "/robots.txt": 2}  # the control endpoint is not logged
        assert [r["fault"] for r in log["requests"]] == ["http500", None, "http503", None]
        client.delete("/_replay/requests")
        assert replay_server.requests == []


def test_faults_given_at_start_and_per_path_counts():
    with running_replay_server(faults="/mgWebService.asmx/*=http503:1") as replay:
        assert httpx.get(replay.url(COMMITTEES), timeout=2).status_code == 503
        assert httpx.get(replay.url(COMMITTEES), timeout=2).status_code == 200
        httpx.get(replay.url("/robots.txt"), timeout=2)
        assert replay.per_path() == {COMMITTEES: 2, "/robots.txt": 1}
        assert replay.count("/mgWebService.asmx/*") == 2


def test_disconnect_closes_without_an_answer(replay_server):
    replay_server.set_faults([f"{COMMITTEES}=disconnect:1"])
    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        httpx.get(replay_server.url(COMMITTEES), timeout=2)
    assert httpx.get(replay_server.url(COMMITTEES), timeout=2).status_code == 200
    assert [(r.status, r.fault) for r in replay_server.requests] == [(None, "disconnect"), (200, None)]


def test_empty_answers_are_empty_in_the_services_schema(replay_server):
    replay_server.set_faults(["/mgWebService.asmx/*=empty"])
    wards = httpx.get(replay_server.url("/mgWebService.asmx/GetCouncillorsByWard"), timeout=2)
    assert wards.status_code == 200 and wards.content == EMPTY_WARDS.read_bytes()
    committees = httpx.get(replay_server.url(COMMITTEES), timeout=2).text
    assert committees.endswith("<committees>\n  <committeescount> 0</committeescount>\n</committees>\n")
    meetings = httpx.get(replay_server.url("/mgWebService.asmx/GetMeetings?lCommitteeId=115"), timeout=2).text
    assert "<meetingscount> 0</meetingscount>" in meetings and "<meeting>" not in meetings


def test_a_name_in_a_pattern_is_whole_getmeeting_is_not_getmeetings(replay_server):
    meeting = "/mgWebService.asmx/GetMeeting?lMeetingId=9475"
    listing = "/mgWebService.asmx/GetMeetings?lCommitteeId=115&sFromDate=01/01/2025&sToDate=31/01/2025"
    rule = parse_rule("/mgWebService.asmx/GetMeeting*=http500")
    assert rule.matches(meeting) and not rule.matches(listing)
    assert parse_rule("/mgWebService.asmx/GetMeeting[s]*=http500").matches(listing)
    assert parse_rule("/mgWebService.asmx/GetMeetings*=http500").matches(listing)
    assert parse_rule("/documents/s*=http500").matches("/documents/s128315/Devolution.pdf")  # digits go on
    assert parse_rule("/documents/g*T=1*=http500").matches("/documents/g9475/Printed%20minutes.pdf?T=1")

    replay_server.set_faults(["/mgWebService.asmx/GetMeeting*=http500"])
    assert httpx.get(replay_server.url(listing), timeout=2).status_code == 200
    assert httpx.get(replay_server.url(meeting), timeout=2).status_code == 500
    assert (replay_server.count("/mgWebService.asmx/GetMeeting*"), replay_server.count("/mgWebService.asmx/*")) == (
        1,
        2,
    )
