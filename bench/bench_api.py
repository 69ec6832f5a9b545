"""JSON API throughput: requests/s and p99 of the meeting list and detail on a 10,000-meeting database.

wrk drives a real WSGI server (waitress, in this process) serving the whole Django project. The baseline, on the
same server in the same run, is a trivial Django view returning a fixed JSON document through the same
middleware, so the ratio is what the API itself costs.
"""

import logging
import os
import re
import shutil
import subprocess
import sys
import threading
import types
import warnings

from _django import setup_django

MEETINGS = 10_000
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
CONNECTIONS = 8
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(url: str) -> tuple[float, float]:
    """Requests per second and p99 latency in ms of ``url`` under wrk."""
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", out).groups()
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses under load")
    return rps, float(value) * UNITS[unit]


def build_database() -> int:
    """10,000 meetings of one council and the full Kent Cabinet meeting; returns the Cabinet meeting's id."""
    from councilwatch.api.tests import factories

    kent = factories.kent()
    factories.make_meetings(kent, MEETINGS - 1, committee=factories.cabinet(kent))
    return factories.kent_cabinet_meeting().pk


def serve() -> str:
    """Start waitress on an ephemeral port with the project's URLs plus /bench/fixed; returns the base URL."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import JsonResponse
    from django.urls import clear_url_caches, include, path
    from waitress import create_server

    def fixed(request):
        return JsonResponse({"count": 1, "results": [{"id": 1, "title": "Cabinet"}]})

    urlconf = types.ModuleType("bench_api_urls")
    urlconf.urlpatterns = [path("bench/fixed", fixed), path("", include("councilwatch.urls"))]
    sys.modules[urlconf.__name__] = urlconf
    settings.ROOT_URLCONF = urlconf.__name__
    settings.API_ANON_RATE_PER_MINUTE = 10**9
    settings.DEBUG = False
    clear_url_caches()
    server = create_server(WSGIHandler(), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{server.effective_port}"


def main() -> None:
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is not installed (apt-get install wrk; make install does it)")
    warnings.filterwarnings("ignore", message="No directory at")
    setup_django()
    cabinet_id = build_database()
    base = serve()
    runs = {
        "baseline: fixed JSON view": "/bench/fixed",
        "meeting list, page 1 (50)": "/api/v1/meetings",
        "meeting list, filtered, page 20": "/api/v1/meetings?council=KEN&date_from=2000-01-01&status=held&page=20",
        "meeting detail (Kent Cabinet)": f"/api/v1/meetings/{cabinet_id}",
        "meeting detail (plain meeting)": f"/api/v1/meetings/{cabinet_id - 1}",
    }
    from councilwatch.meetings.models import Meeting

    logging.getLogger("waitress").setLevel(logging.ERROR)

    print(f"meetings in the database: {Meeting.objects.count()}; wrk -c{CONNECTIONS} -d{SECONDS}s against waitress")
    baseline = None
    for label, url in runs.items():
        rps, p99 = wrk(base + url)
        baseline = baseline or rps
        print(f"{label:34s} {rps:8.1f} req/s  p99 {p99:7.1f} ms  ratio {rps / baseline:.2f}x baseline")
