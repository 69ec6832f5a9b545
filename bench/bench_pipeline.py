"""The whole pipeline at scale: N copies of the replayed Kent council (rate limit off) through crawl, fetch,
extract, extractive summary and indexing, by 1, 2 and 4 Celery workers on Redis and PostgreSQL, against the
single-process in-process runner (`councilwatch run --once`) on the same database as the baseline.

Reports meetings per minute, pages per second and seconds per page in each stage, and from them the workers the
UK's weekly volume needs. Needs PostgreSQL and Redis: BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/cw_bench_pipeline, created if missing) and BENCH_REDIS_URL (default
redis://127.0.0.1:6379/9, flushed). BENCH_PIPELINE_COPIES sets N (default 4), BENCH_PIPELINE_WORKERS the
worker counts (default "1,2,4").
"""

import os
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
SINCE, UNTIL = date(2025, 1, 1), date(2025, 2, 28)
STAGE_NAMES = ("crawl", "fetch", "extract", "transcribe", "read", "summarise", "index")

# UK weekly volume (assumptions, stated in the output): ~400 principal councils; ~3,000 public meetings a week
# (committees, sub-committees, planning and licensing panels: 7-8 per council); ~100 pages of papers per meeting.
UK_MEETINGS_PER_WEEK = 3000
UK_PAGES_PER_MEETING = 100
UTILISATION = 0.5  # plan for workers busy half the time: peaks after meetings, retries, re-crawls


def main() -> None:
    db = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cw_bench_pipeline")
    broker = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
    if not db.startswith("postgres"):
        print("bench_pipeline needs PostgreSQL (BENCH_DATABASE_URL=postgres://...): skipped")
        return
    sys.path.insert(0, str(HERE))
    from _django import ensure_postgres_database

    reason = ensure_postgres_database(db)
    if reason:
        raise RuntimeError(f"bench_pipeline needs PostgreSQL at {db}: {reason}")
    env = {**os.environ, "BENCH_DATABASE_URL": db, "REDIS_URL": broker, "CELERY_BROKER_URL": broker}
    env["HTTP_RATE_LIMIT"] = "0"
    env["LOG_LEVEL"] = "WARNING"
    env["SEARCH_AUTO_INDEX"] = "0"  # the index stage indexes each meeting once, so its cost is its own
    result = subprocess.run([sys.executable, __file__, "child"], env=env, check=False)  # a fresh Django per run
    if result.returncode:
        raise RuntimeError(f"bench_pipeline child exited {result.returncode}")


def _reset(councils_codes: list[str]) -> None:
    from councilwatch.councils.models import Committee, Council
    from councilwatch.meetings.models import Meeting
    from councilwatch.pipeline.models import WorkItem

    WorkItem.objects.all().delete()
    Meeting.objects.filter(council__code__in=councils_codes).delete()  # meetings protect their committees
    Committee.objects.filter(council__code__in=councils_codes).delete()
    Council.objects.filter(code__in=councils_codes).delete()


def _figures(label: str, seconds: float, baseline: dict | None) -> dict:
    from django.db.models import Count, Sum

    from councilwatch.documents.models import Document
    from councilwatch.meetings.models import Meeting
    from councilwatch.pipeline.models import WorkItem

    meetings = Meeting.objects.count()
    pages = Document.objects.aggregate(n=Sum("page_count"))["n"] or 0
    per_stage = {
        row["stage"]: row for row in WorkItem.objects.values("stage").annotate(s=Sum("seconds"), n=Count("pk"))
    }
    stage_text = "  ".join(
        f"{name} {1000 * (per_stage[name]['s'] or 0) / max(pages, 1):.1f}" for name in STAGE_NAMES if name in per_stage
    )
    figures = {"meetings_per_min": 60 * meetings / seconds, "pages_per_s": pages / seconds, "seconds": seconds}
    ratio = f"  ratio {figures['pages_per_s'] / baseline['pages_per_s']:.2f}x baseline" if baseline else ""
    print(
        f"{label:<22} {seconds:7.1f} s  {meetings:3d} meetings  {pages:5d} pages  "
        f"{figures['meetings_per_min']:7.1f} meetings/min  {figures['pages_per_s']:6.1f} pages/s{ratio}"
    )
    print(f"{'':<22} ms per page by stage: {stage_text}")
    figures["stage_s_per_page"] = {
        name: (per_stage[name]["s"] or 0) / max(pages, 1) for name in STAGE_NAMES if name in per_stage
    }
    return figures


def child() -> None:
    sys.path[:0] = [str(HERE), str(HERE.parent)]
    from _django import setup_django

    setup_django()
    import redis
    from django.conf import settings
    from django.db.models import Max, Min

    from councilwatch.pipeline.local_workers import running_workers, wait_until_idle
    from councilwatch.pipeline.models import WorkItem
    from councilwatch.pipeline.planner import schedule_crawls
    from councilwatch.pipeline.runner import run_once
    from councilwatch.pipeline.tests.kent import kent_copy
    from councilwatch.replay.testing import running_replay_server

    copies = int(os.environ.get("BENCH_PIPELINE_COPIES", "4"))
    worker_counts = [int(n) for n in os.environ.get("BENCH_PIPELINE_WORKERS", "1,2,4").split(",")]
    codes = [f"K{n:02d}" for n in range(copies)]
    tmp = Path(tempfile.mkdtemp(prefix="cw-bench-pipeline-"))
    with ExitStack() as stack:
        servers = [stack.enter_context(running_replay_server()) for _ in codes]

        def make_councils() -> list:
            _reset(codes)
            return [kent_copy(code, server.base_url) for code, server in zip(codes, servers, strict=True)]

        print(f"{copies} copies of the replayed Kent council, rate limit off, {os.cpu_count()} cores")
        councils = make_councils()
        started = time.perf_counter()
        run_once(councils, since=SINCE, until=UNTIL)
        baseline = _figures("in-process (baseline)", time.perf_counter() - started, None)
        from councilwatch.meetings.models import Meeting

        baseline["requests_per_meeting"] = sum(server.count("*") for server in servers) / Meeting.objects.count()

        env = {
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "DOCUMENT_STORAGE_DIR": str(settings.MEDIA_ROOT),
            "COUNCILWATCH_VAR_DIR": os.environ["COUNCILWATCH_VAR_DIR"],
            "HTTP_RATE_LIMIT": "0",
            "LOG_LEVEL": "WARNING",
            "SEARCH_AUTO_INDEX": "0",
        }
        results = {}
        for count in worker_counts:
            redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
            councils = make_councils()
            with running_workers(count, env, tmp / f"logs-{count}"):
                time.sleep(3)  # let the workers connect before the clock starts
                schedule_crawls(councils, since=SINCE, until=UNTIL)
                if not wait_until_idle(timeout=1800, settle=2.0):
                    raise RuntimeError(f"{count} worker(s) did not finish within 30 minutes")
            span = WorkItem.objects.aggregate(start=Min("started_at"), end=Max("finished_at"))
            seconds = (span["end"] - span["start"]).total_seconds()
            results[count] = _figures(f"{count} Celery worker(s)", seconds, baseline)
    _uk_estimate(baseline, results)


def _uk_estimate(baseline: dict, results: dict) -> None:
    """Workers for the UK's week: processing from the measured pages/s, network from the polite request rate."""
    pages = UK_MEETINGS_PER_WEEK * UK_PAGES_PER_MEETING
    per_worker = results[min(results)]["pages_per_s"] / min(results)
    best = max(results)
    scaled = results[best]["pages_per_s"] / best
    week = 7 * 24 * 3600
    need = pages / (scaled * week * UTILISATION)
    print(
        f"UK weekly volume (assumed): {UK_MEETINGS_PER_WEEK} meetings x {UK_PAGES_PER_MEETING} pages = {pages} pages; "
        f"one worker does {per_worker:.1f} pages/s alone, {scaled:.1f} pages/s each when {best} share this machine"
    )
    print(
        f"processing workers needed at {UTILISATION:.0%} utilisation: {need:.2f} ({pages / scaled / 3600:.1f} worker-hours a week)"
    )
    requests = UK_MEETINGS_PER_WEEK * baseline["requests_per_meeting"]
    print(
        f"network: {baseline['requests_per_meeting']:.1f} requests per meeting measured (listing, meeting, robots.txt, "
        f"papers) -> {requests:.0f} requests a week; at the polite 1 request/s per council host that is "
        f"{requests / 3600:.1f} host-hours of waiting, {requests / (week * UTILISATION):.2f} network slots at "
        f"{UTILISATION:.0%} (each network worker process is one slot: run them with high concurrency)"
    )


if __name__ == "__main__":
    if sys.argv[1:] == ["child"]:
        child()
    else:
        main()
