"""Timed segments of a meeting's transcript; the transcript itself is a Document (kind TRANSCRIPT) of the meeting."""

from django.db import models


class TranscriptSegment(models.Model):
    """One stretch of speech: seconds from the start of the recording, the words, the speaker where known."""

    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="segments")
    index = models.PositiveIntegerField()
    start = models.FloatField(help_text="Seconds from the start of the recording.")
    end = models.FloatField(help_text="Seconds from the start of the recording.")
    text = models.TextField()
    speaker = models.CharField(max_length=200, blank=True)
    page = models.PositiveIntegerField(help_text="The transcript page (DocumentPage number) holding it.")
    item = models.ForeignKey(
        "meetings.AgendaItem",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transcript_segments",
        help_text="The agenda item being discussed, from alignment.",
    )

    class Meta:
        ordering = ["document", "index"]
        constraints = [models.UniqueConstraint(fields=["document", "index"], name="segment_unique_index")]

    def __str__(self) -> str:
        return f"[{clock(self.start)}] {self.text[:60]}"


def clock(seconds: float) -> str:
    """``mm:ss`` (``h:mm:ss`` past an hour) for a time in the recording."""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
