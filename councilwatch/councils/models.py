"""Councils (the registry), their committees and the people who sit on them."""

from django.db import models
from django.urls import reverse

from councilwatch.core.models import TimeStampedModel, UpstreamModel


class Nation(models.TextChoices):
    ENGLAND = "England"
    SCOTLAND = "Scotland"
    WALES = "Wales"
    NORTHERN_IRELAND = "Northern Ireland"


class Platform(models.TextChoices):
    MODERNGOV = "moderngov", "ModernGov"
    CMIS = "cmis", "CMIS"
    CUSTOM_HTML = "custom_html", "Custom HTML"
    JSON_API = "json_api", "JSON API"
    UNKNOWN = "unknown", "Unknown"


class SupportLevel(models.TextChoices):
    FULL = "full", "Full support"
    LIMITED = "limited", "Limited support"


class CouncilQuerySet(models.QuerySet):
    def fully_supported(self) -> "CouncilQuerySet":
        return self.filter(support_level=SupportLevel.FULL)

    def limited(self) -> "CouncilQuerySet":
        return self.filter(support_level=SupportLevel.LIMITED)


class Council(TimeStampedModel):
    """A UK principal local authority from the mySociety register, with its democracy platform."""

    code = models.CharField(
        max_length=4, unique=True, help_text="Official code: three letters (WGN), four for combined authorities."
    )
    gss_code = models.CharField("GSS code", max_length=9, db_index=True)
    official_name = models.CharField(max_length=200)
    name = models.CharField(max_length=200, help_text="Short name, e.g. 'Wigan'.")
    alt_names = models.JSONField(default=list, blank=True, help_text="Other names people use.")
    slug = models.SlugField(max_length=100, blank=True)
    nation = models.CharField(max_length=20, choices=Nation.choices)
    region = models.CharField(max_length=100, blank=True)
    la_type = models.CharField("type code", max_length=10, help_text="mySociety type code, e.g. MD, CTY, UA.")
    la_type_name = models.CharField("type", max_length=100)
    platform = models.CharField(max_length=20, choices=Platform.choices, default=Platform.UNKNOWN)
    platform_base_url = models.URLField("platform base URL", max_length=300, blank=True)
    platform_options = models.JSONField(
        default=dict, blank=True, help_text="Per-council connector options (data, not code)."
    )
    support_level = models.CharField(max_length=10, choices=SupportLevel.choices, default=SupportLevel.LIMITED)
    support_enabled_at = models.DateTimeField(null=True, blank=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("web:council", args=[self.code])

    @property
    def is_fully_supported(self) -> bool:
        return self.support_level == SupportLevel.FULL


class Committee(UpstreamModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=300, blank=True)

    class Meta:
        ordering = ["council", "name"]
        constraints = [
            models.UniqueConstraint(fields=["council", "upstream_id"], name="committee_unique_upstream"),
        ]

    def __str__(self) -> str:
        return self.name


class PersonKind(models.TextChoices):
    COUNCILLOR = "councillor", "Councillor"
    OFFICER = "officer", "Officer"
    OTHER = "other", "Other"


class Person(UpstreamModel):
    """A councillor, officer or other attendee. People found only in papers get ``name:<key>`` upstream ids."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PersonKind.choices, default=PersonKind.COUNCILLOR)
    party = models.CharField(max_length=200, blank=True)
    ward = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=300, blank=True, help_text="Job title or position.")
    slug = models.SlugField(max_length=200, blank=True)

    class Meta:
        ordering = ["council", "name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(fields=["council", "upstream_id"], name="person_unique_upstream"),
        ]

    def __str__(self) -> str:
        return self.name
