"""The house under load and change: gunicorn (2 workers) serving the meeting page and a search to
`wrk -c32` while a crawl, extraction and reindexing of the same council run beside it.

Real data: the recorded Kent site (`councilwatch replay`) is crawled, extracted, summarised and indexed first.
Then each page is loaded twice, quiet (the baseline) and under churn: a loop of `crawl KEN` (every paper
downloaded again), `extract --force` of the Cabinet meeting's papers and `reindex --council KEN` (which deletes
and recreates the entries searches are reading). During the churned runs a prober saves a new summary headline
from its own process every second and asks both workers for the page at once: a page is fresh when it shows
the headline just saved. Prints req/s, p50/p99, errors (non-2xx and socket errors from wrk, 5xx in the
gunicorn log) and pages fresh of pages asked, with the ratio of each churned figure to the quiet one.

SQLite always, PostgreSQL when BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/cw_load, created if
missing) answers. The default cache: a SQLite file every process shares (CACHE_URL empty, no Redis); set
BENCH_LOAD_CACHE_URL (e.g. redis://127.0.0.1:6379/8) to run on another. BENCH_LOAD_SECONDS (20) per wrk run.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from _django import ensure_postgres_database  # bench/ is on the path when bench/run.py runs it
from bench_web import free_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "20"))
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/cw_load")
CACHE_URL = os.environ.get("BENCH_LOAD_CACHE_URL", "")
WINDOW = ["--since", "2025-01-01", "--until", "2025-01-31"]

WRITER = """
import os, sys, django
django.setup()
from councilwatch.summaries.models import Summary
summary = Summary.objects.get(meeting__upstream_id="9475", is_latest=True)
for line in sys.stdin:
    summary.headline = f"Fresh headline zq{line.strip()}x for the prober."
    summary.save()
    print(line.strip(), flush=True)
"""
CABINET_ID = """
import django
django.setup()
from councilwatch.meetings.models import Meeting
print(Meeting.objects.get(upstream_id="9475").pk)
"""


def cw(env: dict[str, str], *args: str, quiet: bool = True) -> str:
    out = subprocess.run(
        [PYTHON, "-m", "councilwatch", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if out.returncode:
        raise RuntimeError(f"councilwatch {' '.join(args)} failed:\n{out.stdout[-1500:]}\n{out.stderr[-3000:]}")
    return out.stdout


def wait_for(url: str, process: subprocess.Popen, what: str) -> None:
    for _ in range(150):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except Exception:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{what} did not start: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")


def wrk(url: str) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--timeout", "10s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)

    def ms(pct: str) -> float:
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)\b", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": (sum(int(n) for n in socket.groups()) if socket else 0) + (int(non_2xx.group(1)) if non_2xx else 0),
    }


class Churn:
    """Two loops in their own processes, as the pipeline's stages would run beside the site: crawl → extract
    --force (Cabinet's papers) → reindex, and reindex on its own (the index stage), again and again."""

    def __init__(self, env: dict[str, str], replay_url: str, cabinet_id: str) -> None:
        self.env, self.replay_url, self.cabinet_id = env, replay_url, cabinet_id
        self.stop = threading.Event()
        self.done = {"crawl": 0, "extract": 0, "reindex": 0}
        self.failures: list[str] = []
        pipeline = [
            ("crawl", ["crawl", "KEN", "--base-url", self.replay_url, *WINDOW, "--wait", "60"]),
            ("extract", ["extract", "--meeting", self.cabinet_id, "--force"]),
            ("reindex", ["reindex", "--council", "KEN"]),
        ]
        index = [("reindex", ["reindex", "--council", "KEN"])]
        self.threads = [threading.Thread(target=self._loop, args=(steps,), daemon=True) for steps in (pipeline, index)]

    def _loop(self, steps: list[tuple[str, list[str]]]) -> None:
        while not self.stop.is_set():
            for name, args in steps:
                if self.stop.is_set():
                    return
                try:
                    cw(self.env, *args)
                    self.done[name] += 1
                except RuntimeError as exc:
                    self.failures.append(str(exc)[-500:])

    def __enter__(self) -> "Churn":
        for thread in self.threads:
            thread.start()
        time.sleep(2)  # the first crawl is under way before the load starts
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(600)


class Prober:
    """Saves a new headline from another process each second and asks for the page at once from 4 clients."""

    def __init__(self, env: dict[str, str], page_url: str) -> None:
        self.page_url = page_url
        self.writer = subprocess.Popen(
            [PYTHON, "-c", WRITER], cwd=ROOT, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.asked = self.fresh = 0
        self.stale: list[str] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _fetch(self, marker: str, results: list[bool]) -> None:
        try:
            body = urllib.request.urlopen(self.page_url, timeout=30).read().decode()
            results.append(marker in body)
        except Exception as exc:
            results.append(False)
            self.stale.append(f"{marker}: {exc}")

    def _loop(self) -> None:
        n = 0
        while not self.stop.wait(1.0):
            n += 1
            self.writer.stdin.write(f"{n}\n")
            self.writer.stdin.flush()
            if self.writer.stdout.readline().strip() != str(n):
                raise RuntimeError("the headline writer stopped")
            results: list[bool] = []
            fetchers = [threading.Thread(target=self._fetch, args=(f"zq{n}x", results)) for _ in range(4)]
            for fetcher in fetchers:
                fetcher.start()
            for fetcher in fetchers:
                fetcher.join()
            self.asked += len(results)
            self.fresh += sum(results)

    def __enter__(self) -> "Prober":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(120)
        self.writer.stdin.close()
        self.writer.wait(30)


def prepare_postgres(url: str) -> str:
    """'' when a fresh database is there, else why not."""
    return ensure_postgres_database(url, fresh=True)


def run_backend(label: str, database_url: str) -> None:
    folder = tempfile.mkdtemp(prefix="cw-bench-load-")
    env = {
        **os.environ,
        "COUNCILWATCH_VAR_DIR": folder,
        "DATABASE_URL": database_url or f"sqlite:///{folder}/load.sqlite3",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret",
        "ALLOWED_HOSTS": "127.0.0.1",
        "HTTP_RATE_LIMIT": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "councilwatch.settings",
        "CACHE_URL": CACHE_URL,
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
    }
    replay_port, web_port = free_port(), free_port()
    replay_url, base = f"http://127.0.0.1:{replay_port}", f"http://127.0.0.1:{web_port}"
    replay = subprocess.Popen(
        [PYTHON, "-m", "councilwatch", "replay", "--port", str(replay_port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    server = None
    try:
        wait_for(replay_url + "/robots.txt", replay, "the replay server")
        started = time.perf_counter()
        cw(env, "migrate")
        cw(env, "load_councils")
        cw(env, "crawl", "KEN", "--base-url", replay_url, *WINDOW)
        cw(env, "extract", "--pending")
        cw(env, "summarise", "--pending")
        cw(env, "reindex", "--council", "KEN")
        cabinet = subprocess.run(
            [PYTHON, "-c", CABINET_ID], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        print(f"[{label}] Kent crawled, extracted, summarised and indexed in {time.perf_counter() - started:.0f}s")
        log = Path(folder) / "gunicorn.log"
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "councilwatch.wsgi:application", "--bind", f"127.0.0.1:{web_port}",
             "--workers", "2", "--access-logfile", str(log), "--access-logformat", "%(s)s %(U)s"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        wait_for(base + "/robots.txt", server, "gunicorn")
        pages = {"meeting page": f"{base}/councils/KEN/meetings/{cabinet}/", "search": f"{base}/search/?q=devolution"}
        quiet = {name: wrk(url) for name, url in pages.items()}
        churned: dict[str, dict[str, float]] = {}
        with Churn(env, replay_url, cabinet) as churn, Prober(env, pages["meeting page"]) as prober:
            for name, url in pages.items():
                before = dict(churn.done)
                churned[name] = wrk(url)
                churned[name]["work"] = {k: churn.done[k] - before[k] for k in churn.done}
        server_errors = sum(1 for line in log.read_text().splitlines() if line.startswith("5"))
        for name in pages:
            q, c = quiet[name], churned[name]
            print(
                f"[{label}] {name:<13} quiet   {q['rps']:7.0f} req/s  p50 {q['p50']:7.1f} ms  p99 {q['p99']:7.1f} ms  "
                f"{q['requests']:6d} requests, {q['errors']} errors"
            )
            work = ", ".join(f"{k} {v}" for k, v in c["work"].items())
            print(
                f"[{label}] {name:<13} churned {c['rps']:7.0f} req/s  p50 {c['p50']:7.1f} ms  p99 {c['p99']:7.1f} ms  "
                f"{c['requests']:6d} requests, {c['errors']} errors; {c['rps'] / q['rps']:.2f}x quiet; "
                f"completed meanwhile (the loops run throughout): {work}"
            )
        print(
            f"[{label}] fresh pages under churn: {prober.fresh} of {prober.asked} asked right after a headline was "
            f"saved in another process; 5xx in the gunicorn log: {server_errors}; churn failures: "
            f"{len(churn.failures)}"
        )
        for failure in (churn.failures + prober.stale)[:5]:
            print(f"[{label}]   {failure}")
        errors = sum(r["errors"] for r in (*quiet.values(), *churned.values())) + server_errors
        if errors or churn.failures or prober.fresh != prober.asked or not prober.asked:
            raise RuntimeError(f"{label}: {errors} errors, {prober.asked - prober.fresh} stale pages under load")
    finally:
        for process in (server, replay):
            if process is not None:
                process.terminate()
                process.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    if not shutil.which("wrk"):
        print("skipped: wrk is not installed (apt-get install wrk; make install does it)")
        return
    print(
        f"gunicorn, 2 workers; wrk -t2 -c32 -d{SECONDS}s; cache {CACHE_URL or 'the shared SQLite file (default)'}; "
        "quiet, then beside a crawl + extract + reindex loop"
    )
    run_backend("sqlite", "")
    reason = prepare_postgres(PG_URL)
    if reason:
        print(f"[postgresql] skipped: cannot use {PG_URL}: {reason}")
    else:
        run_backend("postgresql", PG_URL)


if __name__ == "__main__":
    main()
