"""``SearchEntry.objects.search(q, ...)``: one method, two engines.

SQLite uses the FTS5 table ``search_fts`` (bm25 ranking, ``snippet()``); PostgreSQL uses the weighted
``tsvector`` column with ``websearch_to_tsquery``, ``ts_rank`` and ``ts_headline``. Both return a queryset whose
rows carry ``rank`` (higher is better) and ``snippet_raw`` (text with \\x02/\\x03 around matches, not escaped:
use :func:`highlight` to turn it into safe HTML).

A page of results is read in several queries (ranked ids, snippets, rows). ``index_meeting`` deletes and
recreates a meeting's entries in one transaction, so each page is read inside one snapshot of the database
(:func:`read_snapshot`): a reindex committing in between can never take away rows the ranking returned.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, connections, models, transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

START, STOP = "\x02", "\x03"
SEARCH_CONFIG = "english"
_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class SearchFilters:
    """What a search is narrowed to; every field optional."""

    council: str = ""  # council code
    committee: int | None = None
    topic: str = ""  # topic slug
    date_from: date | None = None
    date_to: date | None = None
    document_kind: str = ""
    kind: str = ""  # entry kind: meeting, item, summary, page


def fts5_query(q: str) -> str:
    """Translate a web-search style query (words, "phrases", OR, -exclusions) into a safe FTS5 expression.

    Every term is quoted, so FTS5 operators typed by users are taken as words, never as syntax.
    """
    positives: list[str] = []
    negatives: list[str] = []
    pending_or = False
    for match in _TOKEN.finditer(q):
        negate, phrase, bare = match.group(1), match.group(2), match.group(3)
        if bare is not None and bare == "OR":
            pending_or = bool(positives)
            continue
        if bare is not None and bare.startswith("-") and len(bare) > 1:
            negate, bare = "-", bare[1:]
        words = _WORD.findall(phrase if phrase is not None else bare or "")
        if not words:
            continue
        term = '"' + " ".join(words) + '"'
        if negate:
            negatives.append(term)
        elif pending_or and positives:
            positives[-1] = f"({positives[-1]} OR {term})"
            pending_or = False
        else:
            positives.append(term)
    if not positives:
        return ""
    expression = " AND ".join(positives)
    for term in negatives:
        expression = f"({expression}) NOT {term}"
    return expression


def highlight(snippet_raw: str | None) -> SafeString:
    """Escape a snippet, then wrap the matched words (between \\x02 and \\x03) in <mark>."""
    text = escape(snippet_raw or "")
    text = text.replace(START, "<mark>").replace(STOP, "</mark>")
    # A fragment boundary can cut a marker pair: close any <mark> left open.
    if text.count("<mark>") > text.count("</mark>"):
        text += "</mark>"
    return mark_safe(text)  # noqa: S308 - escaped above; only our own <mark> tags added


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _day_end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


@contextmanager
def read_snapshot(using: str = "default") -> Iterator[None]:
    """Run the queries inside on one snapshot of the database: a read transaction on SQLite (WAL readers see the
    database as it was at their first read, without taking the write lock), REPEATABLE READ READ ONLY on
    PostgreSQL. Inside a transaction already (a test, an atomic block) the queries simply run in it."""
    conn = connections[using]
    conn.ensure_connection()
    if conn.in_atomic_block or not conn.get_autocommit():
        yield
    elif conn.vendor == "postgresql":
        with transaction.atomic(using=using):
            with conn.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
    elif conn.vendor == "sqlite" and not conn.connection.in_transaction:
        with conn.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")  # Django's own transactions BEGIN IMMEDIATE: a reader needs no lock
        try:
            yield
        finally:
            if conn.connection.in_transaction:
                with conn.cursor() as cursor:
                    cursor.execute("COMMIT")  # nothing was written: ends the read
    else:
        yield


SNIPPET_SQL = "SELECT rowid, snippet(search_fts, -1, char(2), char(3), '…', 28) FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({ids})"


class SearchEntryQuerySet(models.QuerySet):
    """Snippets are made only for the rows fetched (a page of results), in one extra query: asking FTS5 or
    ts_headline for them in the ranked query would build one for every match before sorting."""

    _fts_expression: str = ""
    _pg_query: SearchQuery | None = None

    def _clone(self) -> "SearchEntryQuerySet":
        clone = super()._clone()
        clone._fts_expression = self._fts_expression
        clone._pg_query = self._pg_query
        return clone

    def _fetch_all(self) -> None:
        if self._result_cache is not None or not (self._fts_expression or self._pg_query is not None):
            super()._fetch_all()
            return
        with read_snapshot(self.db):  # the rows and their snippets from the same state of the index
            super()._fetch_all()
            if self._result_cache:
                self._attach_snippets([r for r in self._result_cache if isinstance(r, models.Model)])

    def _attach_snippets(self, rows: list[models.Model]) -> None:
        if not rows:
            return
        ids = [int(row.pk) for row in rows]
        if self._pg_query is not None:
            snippets = dict(
                self.model._default_manager.using(self.db)
                .filter(pk__in=ids)
                .annotate(snippet_raw=_headline(self._pg_query))
                .values_list("pk", "snippet_raw")
            )
        else:
            sql = SNIPPET_SQL.format(ids=", ".join(["%s"] * len(ids)))
            with connections[self.db].cursor() as cursor:
                cursor.execute(sql, [self._fts_expression, *ids])
                snippets = dict(cursor.fetchall())
        for row in rows:
            row.snippet_raw = snippets.get(row.pk, "")

    def filtered(self, filters: SearchFilters) -> "SearchEntryQuerySet":
        qs = self
        if filters.council:
            qs = qs.filter(council__code=filters.council.upper())
        if filters.committee:
            qs = qs.filter(committee_id=filters.committee)
        if filters.topic:
            from councilwatch.summaries.models import Summary

            meetings = Summary.objects.filter(is_latest=True, topics__slug=filters.topic).values("meeting_id")
            qs = qs.filter(meeting_id__in=meetings)
        if filters.date_from:
            qs = qs.filter(date__gte=_day_start(filters.date_from))
        if filters.date_to:
            qs = qs.filter(date__lte=_day_end(filters.date_to))
        if filters.document_kind:
            qs = qs.filter(document_kind=filters.document_kind)
        if filters.kind:
            qs = qs.filter(kind=filters.kind)
        return qs

    def search(self, q: str, filters: SearchFilters | None = None) -> "SearchEntryQuerySet":
        """Entries matching ``q`` (web-search syntax), best first, each with ``rank`` and ``snippet_raw``."""
        qs = self.filtered(filters or SearchFilters())
        if connection.vendor == "postgresql":
            return qs._search_postgres(q)
        return qs._search_sqlite(q)

    def _search_sqlite(self, q: str) -> "SearchEntryQuerySet":
        expression = fts5_query(q)
        if not expression:
            return self.none()
        table = self.model._meta.db_table
        extra: dict[str, Any] = {
            "tables": ["search_fts"],
            "where": [f"search_fts.rowid = {table}.id", "search_fts MATCH %s"],
            "params": [expression],
            # bm25 is lower-is-better; negate so that higher is better everywhere.
            "select": {"rank": "-bm25(search_fts, 6.0, 1.0)"},
        }
        qs = self.extra(**extra).order_by("-rank", "-date", "id")
        qs._fts_expression = expression
        return qs

    def _search_postgres(self, q: str) -> "SearchEntryQuerySet":
        if not _WORD.search(q):
            return self.none()
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        qs = (
            self.filter(vector=query)
            .annotate(rank=SearchRank(models.F("vector"), query))
            .order_by("-rank", "-date", "id")
        )
        qs._pg_query = query
        return qs


def _headline(query: SearchQuery) -> SearchHeadline:
    """PostgreSQL's highlighted extract of an entry's title and body for ``query``."""
    return SearchHeadline(
        models.functions.Concat(
            models.F("title"), models.Value(" — "), models.F("body"), output_field=models.TextField()
        ),
        query,
        config=SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=40,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


class RankedPages:
    """A search's results for a Paginator: each page is ranked on the index alone (ids only), then just its
    rows are loaded with ``related`` joined, instead of joining every match before sorting them."""

    def __init__(self, ranked: SearchEntryQuerySet, related: tuple[str, ...] = (), deferred: tuple[str, ...] = ()):
        self.ranked = ranked
        self.related = related
        self.deferred = deferred

    def count(self) -> int:
        return self.ranked.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key: slice) -> list[models.Model]:
        if not isinstance(key, slice):
            raise TypeError("RankedPages takes slices (pages), not single indexes")
        with read_snapshot(self.ranked.db):  # a reindex in between must not take away the rows just ranked
            page = list(self.ranked.only("id")[key])
            manager = self.ranked.model._default_manager.using(self.ranked.db)
            rows = manager.select_related(*self.related).defer(*self.deferred).in_bulk([entry.pk for entry in page])
        for entry in page:
            rows[entry.pk].rank = entry.rank
            rows[entry.pk].snippet_raw = entry.snippet_raw
        return [rows[entry.pk] for entry in page]
