"""The ingest services the commands and the pipeline call: ``crawl_council`` and ``fetch_document``.

A crawl never stops at the first failure: a listing, meeting, people list or document that cannot be had is
recorded on the IngestRun with its URL and reason, and everything else is saved. Only a council whose committee
list cannot be read, or whose window is empty when emptiness is not declared normal, fails as a whole.

One crawl of a council at a time: the running IngestRun is the council's claim (a database constraint allows one
per council), kept alive by a heartbeat every third of INGEST_LEASE_SECONDS. A second crawl waits for it (``wait``)
or raises CrawlAlreadyRunning; a run whose process died (``kill -9``) is marked abandoned — at once when its
process was on this host, after the lease otherwise — so it never stays "running" and never blocks the next crawl.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from councilwatch.core.http import FetchError, shared_client
from councilwatch.core.processes import holder_is_gone, this_process
from councilwatch.councils.models import Council
from councilwatch.documents.models import Document
from councilwatch.ingest.connectors.base import Connector
from councilwatch.ingest.downloads import download_document
from councilwatch.ingest.errors import EmptyFetch
from councilwatch.ingest.importer import Importer
from councilwatch.ingest.models import IngestRun, RunKind, RunStatus
from councilwatch.ingest.records import MeetingStub
from councilwatch.ingest.registry import connector_class
from councilwatch.meetings.models import Meeting

log = logging.getLogger(__name__)

#: ``progress(phase, done, total)`` is called as a crawl advances (phases: "listing", "meetings", "documents").
Progress = Callable[[str, int, int], None]


class CrawlError(Exception):
    """The crawl could not start (no platform connector, no base URL, another crawl of the council running)."""


class CrawlAlreadyRunning(CrawlError):
    """Another crawl of the council holds its claim."""

    def __init__(self, run: IngestRun) -> None:
        started = timezone.localtime(run.started_at)
        super().__init__(
            f"a crawl of {run.council.code} is already running (run {run.pk}, started {started:%Y-%m-%d %H:%M:%S}, "
            f"by {run.claimed_by or 'an unknown process'}); not starting another"
        )
        self.run = run


def _lease() -> timedelta:
    return timedelta(seconds=settings.INGEST_LEASE_SECONDS)


def abandoned_because(run: IngestRun, now: datetime | None = None) -> str:
    """Why a running run is abandoned ('' while its crawl is alive)."""
    if holder_is_gone(run.claimed_by):
        return f"its process {run.claimed_by} is gone"
    last = run.heartbeat_at or run.started_at
    now = now or timezone.now()
    if last < now - _lease():
        return f"no heartbeat for {(now - last).total_seconds():.0f} s (lease {settings.INGEST_LEASE_SECONDS} s)"
    return ""


def settle_abandoned_runs(council: Council | None = None) -> int:
    """Mark running runs whose crawl died as abandoned; returns how many."""
    runs = IngestRun.objects.filter(status=RunStatus.RUNNING, kind=RunKind.CRAWL).select_related("council")
    if council is not None:
        runs = runs.filter(council=council)
    now, settled = timezone.now(), 0
    for run in runs:
        reason = abandoned_because(run, now)
        if reason:
            settled += IngestRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
                status=RunStatus.ABANDONED, finished_at=now, error=f"abandoned: {reason}"
            )
            log.warning("%s: crawl run %s abandoned: %s", run.council.code, run.pk, reason)
    return settled


def claim_run(council: Council, since: date, until: date, base_url: str, *, wait: float = 0.0) -> IngestRun:
    """Start a run, which claims the council; waits up to ``wait`` seconds for a running crawl of it to end."""
    deadline = time.monotonic() + wait
    while True:
        settle_abandoned_runs(council)
        try:
            with transaction.atomic():
                return IngestRun.objects.create(
                    council=council, since=since, until=until, base_url=base_url,
                    claimed_by=this_process(), heartbeat_at=timezone.now(),
                )  # fmt: skip
        except IntegrityError:
            holder = IngestRun.objects.filter(council=council, status=RunStatus.RUNNING, kind=RunKind.CRAWL).first()
            if holder is None:
                continue  # it ended in between
            if time.monotonic() >= deadline:
                raise CrawlAlreadyRunning(holder) from None
            time.sleep(min(1.0, max(deadline - time.monotonic(), 0.01)))


class _Heartbeat:
    """Keeps a running run's lease: a thread (with its own database connection) touches ``heartbeat_at``."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._beat, name=f"crawl-heartbeat-{run_id}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopped.set()
        self.thread.join()

    def _beat(self) -> None:
        interval = max(settings.INGEST_LEASE_SECONDS / 3, 0.05)
        try:
            while not self.stopped.wait(interval):
                try:
                    IngestRun.objects.filter(pk=self.run_id, status=RunStatus.RUNNING).update(
                        heartbeat_at=timezone.now()
                    )
                except Exception as exc:  # the next beat tries again; a lease is long enough for a few misses
                    log.warning("crawl run %s: heartbeat failed: %s", self.run_id, exc)
        finally:
            connection.close()


def allows_empty(council: Council, what: str) -> bool:
    """Whether the council declares an empty ``what`` (committees, meetings, people) normal in platform_options."""
    allowed = council.platform_options.get("allow_empty", [])
    return what in allowed or allowed is True


def window_range(since: date, until: date) -> tuple[datetime, datetime]:
    """The aware datetimes from the start of ``since`` to the end of ``until``."""
    return (
        timezone.make_aware(datetime.combine(since, datetime.min.time())),
        timezone.make_aware(datetime.combine(until, datetime.max.time())),
    )


def default_window(today: date | None = None) -> tuple[date, date]:
    today = today or timezone.localdate()
    return (
        today - timedelta(days=settings.INGEST_DEFAULT_DAYS_BACK),
        today + timedelta(days=settings.INGEST_DEFAULT_DAYS_AHEAD),
    )


@dataclass
class _Crawl:
    council: Council
    run: IngestRun
    connector: Connector
    importer: Importer
    progress: Progress
    failures: list[dict[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def fail(self, what: str, exc: FetchError) -> None:
        log.warning("%s: %s failed: %s", self.council.code, what, exc)
        self.failures.append({"what": what, "url": exc.url, "error": exc.kind, "reason": exc.reason})

    def listing(self) -> tuple[list[MeetingStub], bool]:
        """Committees, then every listing of the window; returns the stubs and whether every listing was read.

        Meetings missing from the listings are marked gone only where the listings that cover them were read: all
        of them, or (for connectors whose listings are per committee) the committees whose listing was read."""
        since, until = self.run.since, self.run.until
        committees = self.connector.committees()
        if not committees and self.connector.lists_committees and not allows_empty(self.council, "committees"):
            raise EmptyFetch(self.connector.base_url, "the platform lists no committees")
        with transaction.atomic():
            self.importer.save_committees(committees)
        scopes = self.connector.listing_scopes(committees, since, until)
        stubs: dict[str, MeetingStub] = {}
        read: list[str] = []
        for done, scope in enumerate(scopes, start=1):
            try:
                found = self.connector.list_meetings(scope, since, until)
                if not found:
                    self.check_empty_listing(scope)
            except FetchError as exc:
                self.fail(f"listing {scope}", exc)
            else:
                read.append(scope)
                for stub in found:
                    stubs.setdefault(stub.upstream_id, stub)
            self.progress("listing", done, len(scopes))
        complete = len(read) == len(scopes)
        if scopes and not read:
            raise FetchError(self.connector.base_url, f"every one of the {len(scopes)} meeting listings failed")
        if not stubs and complete and not allows_empty(self.council, "meetings"):
            raise EmptyFetch(self.connector.base_url, f"no meetings between {since} and {until}")
        listed = self.connector.listed_committees(read)
        if complete or listed is not None:
            with transaction.atomic():
                self.importer.mark_gone_meetings(set(stubs), since, until, listed)
        return list(stubs.values()), complete

    def check_empty_listing(self, scope: str) -> None:
        """An empty listing of one committee whose meetings in the window we know is an error, as an empty council
        is: a broken answer must not mark them all gone. Declared normal with ``allow_empty: ["meetings"]``."""
        committees = self.connector.listed_committees([scope])
        if committees is None or allows_empty(self.council, "meetings"):
            return
        since, until = self.run.since, self.run.until
        known = Meeting.objects.filter(
            council=self.council,
            committee__upstream_id__in=committees,
            start__range=window_range(since, until),
            gone_upstream_at__isnull=True,
        ).count()
        if known:
            raise EmptyFetch(
                self.connector.listing_url(scope, since, until),
                f"the listing holds no meetings between {since} and {until}, but {known} of this committee's "
                "meetings in that window are known; none of them is marked gone",
            )

    def meetings(self, stubs: list[MeetingStub]) -> list[Document]:
        documents: dict[int, Document] = {}
        for done, stub in enumerate(stubs, start=1):
            try:
                record = self.connector.meeting(stub)
            except FetchError as exc:
                self.fail(f"meeting {stub.upstream_id} ({stub.start:%Y-%m-%d})", exc)
            else:
                for url, reason in record.problems:
                    what = f"meeting {stub.upstream_id}"
                    self.failures.append({"what": what, "url": url, "error": "partial", "reason": reason})
                with transaction.atomic():
                    _, saved = self.importer.save_meeting(record, stub.committee_name)
                documents.update((d.pk, d) for d in saved)
            self.progress("meetings", done, len(stubs))
        return list(documents.values())

    def people(self) -> None:
        try:
            people = self.connector.people()
        except EmptyFetch as exc:
            if not allows_empty(self.council, "people"):
                self.fail("people", exc)
            return
        except FetchError as exc:
            self.fail("people", exc)
            return
        with transaction.atomic():
            self.importer.save_people(people)

    def documents(self, documents: list[Document]) -> None:
        for done, document in enumerate(documents, start=1):
            try:
                outcome = download_document(document, self.connector.client)
            except FetchError as exc:
                self.fail(f"document {document.upstream_id} ({document.title[:80]})", exc)
            else:
                self.importer.counts["file"][outcome] += 1
            self.progress("documents", done, len(documents))

    def timed(self, phase: str, fn: Callable[[], object]) -> object:
        started = time.perf_counter()
        try:
            return fn()
        finally:
            self.timings[phase] = round(time.perf_counter() - started, 3)


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def crawl_council(
    council: Council,
    *,
    since: date | None = None,
    until: date | None = None,
    base_url: str | None = None,
    fetch_documents: bool = True,
    progress: Progress | None = None,
    wait: float = 0.0,
) -> IngestRun:
    """Crawl one council's platform for meetings between ``since`` and ``until`` (default: around today) and save
    them; ``base_url`` reads a mirror instead of the council's own site. Returns the finished IngestRun.

    While another crawl of the council runs, waits up to ``wait`` seconds for it, then raises CrawlAlreadyRunning."""
    default_since, default_until = default_window()
    since, until = since or default_since, until or default_until
    if since > until:
        raise CrawlError(f"the window starts ({since}) after it ends ({until})")
    url = base_url or council.platform_base_url
    if not url:
        raise CrawlError(f"{council.code} has no platform base URL; give one with --base-url")
    cls = connector_class(council.platform)
    run = claim_run(council, since, until, url, wait=wait)
    with _Heartbeat(run.pk):
        return _crawl(council, run, cls, url, fetch_documents, progress)


def _crawl(
    council: Council, run: IngestRun, cls: type[Connector], url: str, fetch_documents: bool, progress: Progress | None
) -> IngestRun:
    started = time.perf_counter()
    client = shared_client()
    crawl = _Crawl(
        council, run, cls(url, client, council.platform_options, origin=council.platform_base_url),
        Importer(council), progress or _no_progress,
    )  # fmt: skip
    try:
        stubs, _ = crawl.timed("listing", crawl.listing)  # type: ignore[misc]
        crawl.timed("people", crawl.people)
        documents = crawl.timed("meetings", lambda: crawl.meetings(stubs))
        if fetch_documents:
            crawl.timed("documents", lambda: crawl.documents(documents))  # type: ignore[arg-type]
        run.status = RunStatus.PARTIAL if crawl.failures else RunStatus.SUCCEEDED
    except FetchError as exc:
        run.status = RunStatus.FAILED
        run.error = str(exc)
        crawl.fail("crawl", exc)
    except BaseException as exc:  # a bug or an interrupt: the run is closed as failed, then it propagates
        run.status = RunStatus.FAILED
        run.error = f"{type(exc).__name__}: {exc}"
        raise
    finally:
        crawl.timings["total"] = round(time.perf_counter() - started, 3)
        run.counts = {kind: dict(outcomes) for kind, outcomes in sorted(crawl.importer.counts.items())}
        run.failures = crawl.failures
        run.timings = crawl.timings
        run.finished_at = timezone.now()
        run.heartbeat_at = run.finished_at
        run.save()
    return run


def fetch_document(document_id: int) -> Document:
    """Download one document's current bytes (a new version if they changed) and return the Document. A failure
    is not raised: it is on the returned document's ``fetch_error`` (empty when the fetch worked)."""
    document = Document.objects.select_related("council").get(pk=document_id)  # its council names the pages to drop
    try:
        download_document(document, shared_client())
    except FetchError as exc:
        log.warning("document %s: %s", document_id, exc)
    document.refresh_from_db()
    return document
