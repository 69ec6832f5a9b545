"""The pipeline's work table: one row per (stage, object), the claim that keeps two workers off the same thing.

A ``WorkItem`` records what a stage was last asked to do for one object (a council, a document, a meeting),
what that work was made from (``input_fingerprint``), what the last successful run was made from
(``done_fingerprint``), and who holds it now. The queue (Celery's or the in-process runner's) only nudges;
this table is the truth, so a lost or duplicated message can neither lose work nor do it twice.
"""

from django.db import models

from councilwatch.core.models import TimeStampedModel


class WorkState(models.TextChoices):
    PENDING = "pending", "Pending"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed, will retry"
    PARKED = "parked", "Parked: needs a person"

    @classmethod
    def waiting_states(cls) -> tuple[str, ...]:
        """States of work that is not finished: queued, under way, or failed and waiting for its retry."""
        return (cls.PENDING, cls.RUNNING, cls.FAILED)


class WorkItemQuerySet(models.QuerySet):
    def waiting(self) -> "WorkItemQuerySet":
        """Work not finished yet: pending, running or failed and waiting for its retry."""
        return self.filter(state__in=WorkState.waiting_states())

    def for_council(self, council_id: int) -> "WorkItemQuerySet":
        return self.filter(council_id=council_id)


class WorkItem(TimeStampedModel):
    stage = models.CharField(max_length=20, help_text="Stage name from councilwatch/pipeline/stages.py.")
    object_id = models.BigIntegerField(help_text="Primary key of what the stage works on (council, document, meeting).")
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, related_name="work_items", null=True, blank=True
    )
    state = models.CharField(max_length=10, choices=WorkState.choices, default=WorkState.PENDING, db_index=True)
    input_fingerprint = models.CharField(max_length=200, blank=True, help_text="What the queued work is made from.")
    done_fingerprint = models.CharField(
        max_length=200, blank=True, help_text="What the last successful run was made from."
    )
    params = models.JSONField(default=dict, blank=True, help_text="Extra arguments, e.g. a crawl's date window.")
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_by = models.CharField(max_length=200, blank=True, help_text="host:pid of the worker holding it.")
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    not_before = models.DateTimeField(null=True, blank=True, help_text="A failed item is retried after this.")
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="Duration of the last run.")
    runs = models.PositiveIntegerField(default=0, help_text="Successful runs, all time.")

    objects = WorkItemQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [models.UniqueConstraint(fields=["stage", "object_id"], name="workitem_unique_stage_object")]
        indexes = [
            models.Index(fields=["state", "stage"]),
            models.Index(fields=["council", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.stage} #{self.object_id} ({self.state})"
