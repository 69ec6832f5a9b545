"""Meetings, their agenda items, who attended and what was decided."""

from django.db import models

from councilwatch.core.models import TimeStampedModel, UpstreamModel


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CONFIRMED = "confirmed", "Confirmed"
    CANCELLED = "cancelled", "Cancelled"
    POSTPONED = "postponed", "Postponed"
    HELD = "held", "Held"


class Meeting(UpstreamModel):
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="meetings")
    committee = models.ForeignKey(
        "councils.Committee", on_delete=models.PROTECT, related_name="meetings", null=True, blank=True
    )
    title = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=500, blank=True)
    web_url = models.URLField("web page URL", max_length=1000, blank=True, help_text="The council's own page.")
    webcast_url = models.URLField(
        "webcast URL", max_length=1000, blank=True, help_text="The recording of the meeting, where one is published."
    )

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.UniqueConstraint(fields=["council", "upstream_id"], name="meeting_unique_upstream"),
        ]
        indexes = [models.Index(fields=["council", "start"])]

    def __str__(self) -> str:
        committee = self.committee.name if self.committee_id else self.title
        return f"{committee} {self.start:%Y-%m-%d}"


class AgendaItem(UpstreamModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(max_length=20, blank=True, help_text="As displayed, e.g. '7' or '3(a)'.")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=1000)
    description = models.TextField(blank=True)
    is_restricted = models.BooleanField(default=False, help_text="Exempt or confidential item.")
    minutes_text = models.TextField(blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "upstream_id"], name="item_unique_upstream"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    EXPECTED = "expected", "Expected"
    IN_ATTENDANCE = "in_attendance", "In attendance"
    VIRTUAL = "virtual", "Attended virtually"


class Attendance(TimeStampedModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey("councils.Person", on_delete=models.CASCADE, related_name="attendances")
    role = models.CharField(max_length=200, blank=True, help_text="e.g. Chairman, Member, Officer.")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices, default=AttendanceStatus.EXPECTED)
    source_url = models.URLField(max_length=1000, blank=True)

    class Meta:
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Approved"
    AMENDED = "amended", "Approved with amendments"
    REJECTED = "rejected", "Rejected"
    NOTED = "noted", "Noted"
    DEFERRED = "deferred", "Deferred"
    OTHER = "other", "Other"


class Decision(UpstreamModel):
    """A decision on an item, from the council's decision records or the printed minutes.

    ``upstream_id`` is the platform's id where it has one, else a key derived from the source (``minutes:7``).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions", null=True, blank=True)
    text = models.TextField()
    outcome = models.CharField(max_length=20, choices=DecisionOutcome.choices, default=DecisionOutcome.OTHER)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="decisions"
    )
    page = models.PositiveIntegerField(null=True, blank=True, help_text="Page of the document it is on.")

    class Meta:
        ordering = ["meeting", "item__order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "upstream_id"], name="decision_unique_upstream"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
