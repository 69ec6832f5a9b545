"""Abstract base models shared by every app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class UpstreamModel(TimeStampedModel):
    """A row that came from a council's website: it keeps the council's own id and where it was read.

    ``gone_upstream_at`` is set when a later crawl no longer finds the row; rows are never silently deleted.
    """

    upstream_id = models.CharField(max_length=200, help_text="The council platform's own identifier.")
    source_url = models.URLField(max_length=1000, blank=True)
    gone_upstream_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
