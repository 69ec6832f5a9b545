"""Fixed-window counters in the cache every process shares (``core.cache``: Redis, else a SQLite file), so the
limits hold however many web workers serve the form."""

from django.conf import settings

from councilwatch.core.cache import within_limit


def subscribe_allowed(email: str, client_ip: str) -> bool:
    """Both the per-address and the per-client limits; both counters are always incremented."""
    window, alias = settings.SUBSCRIBE_RATE_WINDOW, settings.SUBSCRIBE_RATE_CACHE
    by_ip = within_limit("subscribe-ip", client_ip or "unknown", settings.SUBSCRIBE_RATE_LIMIT_IP, window, alias=alias)
    by_address = within_limit("subscribe-address", email.lower(), settings.SUBSCRIBE_RATE_LIMIT, window, alias=alias)
    return by_ip and by_address
