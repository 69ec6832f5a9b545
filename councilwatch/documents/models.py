"""Documents attached to meetings and items, their stored versions and their text page by page."""

from django.db import models

from councilwatch.core.models import TimeStampedModel, UpstreamModel


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", "Agenda"
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"
    MINUTES = "minutes", "Minutes"
    SUPPLEMENT = "supplement", "Supplement"
    DECISION = "decision", "Decision"
    TRANSCRIPT = "transcript", "Transcript"
    PLAN = "plan", "Forward plan"
    PAGE = "page", "Meeting page"
    OTHER = "other", "Other"


class Proceedings(models.TextChoices):
    """Whose proceedings a paper records (minutes, decision notices, a meeting page's decisions)."""

    NONE = "", "Not a record of proceedings"
    THIS = "this", "This meeting's"
    OTHER = "other", "Another meeting's"
    UNKNOWN = "unknown", "Cannot tell (no readable date)"


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DONE = "done", "Done"
    PARTIAL = "partial", "Partial"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"


class Document(UpstreamModel):
    """A paper published for a meeting. Bytes live in content-addressed storage, keyed by sha256."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="documents")
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="documents", null=True, blank=True
    )
    item = models.ForeignKey(
        "meetings.AgendaItem", on_delete=models.SET_NULL, related_name="documents", null=True, blank=True
    )
    title = models.CharField(max_length=1000)
    kind = models.CharField(max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    media_type = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True, help_text="Bytes.")
    storage_path = models.CharField(max_length=500, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    fetch_error = models.TextField(blank=True)
    extraction_status = models.CharField(
        max_length=10, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING, db_index=True
    )
    extraction_error = models.TextField(blank=True)
    extracted_sha256 = models.CharField(
        max_length=64, blank=True, help_text="sha256 of the bytes the stored pages were extracted from."
    )
    page_count = models.PositiveIntegerField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code of its text, e.g. en, cy.")
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="translations",
        help_text="The paper this one gives in another language (its structure is read from that one).",
    )
    proceedings = models.CharField(max_length=10, choices=Proceedings.choices, blank=True, default="")
    printed_date = models.DateField(null=True, blank=True, help_text="The meeting date the paper prints.")

    class Meta:
        ordering = ["meeting", "item__order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["council", "upstream_id"], name="document_unique_upstream"),
        ]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(TimeStampedModel):
    """Each distinct content a document has had; the newest is mirrored on the Document."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    media_type = models.CharField(max_length=200, blank=True)
    storage_path = models.CharField(max_length=500)
    fetched_at = models.DateTimeField()

    class Meta:
        ordering = ["document", "-fetched_at"]
        constraints = [
            models.UniqueConstraint(fields=["document", "sha256"], name="document_version_unique_sha"),
        ]


class PageMethod(models.TextChoices):
    TEXT = "text", "Text layer"
    OCR = "ocr", "OCR"
    NONE = "none", "No text"


class DocumentPage(models.Model):
    """The text of one page (1-based), so every statement can cite a document and a page."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField()
    text = models.TextField(blank=True)
    method = models.CharField(max_length=10, choices=PageMethod.choices, default=PageMethod.TEXT)
    emphasis = models.JSONField(
        null=True, blank=True, help_text="Lines the layout sets apart (bold, larger); null when unknown."
    )

    class Meta:
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="page_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.document} p.{self.number}"
