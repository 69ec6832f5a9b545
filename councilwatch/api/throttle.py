"""Per-client rate limits for the JSON API, counted in one-minute windows in the ``api`` cache (the cache every
process shares unless API_RATE_LIMIT_CACHE_URL names another), so the limit holds across web workers."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest

from councilwatch.core.cache import count_hit

WINDOW_SECONDS = 60


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def client_ip(request: HttpRequest) -> str:
    """The caller's IP: REMOTE_ADDR, or the address API_NUM_PROXIES hops back in X-Forwarded-For."""
    proxies = settings.API_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def check_rate(identity: str, limit: int, now: float | None = None) -> Verdict:
    """Count one request for ``identity`` in the current window and say whether it is within ``limit``."""
    now = time.time() if now is None else now
    window = int(now // WINDOW_SECONDS)
    count = count_hit(f"api-rate:{identity}:{window}", WINDOW_SECONDS + 5, alias="api")
    retry_after = max(1, int((window + 1) * WINDOW_SECONDS - now))
    return Verdict(allowed=count <= limit, limit=limit, remaining=max(0, limit - count), retry_after=retry_after)
