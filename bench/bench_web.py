"""Website under load: the meeting page and a search on a database of 10,000+ meetings, served by gunicorn.

For SQLite and (when reachable) PostgreSQL, with the page cache off (every request renders and queries) and
on, next to the same gunicorn serving a saved copy of the meeting page (the ceiling), all in this run.
Load comes from wrk. ``python bench/bench_web.py`` runs it alone; ``make bench`` runs it with the others.
Environment: BENCH_WEB_MEETINGS (10000), BENCH_WEB_SECONDS (5), BENCH_PG_URL
(postgres://postgres@127.0.0.1:5432/cw_web).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _django import ensure_postgres_database

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MEETINGS = int(os.environ.get("BENCH_WEB_MEETINGS", "10000"))
SECONDS = int(os.environ.get("BENCH_WEB_SECONDS", "5"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cw_web")


def prepare(meetings: int) -> None:
    """Child process: migrate, load Kent-shaped data and grow the database to ``meetings`` meetings."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")
    django.setup()
    from datetime import timedelta

    from django.core.management import call_command
    from django.db import transaction

    from councilwatch.councils.models import Committee, Council
    from councilwatch.councils.registry import load_councils
    from councilwatch.meetings.models import AgendaItem, Meeting
    from councilwatch.search.models import EntryKind, SearchEntry
    from councilwatch.search.services import _update_vectors
    from councilwatch.summaries.models import Summary
    from councilwatch.testing.factories import kent_world

    call_command("migrate", verbosity=0)
    with transaction.atomic():
        SearchEntry.objects.all().delete()
        Meeting.objects.all().delete()
        Committee.objects.all().delete()
    load_councils()
    world = kent_world()
    councils = list(Council.objects.exclude(code="KEN").order_by("code")[:50])
    committees = Committee.objects.bulk_create(
        Committee(council=c, name=name, slug=name.lower(), upstream_id=name)
        for c in councils
        for name in ("Cabinet", "Planning", "Scrutiny")
    )
    base = world["cabinet"].start
    rows = [
        Meeting(
            council_id=committees[i % len(committees)].council_id,
            committee=committees[i % len(committees)],
            start=base - timedelta(days=i % 3650, hours=i % 7),
            upstream_id=f"bench-{i}",
            status="held",
        )
        for i in range(meetings)
    ]
    with transaction.atomic():
        created = Meeting.objects.bulk_create(rows, batch_size=2000)
        topics = ["budget", "housing", "schools", "libraries", "roads", "waste", "planning", "social care"]
        AgendaItem.objects.bulk_create(
            (
                AgendaItem(
                    meeting=m,
                    number=str(n),
                    order=n,
                    title=f"{topics[(m.pk + n) % 8].title()} report {n}",
                    upstream_id=str(n),
                )
                for m in created
                for n in (1, 2, 3)
            ),
            batch_size=5000,
        )
        Summary.objects.bulk_create(
            (
                Summary(
                    meeting=m,
                    version=1,
                    is_latest=True,
                    kind="outcome",
                    backend="bench",
                    summariser_version="0",
                    sources_fingerprint="0" * 64,
                    headline=f"The committee discussed {topics[m.pk % 8]} and {topics[(m.pk + 3) % 8]}.",
                    body={
                        "sections": [
                            {
                                "item_number": "1",
                                "title": topics[m.pk % 8].title(),
                                "text": "Members noted the report.",
                                "decisions": [],
                                "citations": [],
                            }
                        ]
                    },
                )
                for m in created
            ),
            batch_size=5000,
        )
        SearchEntry.objects.bulk_create(
            (
                SearchEntry(
                    kind=kind,
                    council_id=m.council_id,
                    committee_id=m.committee_id,
                    meeting=m,
                    date=m.start,
                    title=f"{topics[m.pk % 8].title()} {kind}",
                    body=f"Councillors discussed {topics[m.pk % 8]}, {topics[(m.pk + 3) % 8]} and local devolution proposals."
                    if m.pk % 10 == 0
                    else f"Councillors discussed {topics[m.pk % 8]} and {topics[(m.pk + 5) % 8]}.",
                )
                for m in created
                for kind in (EntryKind.MEETING, EntryKind.SUMMARY, EntryKind.ITEM)
            ),
            batch_size=5000,
        )
        _update_vectors(SearchEntry.objects.filter(meeting__upstream_id__startswith="bench-"))
    print(f"KEN {world['cabinet'].pk} {Meeting.objects.count()}", flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(app: str, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=2)
            return process, url
        except Exception:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"gunicorn {app} did not start: {process.stderr.read().decode()[-2000:]}")


def wrk(url: str) -> tuple[float, float, float]:
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{SECONDS}s", "--latency", url], capture_output=True, text=True, check=True
    ).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"{url} answered errors under load:\n{out}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def ms(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rps, ms("50"), ms("99")


def run_backend(label: str, database_url: str) -> None:
    folder = tempfile.mkdtemp(prefix="cw-bench-web-")
    env = {
        **os.environ,
        "COUNCILWATCH_VAR_DIR": folder,
        "DATABASE_URL": database_url or f"sqlite:///{folder}/bench.sqlite3",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SEARCH_AUTO_INDEX": "0",
        "PYTHONPATH": str(ROOT),
    }
    started = time.perf_counter()
    out = subprocess.run(
        [PYTHON, __file__, "--prepare", str(MEETINGS)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if out.returncode:
        raise RuntimeError(f"preparing {label} failed:\n{out.stderr[-3000:]}")
    code, meeting_id, count = out.stdout.strip().splitlines()[-1].split()
    print(f"[{label}] {count} meetings ready in {time.perf_counter() - started:.0f}s", flush=True)
    meeting_path = f"/councils/{code}/meetings/{meeting_id}/"
    search_path = "/search/?q=devolution"
    results: dict[str, tuple[float, float, float]] = {}
    try:
        for cache_seconds in ("0", "600"):
            server, url = serve("councilwatch.wsgi:application", {**env, "WEB_PAGE_CACHE_SECONDS": cache_seconds})
            try:
                tag = "cached" if cache_seconds != "0" else "uncached"
                results[f"meeting page ({tag})"] = wrk(url + meeting_path)
                results[f"search 'devolution' ({tag})"] = wrk(url + search_path)
                if cache_seconds == "0":
                    page = Path(folder) / "meeting.html"
                    page.write_bytes(urllib.request.urlopen(url + meeting_path).read())
            finally:
                server.terminate()
                server.wait(10)
        server, url = serve(
            "_static_wsgi:application", {**env, "PYTHONPATH": f"{ROOT / 'bench'}", "BENCH_STATIC_PAGE": str(page)}
        )
        try:
            results["static copy of the meeting page (ceiling)"] = wrk(url + "/")
        finally:
            server.terminate()
            server.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    ceiling = results["static copy of the meeting page (ceiling)"][0]
    for name, (rps, p50, p99) in results.items():
        print(
            f"[{label}] {name:44s} {rps:8.0f} req/s  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms  {rps / ceiling:5.2f}x ceiling"
        )


def postgres_reason(url: str) -> str:
    """'' when the database is there (created if missing), else why not."""
    return ensure_postgres_database(url)


def main() -> None:
    if not shutil.which("wrk"):
        print("skipped: wrk is not installed (apt-get install wrk; make install does it)")
        return
    print(f"gunicorn, 2 workers; wrk -t2 -c16 -d{SECONDS}s; {MEETINGS} generated meetings plus Kent's real ones")
    run_backend("sqlite", "")
    reason = postgres_reason(PG_URL)
    if reason:
        print(f"[postgresql] skipped: cannot connect to {PG_URL}: {reason}")
    else:
        run_backend("postgresql", PG_URL)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--prepare"]:
        prepare(int(sys.argv[2]))
    else:
        main()
