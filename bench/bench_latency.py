"""Single-request latency of the slow pages: meeting page, search, API meeting list and detail (uncached).

One request at a time through the whole Django stack (middleware included, Django's test client, no server),
on a database of BENCH_LATENCY_MEETINGS (10,000) generated meetings plus Kent's real ones, shaped as in
bench_web. The baseline, in the same run, is robots.txt (a view with no queries) through the same stack.
Prints the median and best of BENCH_LATENCY_REPEAT (50) requests per page. BENCH_PROFILE=1 also prints a
pyinstrument profile of each page (pip install pyinstrument).
"""

import os
import statistics
import sys
import time
from pathlib import Path

from _django import setup_django

MEETINGS = int(os.environ.get("BENCH_LATENCY_MEETINGS", "10000"))
REPEAT = int(os.environ.get("BENCH_LATENCY_REPEAT", "50"))


def timings(client, url: str) -> list[float]:
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    out = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        out.append((time.perf_counter() - started) * 1000)
    return out


def profile(client, url: str) -> None:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(REPEAT):
            client.get(url)
    print(profiler.output_text(unicode=False, color=False, show_all=False))


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ["SEARCH_AUTO_INDEX"] = "0"
    setup_django()
    import io
    from contextlib import redirect_stdout

    from bench_web import prepare
    from django.conf import settings
    from django.test import Client

    with redirect_stdout(io.StringIO()) as printed:
        prepare(MEETINGS)
    code, meeting_id, count = printed.getvalue().strip().splitlines()[-1].split()
    settings.WEB_PAGE_CACHE_SECONDS = 0
    settings.API_ANON_RATE_PER_MINUTE = 10**9
    settings.ALLOWED_HOSTS = ["testserver", *settings.ALLOWED_HOSTS]
    client = Client()
    pages = {
        "baseline: robots.txt": "/robots.txt",
        "meeting page (Kent Cabinet)": f"/councils/{code}/meetings/{meeting_id}/",
        "search 'devolution'": "/search/?q=devolution",
        "API meeting list, page 1": "/api/v1/meetings",
        "API meeting detail (Kent Cabinet)": f"/api/v1/meetings/{meeting_id}",
    }
    print(f"{count} meetings; {REPEAT} sequential requests per page through Django's test client, cache off")
    baseline = None
    for label, url in pages.items():
        ms = timings(client, url)
        median = statistics.median(ms)
        baseline = baseline or median
        print(f"{label:36s} median {median:7.2f} ms  best {min(ms):7.2f} ms  {median / baseline:6.1f}x baseline")
        if os.environ.get("BENCH_PROFILE") and label != "baseline: robots.txt":
            profile(client, url)


if __name__ == "__main__":
    main()
