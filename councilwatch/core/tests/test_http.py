"""The polite HTTP client against a real server on 127.0.0.1, with the real bad answers from data/moderngov."""

import itertools
import time

import pytest
from django.conf import settings

from councilwatch.core.http import (
    FetchTimeout,
    HttpStatus,
    PoliteClient,
    RobotsDisallowed,
    TooLarge,
    TooManyRedirects,
    Truncated,
    UnexpectedContent,
    check_content,
)
from councilwatch.core.tests.local_server import Answer, local_server

CBW = settings.DATA_DIR / "moderngov" / "councillors_by_ward"
XML = (settings.DATA_DIR / "moderngov" / "manchester" / "GetCommittees_committees.xml").read_bytes()


def client(**kw) -> PoliteClient:
    options = {"rate_limit": 0, "timeout": 2, "max_retries": 2, "backoff": 0.01, "respect_robots": True}
    options.update(kw)
    return PoliteClient(**options)


def test_xml_comes_back_with_user_agent_naming_councilwatch_and_contact():
    with local_server({"/ws": Answer(body=XML, headers={"Content-Type": "text/xml"})}) as srv, client() as http:
        response = http.get(srv.url + "/ws", params={"d": "01/01/2025"}, expect="xml")
    assert response.content == XML
    assert response.media_type == "text/xml"
    path, _, agent = srv.log[-1]
    assert path == "/ws?d=01%2F01%2F2025"
    assert "councilwatch" in agent and settings.CONTACT_URL in agent


def test_real_bad_answers_give_distinct_clear_errors():
    url = "http://example.test/mgWebService.asmx/GetCouncillorsByWard"
    with pytest.raises(UnexpectedContent) as leeds:
        check_content(url, (CBW / "GetCouncillorsByWard_leeds.gov.uk_ERROR_PAGE.html").read_bytes(), "xml")
    with pytest.raises(UnexpectedContent) as denbigh:
        check_content(url, (CBW / "GetCouncillorsByWard_denbighshire.gov.uk_JS_REDIRECT_PAGE.html").read_bytes(), "xml")
    assert leeds.value.url == url and url in str(leeds.value)
    assert leeds.value.reason == "expected XML but got an HTML page (title 'Error')"
    assert denbigh.value.reason == "expected XML but got a JavaScript redirect stub, not data"
    check_content(url, (CBW / "GetCouncillorsByWard_kingston.gov.uk.xml").read_bytes(), "xml")


def test_pdf_expectation_rejects_html():
    with pytest.raises(UnexpectedContent, match="expected PDF but got an HTML page"):
        check_content("http://x.test/a.pdf", b"<html><title>Oops</title></html>", "pdf")
    check_content("http://x.test/a.pdf", b"%PDF-1.7\n...", "pdf")


def test_retries_5xx_with_backoff_then_succeeds():
    routes = {"/flaky": lambda n, _: Answer(500, b"boom") if n < 3 else Answer(body=XML)}
    with local_server(routes) as srv, client() as http:
        assert http.get(srv.url + "/flaky").content == XML
    assert srv.hits["/flaky"] == 3


def test_gives_up_after_max_retries_with_status_error():
    with (
        local_server({"/down": Answer(500, b"boom")}) as srv,
        client(max_retries=1) as http,
        pytest.raises(HttpStatus) as err,
    ):
        http.get(srv.url + "/down")
    assert err.value.status == 500 and "HTTP 500" in err.value.reason
    assert srv.hits["/down"] == 2


def test_404_is_not_retried():
    with local_server({}) as srv, client() as http, pytest.raises(HttpStatus) as err:
        http.get(srv.url + "/missing")
    assert err.value.status == 404 and srv.hits["/missing"] == 1


def test_retry_after_is_honoured_and_capped():
    waits: list[float] = []
    routes = {"/busy": lambda n, _: Answer(503, b"busy", {"Retry-After": "1000"}) if n == 1 else Answer(body=XML)}
    with local_server(routes) as srv, client(retry_after_max=0.05, sleep=waits.append) as http:
        assert http.get(srv.url + "/busy").content == XML
    assert waits == [0.05]


def test_timeout_is_retried_then_reported():
    with (
        local_server({"/slow": Answer(body=XML, delay=0.5)}) as srv,
        client(timeout=0.1, max_retries=1) as http,
        pytest.raises(FetchTimeout) as err,
    ):
        http.get(srv.url + "/slow")
    assert "no answer within 0.1s" in err.value.reason
    assert srv.hits["/slow"] == 2


def test_truncated_body_is_an_error():
    with (
        local_server({"/cut": Answer(body=b"<a>half", content_length=500)}) as srv,
        client(max_retries=0) as http,
        pytest.raises(Truncated) as err,
    ):
        http.get(srv.url + "/cut")
    assert err.value.url.endswith("/cut")


def test_too_large_is_refused():
    with (
        local_server({"/big": Answer(body=b"x" * 5000)}) as srv,
        client(max_bytes=1000) as http,
        pytest.raises(TooLarge, match="exceeds the limit of 1000"),
    ):
        http.get(srv.url + "/big")


def test_redirect_loop_is_an_error():
    routes = {"/a": Answer(302, headers={"Location": "/b"}), "/b": Answer(302, headers={"Location": "/a"})}
    with local_server(routes) as srv, client(max_redirects=3) as http, pytest.raises(TooManyRedirects):
        http.get(srv.url + "/a")


def test_robots_txt_fetched_once_and_honoured():
    routes = {"/robots.txt": Answer(body=b"User-agent: *\nDisallow: /private\n"), "/open": Answer(body=b"ok")}
    with local_server(routes) as srv, client() as http:
        http.get(srv.url + "/open")
        http.get(srv.url + "/open")
        with pytest.raises(RobotsDisallowed):
            http.get(srv.url + "/private/x")
    assert srv.hits["/robots.txt"] == 1
    assert "/private/x" not in srv.hits


def test_rate_limit_spaces_requests_to_one_host():
    waits: list[float] = []  # the client asks to sleep this long before each request after the first

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    with (
        local_server({"/r": Answer(body=b"ok")}) as srv,
        client(rate_limit=4, respect_robots=False, sleep=sleep) as http,
    ):
        for _ in range(4):
            http.get(srv.url + "/r")
    arrivals = [at for path, at, _ in srv.log if path == "/r"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert len(gaps) == 3 and all(gap >= 0.2 for gap in gaps), gaps  # 4 a second: ~a quarter second apart
    # it waits only for what is left of the interval (a slow answer on a busy machine may leave nothing); the
    # first request may also wait for a slot an earlier test reserved on the same port in the shared store
    # (the slots chain from there, so only the first wait can be longer than the interval)
    assert all(0 < w <= 0.25 + 0.01 for w in waits[1:]), waits


def _fetch_in_child(url: str, times: int) -> None:
    with client(rate_limit=10, respect_robots=False) as http:
        for _ in range(times):
            http.get(url)


def test_the_rate_limit_per_host_holds_across_processes():
    """Two processes (two Celery workers, say) crawling one host keep its rate together, not each."""
    import multiprocessing

    with local_server({"/r": Answer(body=b"ok")}) as srv:
        context = multiprocessing.get_context("fork")
        children = [context.Process(target=_fetch_in_child, args=(srv.url + "/r", 5)) for _ in range(2)]
        for child in children:
            child.start()
        for child in children:
            child.join(30)
        arrivals = sorted(at for path, at, _ in srv.log if path == "/r")
    assert [c.exitcode for c in children] == [0, 0] and len(arrivals) == 10
    # 10 requests a second between the two: starts 0.1 s apart, so four in a row span 0.3 s (each process alone
    # keeping the rate would let them arrive in pairs: 0.1 s). Arrivals jitter with scheduling, hence the margins.
    spans = [arrivals[i + 3] - arrivals[i] for i in range(len(arrivals) - 3)]
    assert min(spans) > 0.2 and arrivals[-1] - arrivals[0] > 0.7, [round(s, 3) for s in spans]


def test_rate_limit_zero_means_no_waiting():
    slept: list[float] = []
    with local_server({"/r": Answer(body=b"ok")}) as srv, client(sleep=slept.append) as http:
        started = time.monotonic()
        for _ in range(3):
            http.get(srv.url + "/r")
    assert slept == [] and time.monotonic() - started < 2


def test_one_request_at_a_time_per_host():
    import threading

    in_flight, peak, lock = [0], [0], threading.Lock()

    def slow(n: int, path: str) -> Answer:
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.05)
        with lock:
            in_flight[0] -= 1
        return Answer(body=b"ok")

    with local_server({"/r": slow}) as srv, client(respect_robots=False) as http:
        threads = [threading.Thread(target=lambda: [http.get(srv.url + "/r") for _ in range(2)]) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert srv.hits["/r"] == 6 and peak[0] == 1
