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
    reading = models.JSONField(
        default=dict,
        blank=True,
        help_text="What reading the papers found: kind (outcome/preview), where the items came from, notes, "
        "public participation counts per item, and the fingerprint of what was read.",
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
    substitute_for = models.CharField(max_length=200, blank=True, help_text="Whom a substitute attended for.")
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="attendances",
        help_text="The paper that lists this attendance (none when the platform reported it).",
    )  # fmt: skip
    page = models.PositiveIntegerField(null=True, blank=True)

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
    source = models.CharField(
        max_length=20, blank=True, help_text="platform, minutes, notice (a decision notice) or page (a meeting page)."
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "item__order", "order"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "upstream_id"], name="decision_unique_upstream"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class PaperRole(models.TextChoices):
    REPORT = "report", "Report"
    APPENDIX = "appendix", "Appendix"
    MINUTES = "minutes", "Minutes of this meeting"
    DECISION = "decision", "Decision notice entry"
    PAGE = "page", "Meeting page entry"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of an earlier meeting"


class PaperSpan(TimeStampedModel):
    """A part of a paper that belongs to one agenda item: its report, its minute, its decision notice entry.

    Made by reading the papers (``ingest/reading.py``); summaries read these instead of parsing papers.
    ``structure`` holds what a report says (title, summary, recommendations, figures, terms explained).
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="spans")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="spans", null=True, blank=True)
    document = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="spans")
    role = models.CharField(max_length=20, choices=PaperRole.choices)
    page = models.PositiveIntegerField()
    page_end = models.PositiveIntegerField()
    heading = models.CharField(max_length=1000, blank=True)
    text = models.TextField(blank=True)
    structure = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=200)

    class Meta:
        ordering = ["meeting", "item__order", "page"]
        constraints = [models.UniqueConstraint(fields=["meeting", "key"], name="span_unique_key")]

    def __str__(self) -> str:
        return f"{self.get_role_display()} p.{self.page}-{self.page_end}"


class MotionKind(models.TextChoices):
    MOTION = "motion", "Motion"
    AMENDMENT = "amendment", "Amendment"
    RECOMMENDATION = "recommendation", "Recommendation"
    PROCEDURAL = "procedural", "Procedural motion"


class MotionOutcome(models.TextChoices):
    CARRIED = "carried", "Carried"
    LOST = "lost", "Lost"
    WITHDRAWN = "withdrawn", "Withdrawn"
    FELL = "fell", "Fell"
    ACCEPTED = "accepted", "Accepted by the mover"
    UNKNOWN = "", "Not recorded"


class Motion(UpstreamModel):
    """A motion, a recommendation put to the vote or an amendment: who moved it, what it proposed, the result."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="motions", null=True, blank=True)
    amends = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="amendments")
    kind = models.CharField(max_length=20, choices=MotionKind.choices, default=MotionKind.MOTION)
    label = models.CharField(max_length=200, blank=True, help_text='As the minutes name it: "Recommendation 2A".')
    mover = models.CharField(max_length=200, blank=True)
    seconder = models.CharField(max_length=200, blank=True)
    proposes = models.TextField(blank=True, help_text="What it proposed, as printed.")
    amount = models.CharField(max_length=100, blank=True, help_text="A sum it proposed, as printed.")
    funding = models.CharField(max_length=300, blank=True, help_text="Where the money comes from, as printed.")
    outcome = models.CharField(max_length=20, choices=MotionOutcome.choices, blank=True, default="")
    unanimous = models.BooleanField(default=False)
    votes_for = models.PositiveIntegerField(null=True, blank=True)
    votes_against = models.PositiveIntegerField(null=True, blank=True)
    votes_abstain = models.PositiveIntegerField(null=True, blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="motions"
    )
    page = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "item__order", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "upstream_id"], name="motion_unique_upstream")]

    def __str__(self) -> str:
        return f"{self.label or self.get_kind_display()} – {self.get_outcome_display()}"


class VoteChoice(models.TextChoices):
    FOR = "for", "For"
    AGAINST = "against", "Against"
    ABSTAIN = "abstain", "Abstained"


class RecordedVote(models.Model):
    """One member's vote in a recorded (named) vote."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="recorded_votes")
    name = models.CharField(max_length=200, help_text="As printed.")
    person = models.ForeignKey(
        "councils.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="recorded_votes"
    )
    vote = models.CharField(max_length=10, choices=VoteChoice.choices)

    class Meta:
        ordering = ["motion", "vote", "name"]
        # A name can stand in two lists where the minutes print it so; each printed vote is kept.
        constraints = [models.UniqueConstraint(fields=["motion", "name", "vote"], name="recorded_vote_unique_name")]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_vote_display()}"


class ParticipationKind(models.TextChoices):
    QUESTION = "question", "Question"
    STATEMENT = "statement", "Statement"
    PETITION = "petition", "Petition"
    DEPUTATION = "deputation", "Deputation"


class Participation(UpstreamModel):
    """A question, statement, petition or deputation put to the meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participation")
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="participation", null=True, blank=True)
    kind = models.CharField(max_length=20, choices=ParticipationKind.choices)
    number = models.CharField(max_length=20, blank=True)
    person = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=500, blank=True)
    signatures = models.PositiveIntegerField(null=True, blank=True)
    answer = models.TextField(blank=True)
    document = models.ForeignKey(
        "documents.Document", on_delete=models.SET_NULL, null=True, blank=True, related_name="participation"
    )
    page = models.PositiveIntegerField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["meeting", "item__order", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "upstream_id"], name="participation_unique_upstream")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} {self.person}".strip()
