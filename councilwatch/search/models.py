"""The full-text index: one row per searchable thing (meeting, agenda item, summary, document page).

Rows are derived data, rebuilt per meeting by ``councilwatch.search.services.index_meeting``. The text lives in
``title`` and ``body``; SQLite keeps a matching FTS5 table ``search_fts`` (rowid = entry id), PostgreSQL a
weighted ``tsvector`` in ``vector`` with a GIN index. ``SearchEntry.objects.search(...)`` hides the difference.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from councilwatch.search.query import SearchEntryQuerySet


class EntryKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    ITEM = "item", "Agenda item"
    SUMMARY = "summary", "Summary"
    PAGE = "page", "Document page"


class SearchEntry(models.Model):
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="+")
    committee = models.ForeignKey(
        "councils.Committee", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.CASCADE, related_name="search_entries")
    item = models.ForeignKey("meetings.AgendaItem", on_delete=models.CASCADE, related_name="+", null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    document_kind = models.CharField(max_length=20, blank=True)
    page = models.PositiveIntegerField(null=True, blank=True)
    date = models.DateTimeField(db_index=True)
    title = models.TextField()
    body = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "search entries"
        indexes = [models.Index(fields=["council", "date"])]

    def __str__(self) -> str:
        return f"{self.kind}: {self.title[:60]}"
