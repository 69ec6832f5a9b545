"""Start and stop Celery worker processes on this machine, for the tests and the benchmark.

Production runs workers under a process manager (docs/operations.md); this starts the same command,
``celery -A councilwatch.pipeline.celery worker``, as child processes pointed at a given database and broker.
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from councilwatch.pipeline.models import WorkItem
from councilwatch.pipeline.stages import QUEUES

ROOT = Path(__file__).resolve().parents[2]  # the checkout holding this councilwatch package
CELERY = [sys.executable, "-m", "celery", "-A", "councilwatch.pipeline.celery"]


def worker_command(name: str, queues: tuple[str, ...] = QUEUES, pool: str = "solo") -> list[str]:
    return [*CELERY, "worker", "-Q", ",".join(queues), "--pool", pool, "-n", f"{name}@%h", "--without-mingle",
            "--without-gossip", "--loglevel", "INFO"]  # fmt: skip


@contextmanager
def running_workers(count: int, env: dict[str, str], log_dir: Path, *, pool: str = "solo") -> Iterator[list]:
    """``count`` worker processes, each consuming every queue; killed (their process groups) on exit."""
    log_dir.mkdir(parents=True, exist_ok=True)
    children: list[subprocess.Popen] = []
    try:
        for n in range(count):
            log = (log_dir / f"worker{n}.log").open("w")
            children.append(
                subprocess.Popen(
                    worker_command(f"w{n}", pool=pool),
                    env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
        yield children
    finally:
        for child in children:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGTERM)
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.wait()


def wait_until_idle(timeout: float, *, settle: float = 1.5, poll: float = 0.25) -> bool:
    """Wait until no work is pending, running or waiting for a retry, ``settle`` seconds in a row."""
    deadline = time.monotonic() + timeout
    idle_since: float | None = None
    while time.monotonic() < deadline:
        if WorkItem.objects.waiting().exists():
            idle_since = None
        elif idle_since is None:
            idle_since = time.monotonic()
        elif time.monotonic() - idle_since >= settle:
            return True
        time.sleep(poll)
    return False
