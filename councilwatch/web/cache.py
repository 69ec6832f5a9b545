"""Rendered pages are cached under keys that include a data version; saving data bumps the version.

Two versions exist: one per council (its pages) and one for the whole site (home, topics, lists, search).
A version is a random token, so keys never collide across restarts or test runs. Responses that set cookies
or vary on them (forms with CSRF tokens) are never stored.
"""

import hashlib
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

SITE = "site"


def _cache():
    alias = getattr(settings, "WEB_PAGE_CACHE_ALIAS", "pages")
    return caches[alias if alias in settings.CACHES else "default"]


def version(scope: str) -> str:
    key = f"cw:ver:{scope}"
    value = _cache().get(key)
    if value is None:
        value = uuid.uuid4().hex
        _cache().add(key, value, None)
        value = _cache().get(key) or value
    return value


def council_scope(code: str, **kwargs: object) -> str:
    return f"council:{code.upper()}"


def bump(council_code: str = "") -> None:
    """Mark the data of one council (and therefore the whole site) as changed."""
    entries = {f"cw:ver:{SITE}": uuid.uuid4().hex}
    if council_code:
        entries[f"cw:ver:{council_scope(council_code)}"] = uuid.uuid4().hex
    _cache().set_many(entries, None)


def _cacheable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "Cookie" not in response.get("Vary", "")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def cached_page(scope: Callable[..., str] | None = None) -> Callable:
    """Cache a view's response; ``scope(**kwargs)`` names the council version it depends on (else the site's)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            seconds = settings.WEB_PAGE_CACHE_SECONDS
            if seconds <= 0 or request.method not in ("GET", "HEAD"):
                return view(request, *args, **kwargs)
            versions = [version(SITE)]
            if scope is not None:
                versions.append(version(scope(**kwargs)))
            raw = "|".join([request.get_full_path(), *versions])
            key = "cw:page:" + hashlib.sha256(raw.encode()).hexdigest()
            hit = _cache().get(key)
            if hit is not None:
                content, content_type = hit
                response = HttpResponse(content, content_type=content_type)
                response["X-Cache"] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if _cacheable(request, response):
                _cache().set(key, (response.content, response["Content-Type"]), seconds)
                response["X-Cache"] = "miss"
            return response

        return wrapper

    return decorator
