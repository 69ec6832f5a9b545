"""The store every process shares: rendered pages, rate-limit counters and the crawl's per-host slots.

With Redis configured (``CACHE_URL``, else ``REDIS_URL``) it is Redis; without it, :class:`SQLiteCache`, a
Django cache backend in one SQLite file that every process on this machine opens (gunicorn workers, Celery
workers, commands). Either way a value saved by one process is what the next request in any other one reads.

Two operations the rate limits need, atomic across processes on Redis and on the SQLite file:

* :func:`count_hit` — one more hit in a fixed window, returning the count so far;
* :func:`reserve_slot` — the next start time for a key, at least ``interval`` after the one reserved before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import random
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

SHARED = "default"
_NATIVE = (int, float)  # stored as SQLite numbers, so that incr and reserve work in SQL; the rest is pickled
_RESERVE_SCRIPT = """
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local slot = string.format('%.6f', math.max(tonumber(ARGV[1]), last + tonumber(ARGV[2])))
redis.call('SET', KEYS[1], slot, 'PX', ARGV[3])
return slot
"""  # microseconds written out: Lua's tostring keeps 14 digits, a tenth of a millisecond of an epoch time


def cache_config(url: str, *, setting: str, table: str = "cache", max_entries: int = 5000) -> dict[str, Any]:
    """The CACHES entry for ``url``: ``redis://…``/``rediss://…``, ``sqlite:///path`` or ``locmem:`` (one process)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": table}
    if url.startswith("sqlite:///"):
        return {
            "BACKEND": "councilwatch.core.cache.SQLiteCache",
            "LOCATION": url.removeprefix("sqlite://"),
            "OPTIONS": {"TABLE": table, "MAX_ENTRIES": max_entries},
        }
    if url == "locmem:":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": table,
            "OPTIONS": {"MAX_ENTRIES": max_entries},
        }
    raise ImproperlyConfigured(f"{setting} must be redis://…, rediss://…, sqlite:///path or locmem:, got {url!r}")


#: Every statement of the SQLite cache; ``{t}`` is the table, checked to be a plain name.
_SQL = {
    "create": 'CREATE TABLE IF NOT EXISTS "{t}" (key TEXT PRIMARY KEY, value BLOB NOT NULL, expires REAL) WITHOUT ROWID',
    "index": 'CREATE INDEX IF NOT EXISTS "{t}_expires" ON "{t}" (expires)',
    "get": 'SELECT value FROM "{t}" WHERE key = ? AND (expires IS NULL OR expires > ?)',
    "get_many": 'SELECT key, value FROM "{t}" WHERE key IN ({marks}) AND (expires IS NULL OR expires > ?)',
    "set": 'INSERT INTO "{t}" (key, value, expires) VALUES (?, ?, ?) '
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires",
    "add": 'INSERT INTO "{t}" (key, value, expires) VALUES (?, ?, ?) '
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value, expires = excluded.expires "
    'WHERE "{t}".expires IS NOT NULL AND "{t}".expires <= ?',
    "incr": "UPDATE \"{t}\" SET value = value + ? WHERE key = ? AND typeof(value) = 'integer' "
    "AND (expires IS NULL OR expires > ?) RETURNING value",
    "touch": 'UPDATE "{t}" SET expires = ? WHERE key = ? AND (expires IS NULL OR expires > ?)',
    "delete": 'DELETE FROM "{t}" WHERE key = ?',
    "clear": 'DELETE FROM "{t}"',
    "expire": 'DELETE FROM "{t}" WHERE expires IS NOT NULL AND expires <= ?',
    "count": 'SELECT COUNT(*) FROM "{t}"',
    "cull": 'DELETE FROM "{t}" WHERE key IN (SELECT key FROM "{t}" ORDER BY expires IS NULL, expires LIMIT ?)',
}


class SQLiteCache(BaseCache):
    """A Django cache in one SQLite file (WAL), shared by every process that opens it; ``add`` and ``incr`` are
    atomic across them. Numbers are stored as SQLite numbers, other values pickled. Durability is not needed:
    the file is written without fsync, and a lost cache only means pages are rendered again."""

    def __init__(self, location: str, params: dict[str, Any]) -> None:
        super().__init__(params)
        self.path = Path(location)
        table = params.get("OPTIONS", {}).get("TABLE", "cache")
        if not table.isidentifier():
            raise ImproperlyConfigured(f"SQLiteCache TABLE must be a plain name, got {table!r}")
        self.sql = {name: text.replace("{t}", table) for name, text in _SQL.items()}
        self._local = threading.local()

    # -- connection -----------------------------------------------------------------------------------------
    def _db(self) -> sqlite3.Connection:
        local = self._local
        if getattr(local, "pid", None) != os.getpid():  # a forked child never uses its parent's connection
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = OFF")
            db.execute(self.sql["create"])
            db.execute(self.sql["index"])
            local.db, local.pid = db, os.getpid()
        return local.db

    def close(self, **kwargs: Any) -> None:
        """Connections are kept for the life of the thread (opening one costs more than a lookup)."""

    def _write(self, statements: list[tuple[str, tuple]]) -> list[sqlite3.Cursor]:
        """Run ``statements`` in one write transaction."""
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            cursors = [db.execute(self.sql[name], args) for name, args in statements]
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return cursors

    # -- values ---------------------------------------------------------------------------------------------
    @staticmethod
    def _dump(value: Any) -> Any:
        return value if type(value) in _NATIVE else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def _load(raw: Any) -> Any:
        return raw if isinstance(raw, _NATIVE) else pickle.loads(raw)  # noqa: S301 - our own file, our own values

    # -- the cache API ----------------------------------------------------------------------------------------
    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        row = self._db().execute(self.sql["get"], (key, time.time())).fetchone()
        return default if row is None else self._load(row[0])

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        names = {self.make_and_validate_key(k, version=version): k for k in keys}
        if not names:
            return {}
        sql = self.sql["get_many"].replace("{marks}", ", ".join("?" * len(names)))
        rows = self._db().execute(sql, (*names, time.time()))
        return {names[key]: self._load(value) for key, value in rows}

    def set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._db().execute(self.sql["set"], (key, self._dump(value), self.get_backend_timeout(timeout)))
        self._maybe_cull()

    def set_many(self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[str]:
        expires = self.get_backend_timeout(timeout)
        self._write(
            [("set", (self.make_and_validate_key(k, version=version), self._dump(v), expires)) for k, v in data.items()]
        )
        self._maybe_cull()
        return []

    def add(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        args = (key, self._dump(value), self.get_backend_timeout(timeout), time.time())
        return self._db().execute(self.sql["add"], args).rowcount == 1

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        name = self.make_and_validate_key(key, version=version)
        row = self._db().execute(self.sql["incr"], (delta, name, time.time())).fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found (or not a whole number)")
        return row[0]

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        args = (self.get_backend_timeout(timeout), key, time.time())
        return self._db().execute(self.sql["touch"], args).rowcount == 1

    def delete(self, key: str, version: int | None = None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._db().execute(self.sql["delete"], (key,)).rowcount == 1

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        for key in keys:
            self.delete(key, version=version)

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self.get(key, _MISSING, version=version) is not _MISSING

    def clear(self) -> None:
        self._db().execute(self.sql["clear"])

    def reserve(self, key: str, interval: float, now: float, hold: float) -> float:
        """The next start time for ``key``: ``now``, or ``interval`` after the last reserved one if that is later."""
        name = self.make_and_validate_key(key)
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute(self.sql["get"], (name, now)).fetchone()
            last = float(row[0]) if row and isinstance(row[0], _NATIVE) else 0.0
            slot = max(now, last + interval)
            db.execute(self.sql["set"], (name, slot, slot + hold))
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return slot

    def _maybe_cull(self) -> None:
        """Now and then (1 write in 64) drop expired entries and, past MAX_ENTRIES, those expiring soonest."""
        if random.random() >= 1 / 64:  # noqa: S311 - not security
            return
        db = self._db()
        db.execute(self.sql["expire"], (time.time(),))
        (count,) = db.execute(self.sql["count"]).fetchone()
        if count > self._max_entries:
            db.execute(self.sql["cull"], (max(count - self._max_entries, count // max(self._cull_frequency, 1)),))


_MISSING = object()
_local_slots: dict[str, float] = {}
_local_lock = threading.Lock()


def shared_cache(alias: str = SHARED) -> BaseCache:
    return caches[alias]


def count_hit(key: str, window_seconds: int, *, alias: str = SHARED) -> int:
    """Count one hit for ``key`` in a fixed window that starts with its first hit; returns the count so far."""
    cache = shared_cache(alias)
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def within_limit(scope: str, value: str, limit: int, window_seconds: int, *, alias: str = SHARED) -> bool:
    """Count one request of ``value`` (an address, a user name) under ``scope``; True while it is within ``limit``
    requests in the window. Values are hashed with the secret key: none sits in the cache in the clear."""
    if limit <= 0:
        return True
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()[:32]
    return count_hit(f"rate:{scope}:{digest}", window_seconds, alias=alias) <= limit


def reserve_slot(key: str, interval: float, *, alias: str = SHARED) -> float:
    """Reserve the next start for ``key`` at least ``interval`` seconds after the previous reservation (in any
    process sharing the store); returns how many seconds to wait until it."""
    now = time.time()
    hold = interval + 60.0  # a reservation is forgotten a minute after its slot: nobody is waiting on it
    cache = shared_cache(alias)
    if isinstance(cache, SQLiteCache):
        slot = cache.reserve(key, interval, now, hold)
    elif isinstance(cache, RedisCache):
        name = cache.make_and_validate_key(key)
        client = cache._cache.get_client(name, write=True)
        slot = float(client.eval(_RESERVE_SCRIPT, 1, name, repr(now), repr(interval), int(hold * 1000)))
    else:  # a store of this process only (locmem): the slot is shared by its threads alone
        with _local_lock:
            slot = max(now, _local_slots.get(key, 0.0) + interval)
            _local_slots[key] = slot
    return max(0.0, slot - now)
