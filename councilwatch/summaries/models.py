"""Meeting summaries (versioned) and the topic taxonomy.

The summary's body is JSON in the shape `councilwatch show_meeting ID --json` prints under "summary":
sections [{item_number, title, text, decisions [text], citations [{document, page, url}], topics [slug]}],
attendees [{name, role, status}], topics [name], footnotes [{term, text}].
"""

from django.db import models

from councilwatch.core.models import TimeStampedModel


class Topic(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SummaryKind(models.TextChoices):
    PREVIEW = "preview", "Before the meeting"
    OUTCOME = "outcome", "After the meeting"


class SummaryQuerySet(models.QuerySet):
    def latest_per_meeting(self) -> "SummaryQuerySet":
        return self.filter(is_latest=True)


class Summary(TimeStampedModel):
    """One version of a meeting's summary. A new version is made when its sources change; old ones are kept."""

    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="summaries")
    version = models.PositiveIntegerField()
    is_latest = models.BooleanField(default=True, db_index=True)
    kind = models.CharField(max_length=10, choices=SummaryKind.choices)
    backend = models.CharField(max_length=40)
    summariser_version = models.CharField(max_length=40, help_text="Version of the code that made it.")
    sources_fingerprint = models.CharField(
        max_length=64, help_text="sha256 over the sha256 of every source document; a change makes a new version."
    )
    headline = models.TextField()
    body = models.JSONField(default=dict)
    verification = models.JSONField(default=dict, help_text='{"checked": n, "unsupported": [sentences]}')
    topics = models.ManyToManyField(Topic, related_name="summaries", blank=True)

    objects = SummaryQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name_plural = "summaries"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="summary_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} v{self.version} ({self.kind})"
