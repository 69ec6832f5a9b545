"""The store every process shares: the SQLite cache backend, and counters and slots atomic across processes."""

import itertools
import os
import time

import pytest
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured

from councilwatch.core.cache import SQLiteCache, cache_config, count_hit, reserve_slot
from councilwatch.core.testing import in_forked_children


@pytest.fixture
def sqlite_cache(tmp_path) -> SQLiteCache:
    return SQLiteCache(str(tmp_path / "cache.sqlite3"), {"OPTIONS": {"TABLE": "t", "MAX_ENTRIES": 50}})


def test_the_sqlite_cache_keeps_values_for_their_time(sqlite_cache):
    cache = sqlite_cache
    cache.set("page", (b"<html>", "text/html"), 30)
    cache.set("count", 4, None)
    assert cache.get("page") == (b"<html>", "text/html") and cache.get("count") == 4
    assert cache.get("missing", "default") == "default"
    assert not cache.add("page", "other") and cache.get("page") == (b"<html>", "text/html")
    assert cache.incr("count", 3) == 7
    with pytest.raises(ValueError, match="'missing' not found"):
        cache.incr("missing")
    cache.set("gone", "x", -1)  # already expired
    assert cache.get("gone") is None and cache.add("gone", "back") and cache.get("gone") == "back"
    cache.set_many({"a": 1, "b": [2]}, 30)
    assert cache.get_many(["a", "b", "c"]) == {"a": 1, "b": [2]}
    assert cache.delete("a") and not cache.delete("a") and not cache.has_key("a")
    assert cache.touch("b", 60) and not cache.touch("a")
    cache.clear()
    assert cache.get_many(["page", "count", "b"]) == {}


def test_the_sqlite_cache_is_shared_by_every_connection_to_its_file(sqlite_cache, tmp_path):
    other = SQLiteCache(str(tmp_path / "cache.sqlite3"), {"OPTIONS": {"TABLE": "t"}})
    sqlite_cache.set("version", "abc", None)
    assert other.get("version") == "abc"
    other.set("version", "def", None)
    assert sqlite_cache.get("version") == "def"


def test_cache_urls_are_checked():
    assert cache_config("redis://127.0.0.1:6379/1", setting="X")["BACKEND"].endswith("RedisCache")
    assert cache_config("sqlite:///tmp/c.sqlite3", setting="X")["LOCATION"] == "/tmp/c.sqlite3"
    with pytest.raises(ImproperlyConfigured, match="X must be redis://…, rediss://…, sqlite:///path or locmem:"):
        cache_config("memcached://127.0.0.1", setting="X")


def _count_in_child(queue, key: str, times: int) -> None:
    queue.put([count_hit(key, 60) for _ in range(times)])


def _reserve_in_child(queue, key: str, times: int) -> None:
    queue.put([time.time() + reserve_slot(key, 0.05) for _ in range(times)])


def _in_children(target, key: str, children: int, times: int) -> list[list[float]]:
    return in_forked_children(target, [(key, times)] * children)


def test_hits_counted_by_four_processes_are_one_count():
    """The default cache (Redis when REDIS_URL is set, else the SQLite file) is one store for every process."""
    key = f"test-count-{os.getpid()}-{time.time()}"
    caches["default"].delete(key)
    counts = _in_children(_count_in_child, key, children=4, times=50)
    assert sorted(n for child in counts for n in child) == list(range(1, 201))


def test_slots_reserved_by_three_processes_are_spaced_as_one():
    key = f"test-slot-{os.getpid()}-{time.time()}"
    slots = sorted(s for child in _in_children(_reserve_in_child, key, children=3, times=10) for s in child)
    gaps = [later - earlier for earlier, later in itertools.pairwise(slots)]
    assert len(slots) == 30 and min(gaps) > 0.049, gaps
