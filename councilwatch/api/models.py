"""API keys: a key raises the rate limit of the JSON API. Only a hash of each key is stored."""

import hashlib
import secrets

from django.conf import settings
from django.db import models

KEY_PREFIX = "cw_"


def hash_key(raw: str) -> str:
    """sha256 of a raw key; keys are 32 random bytes, so an unsalted hash is safe to look up by."""
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> "ApiKeyQuerySet":
        return self.filter(is_active=True)

    def find(self, raw: str) -> "ApiKey | None":
        """The active key whose hash matches ``raw``, or None."""
        if not raw.startswith(KEY_PREFIX):
            return None
        return self.active().filter(key_hash=hash_key(raw)).first()


class ApiKey(models.Model):
    """A key for the JSON API, held by an email address. Created by staff (admin) or by a professional key."""

    name = models.CharField(max_length=200, help_text="What the key is for, e.g. 'Kent Online newsroom'.")
    owner_email = models.EmailField(db_index=True)
    is_professional = models.BooleanField(
        default=False, help_text="Professional users get a higher limit and may create keys themselves."
    )
    prefix = models.CharField(max_length=12, editable=False, help_text="First characters of the key, to recognise it.")
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    rate_per_minute = models.PositiveIntegerField(
        null=True, blank=True, help_text="Requests per minute; empty uses the default for the key's kind."
    )
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by_key = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="created_keys"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.prefix}… {self.name} <{self.owner_email}>"

    def set_new_key(self) -> str:
        """Give the key a fresh random secret and return it; only its hash is kept, so show it once."""
        raw = KEY_PREFIX + secrets.token_urlsafe(32)
        self.prefix = raw[:10]
        self.key_hash = hash_key(raw)
        return raw

    @property
    def limit_per_minute(self) -> int:
        if self.rate_per_minute:
            return self.rate_per_minute
        if self.is_professional:
            return settings.API_PROFESSIONAL_RATE_PER_MINUTE
        return settings.API_KEY_RATE_PER_MINUTE


def create_api_key(
    name: str, owner_email: str, *, is_professional: bool = False, created_by=None, created_by_key=None
) -> tuple[ApiKey, str]:
    """Create and save a key; returns it and the raw secret (shown to its owner once, never stored)."""
    key = ApiKey(
        name=name,
        owner_email=owner_email,
        is_professional=is_professional,
        created_by=created_by,
        created_by_key=created_by_key,
    )
    raw = key.set_new_key()
    key.save()
    return key, raw
