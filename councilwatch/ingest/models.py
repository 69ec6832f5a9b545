"""Models of the ingest app: one IngestRun per crawl of a council."""

from __future__ import annotations

from django.db import models


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    PARTIAL = "partial", "Partial (some things failed)"
    FAILED = "failed", "Failed"
    ABANDONED = "abandoned", "Abandoned (its process died)"


OUTCOMES = ("inserted", "updated", "unchanged", "gone")


class RunKind(models.TextChoices):
    CRAWL = "crawl", "Crawl of a council's platform"
    FILES = "files", "Papers imported from files"
    READ = "read", "Reading a meeting's papers"


class IngestRun(models.Model):
    """What a crawl of one council did: window, status, counts per kind, failures with reasons, timings.

    ``counts`` is ``{kind: {"inserted": n, "updated": n, "unchanged": n, "gone": n}}`` for the kinds committee,
    person, meeting, item, document, file (document bytes), attendance and decision. ``failures`` is a list of
    ``{"what": ..., "url": ..., "error": <kind of error>, "reason": ...}``; ``timings`` are seconds per phase.

    A running run is the council's claim: at most one per council (a constraint), held by ``claimed_by``
    (``host:pid``) and kept alive by ``heartbeat_at``. A run whose process is gone (on this host) or whose
    heartbeat is older than INGEST_LEASE_SECONDS is abandoned (``ingest.services.settle_abandoned_runs``).
    """

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="ingest_runs")
    kind = models.CharField(max_length=10, choices=RunKind.choices, default=RunKind.CRAWL, db_index=True)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="ingest_runs",
        help_text="The meeting a files import or a reading was of.",
    )  # fmt: skip
    since = models.DateField()
    until = models.DateField()
    base_url = models.URLField(max_length=300, help_text="Where the platform was read (a mirror if overridden).")
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING, db_index=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict, blank=True)
    failures = models.JSONField(default=list, blank=True)
    timings = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True, help_text="Why the whole run failed, if it did.")
    claimed_by = models.CharField(max_length=200, blank=True, help_text="host:pid of the process running the crawl.")
    heartbeat_at = models.DateTimeField(null=True, blank=True, help_text="When the running crawl last said it lives.")

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["council", "-started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["council"],
                condition=models.Q(status="running", kind="crawl"),
                name="ingestrun_one_running_per_council",
            )
        ]

    def __str__(self) -> str:
        return f"{self.council.code} {self.since}..{self.until} {self.status}"

    def total(self, outcome: str) -> int:
        return sum(kind.get(outcome, 0) for kind in self.counts.values())

    def count(self, kind: str, outcome: str) -> int:
        return self.counts.get(kind, {}).get(outcome, 0)

    def summary(self) -> str:
        """One line: the council, status, what changed and what failed."""
        meetings, documents = self.counts.get("meeting", {}), self.counts.get("file", {})
        seconds = self.timings.get("total", 0.0)
        return (
            f"{self.council.code}: {self.status}; {sum(meetings.values()) - meetings.get('gone', 0)} meetings, "
            f"{sum(documents.values())} document files; inserted {self.total('inserted')}, updated "
            f"{self.total('updated')}, unchanged {self.total('unchanged')}, gone {self.total('gone')}; "
            f"{len(self.failures)} failures; {seconds:.1f}s" + (f"; error: {self.error}" if self.error else "")
        )
