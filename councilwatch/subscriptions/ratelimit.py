"""Fixed-window counters in the cache every process shares (``core.cache``: Redis, else a SQLite file), so the
limits hold however many web workers serve the form."""

import hashlib

from django.conf import settings

from councilwatch.core.cache import count_hit


def _key(scope: str, value: str) -> str:
    # Hash the value so addresses never sit in the cache in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{scope}:{value}".encode()).hexdigest()[:32]
    return f"cw:subscribe-rate:{scope}:{digest}"


def hit(scope: str, value: str, limit: int, window_seconds: int) -> bool:
    """Count one request for ``value``; True while it is within ``limit`` requests per window."""
    if limit <= 0:
        return True
    return count_hit(_key(scope, value), window_seconds, alias=settings.SUBSCRIBE_RATE_CACHE) <= limit


def subscribe_allowed(email: str, client_ip: str) -> bool:
    """Both the per-address and the per-client limits; both counters are always incremented."""
    window = settings.SUBSCRIBE_RATE_WINDOW
    by_ip = hit("ip", client_ip or "unknown", settings.SUBSCRIBE_RATE_LIMIT_IP, window)
    by_address = hit("address", email.lower(), settings.SUBSCRIBE_RATE_LIMIT, window)
    return by_ip and by_address
