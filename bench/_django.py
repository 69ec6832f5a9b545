"""Start Django for a benchmark on a fresh database in a temporary folder (or BENCH_DATABASE_URL)."""

import os
import tempfile
import time
from collections.abc import Callable

_READY = False


def setup_django() -> None:
    global _READY
    if _READY:
        return
    folder = tempfile.mkdtemp(prefix="cw-bench-")
    os.environ["COUNCILWATCH_VAR_DIR"] = folder
    if os.environ.get("BENCH_DATABASE_URL"):
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "councilwatch.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _READY = True


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    """The fastest of ``repeat`` timed calls of ``fn``, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def ensure_postgres_database(url: str, *, fresh: bool = False) -> str:
    """'' when the PostgreSQL database of ``url`` is there (created if missing; dropped first if ``fresh``),
    else why it cannot be."""
    try:
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.replace("postgres://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            if fresh:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return ""
    except Exception as exc:
        return f"{type(exc).__name__}: {str(exc).strip()[:200]}"
