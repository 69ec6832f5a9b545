"""Subscribers, their council subscriptions, professionals' alerts, weekly digests and per-recipient deliveries.

Nothing is stored about an address until its owner confirms it (double opt-in): the confirmation link itself
carries the address and the councils, signed. ``Delivery`` is the exactly-once ledger: one row per recipient per
digest, alert batch or notice, unique on (subscriber, key), moving queued → sending → sent | failed | skipped.
"""

import secrets

from django.db import models

from councilwatch.core.models import TimeStampedModel


def new_token_key() -> str:
    return secrets.token_urlsafe(12)


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    PAUSED = "paused", "Paused (keep my councils, send nothing)"


class Subscriber(TimeStampedModel):
    """A confirmed email address. Its ``token_key`` is part of every signed link, so rotating it revokes them."""

    email = models.EmailField(max_length=254, unique=True)
    token_key = models.CharField(max_length=32, default=new_token_key)
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY)
    is_professional = models.BooleanField(default=False, help_text="Staff mark professional accounts: alerts.")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    bounced_at = models.DateTimeField(null=True, blank=True, help_text="Set when mail bounces: nothing is sent.")
    bounce_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def is_bounced(self) -> bool:
        return self.bounced_at is not None


class Subscription(TimeStampedModel):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="subscriptions")
    confirmed_at = models.DateTimeField()

    class Meta:
        ordering = ["council__name"]
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "council"], name="subscription_unique_council"),
        ]

    def __str__(self) -> str:
        return f"{self.subscriber_id} → {self.council_id}"


class AlertFrequency(models.TextChoices):
    IMMEDIATE = "immediate", "Immediately"
    DAILY = "daily", "Once a day"
    WEEKLY = "weekly", "Once a week"


class Alert(TimeStampedModel):
    """A professional's standing search: keywords and/or topics, in chosen councils (none chosen = all)."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="alerts")
    name = models.CharField(max_length=200)
    keywords = models.JSONField(default=list, blank=True, help_text="Phrases, any of which must appear.")
    topics = models.ManyToManyField("summaries.Topic", related_name="alerts", blank=True)
    councils = models.ManyToManyField("councils.Council", related_name="alerts", blank=True)
    frequency = models.CharField(max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.DAILY)
    is_active = models.BooleanField(default=True)
    checked_until = models.DateTimeField(
        null=True, blank=True, help_text="Summaries created up to this time have been matched."
    )

    class Meta:
        ordering = ["subscriber", "name"]

    def __str__(self) -> str:
        return self.name


class AlertMatch(TimeStampedModel):
    """One summary that matched an alert, with why (``reasons``: [{kind, term, where, snippet}])."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="matches")
    summary = models.ForeignKey("summaries.Summary", on_delete=models.CASCADE, related_name="alert_matches")
    reasons = models.JSONField(default=list)
    delivery = models.ForeignKey(
        "Delivery", on_delete=models.SET_NULL, null=True, blank=True, related_name="alert_matches"
    )

    class Meta:
        ordering = ["alert", "id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "summary"], name="alertmatch_unique_summary"),
        ]

    def __str__(self) -> str:
        return f"{self.alert} ← summary {self.summary_id}"


class Digest(TimeStampedModel):
    """One council's weekly digest: meetings held in ``week`` and meetings of the week after it."""

    council = models.ForeignKey("councils.Council", on_delete=models.CASCADE, related_name="digests")
    week = models.CharField(max_length=8, help_text="ISO week the digest covers, e.g. 2025-W05.")
    subject = models.CharField(max_length=300)
    content = models.JSONField(default=dict, help_text="The meetings and decisions it lists.")

    class Meta:
        ordering = ["council", "-week"]
        constraints = [
            models.UniqueConstraint(fields=["council", "week"], name="digest_unique_week"),
        ]

    def __str__(self) -> str:
        return f"{self.council_id} {self.week}"


class DeliveryKind(models.TextChoices):
    DIGEST = "digest", "Weekly digest"
    ALERT = "alert", "Alert"
    ENABLED = "enabled", "Council enabled notice"


class DeliveryState(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    SKIPPED = "skipped", "Skipped"


class Delivery(TimeStampedModel):
    """One mail to one recipient, created before sending; ``key`` makes it unique per subscriber."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(max_length=10, choices=DeliveryKind.choices)
    key = models.CharField(max_length=120, help_text="What is delivered: digest:<id>, alert:<id>:<n>, enabled:<code>.")
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries")
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries")
    council = models.ForeignKey(
        "councils.Council", on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    claim = models.CharField(max_length=120, blank=True, help_text="host:pid:nonce of the sender holding it.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    unconfirmed = models.BooleanField(
        default=False, help_text="The sender died between marking it sent and hearing the SMTP server's answer."
    )
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "key"], name="delivery_unique_key"),
        ]
        indexes = [models.Index(fields=["state", "kind"]), models.Index(fields=["claim"])]

    def __str__(self) -> str:
        return f"{self.key} → {self.subscriber_id} ({self.state})"
