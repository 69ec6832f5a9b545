"""Everything the JSON API does around a view: keys, rate limits, CORS, conditional GET, JSON errors."""

import hashlib
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from councilwatch.api.errors import error_response
from councilwatch.api.models import ApiKey
from councilwatch.api.throttle import check_rate, client_ip

PREFIX = "/api/"
READ_METHODS = ("GET", "HEAD")
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining",
    "Cross-Origin-Resource-Policy": "cross-origin",  # open data: other sites may load it (the site says same-origin)
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Authorization, X-API-Key, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


def raw_key(request: HttpRequest) -> str:
    """The API key sent in ``X-API-Key`` or ``Authorization: Bearer ...``, or ''."""
    key = request.headers.get("X-API-Key", "").strip()
    if not key:
        auth = request.headers.get("Authorization", "")
        if auth[:7].lower() == "bearer ":
            key = auth[7:].strip()
    return key


def allowed_methods(view_allows: str) -> str:
    """What an API address allows: its view's methods, HEAD wherever GET is (answered here), and OPTIONS."""
    methods = [m.strip().upper() for m in view_allows.split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.append("HEAD")
    return ", ".join([*methods, "OPTIONS"] if "OPTIONS" not in methods else methods)


def _touch(key: ApiKey) -> None:
    now = timezone.now()
    if key.last_used_at is None or now - key.last_used_at > timedelta(minutes=5):
        ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        response = self._handle(request)
        if request.method in (*READ_METHODS, "OPTIONS"):
            for name, value in CORS_HEADERS.items():
                response[name] = value
        return response

    def _handle(self, request: HttpRequest) -> HttpResponse:
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response[name] = value
            return response
        for name, value in request.GET.lists():
            if "\x00" in name or any("\x00" in v for v in value):
                return error_response(400, "invalid_parameter", "parameters may not contain NUL characters", name)
        key = None
        raw = raw_key(request)
        if raw:
            key = ApiKey.objects.find(raw)
            if key is None:
                return error_response(401, "invalid_key", "the API key is unknown or revoked", "X-API-Key")
            _touch(key)
        if key is not None:
            verdict = check_rate(f"key:{key.pk}", key.limit_per_minute)
        else:
            verdict = check_rate(f"ip:{client_ip(request)}", settings.API_ANON_RATE_PER_MINUTE)
        if not verdict.allowed:
            response = error_response(
                429,
                "rate_limited",
                f"more than {verdict.limit} requests this minute; retry after {verdict.retry_after} s"
                " (an API key raises the limit, see /api/v1/docs)",
            )
            response["Retry-After"] = str(verdict.retry_after)
        else:
            response = self._view(request)
        response["X-RateLimit-Limit"] = str(verdict.limit)
        response["X-RateLimit-Remaining"] = str(verdict.remaining)
        return response

    def _view(self, request: HttpRequest) -> HttpResponse:
        is_head = request.method == "HEAD"
        if is_head:
            request.method = "GET"
        response = original = self.get_response(request)
        if is_head:
            request.method = "HEAD"
        content_type = response.get("Content-Type", "")
        if response.status_code == 404 and not content_type.startswith("application/json"):
            response = error_response(404, "not_found", f"no API address {request.path}; see /api/v1/docs")
        elif response.status_code == 405 and not content_type.startswith("application/json"):
            response = error_response(405, "method_not_allowed", f"{request.method} is not allowed here")
            response["Allow"] = allowed_methods(original.get("Allow", ""))  # RFC 9110: a 405 names them
        if response.status_code == 200 and request.method in READ_METHODS and not response.streaming:
            response = self._conditional(request, response)
        if is_head and not response.streaming:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    def _conditional(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        response["Cache-Control"] = f"public, max-age={settings.API_CACHE_SECONDS}"
        response["Vary"] = "Accept-Encoding"
        if not response.has_header("ETag"):
            response["ETag"] = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        last_modified = getattr(request, "api_last_modified", None)
        timestamp = int(last_modified.timestamp()) if last_modified else None
        if timestamp is not None:
            response["Last-Modified"] = http_date(timestamp)
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=timestamp, response=response
        )
        return conditional if conditional is not None else response
