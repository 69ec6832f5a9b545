"""Security headers on every response, including a strict Content Security Policy (no inline script or style),
and the admin login's rate limit. (HSTS comes from Django's SecurityMiddleware: SECURE_HSTS_SECONDS in settings.)"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from councilwatch.core.cache import within_limit

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
#: Served stored files (PDFs) get a policy of their own: Chrome's PDF viewer must be allowed to run.
DOCUMENT_CSP = "default-src 'none'; object-src 'self'; plugin-types application/pdf; frame-ancestors 'self'"
HEADERS = {
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):  # the admin is Django's own, with its own inline code
            response.headers.setdefault("Content-Security-Policy", CSP)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


class AdminLoginThrottleMiddleware:
    """Password guessing on the admin login: its POSTs are counted per client address and per user name in the
    shared cache, and past ADMIN_LOGIN_RATE_LIMIT in ADMIN_LOGIN_RATE_WINDOW seconds answered 429."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == reverse("admin:login"):
            limit, window = settings.ADMIN_LOGIN_RATE_LIMIT, settings.ADMIN_LOGIN_RATE_WINDOW
            by_ip = within_limit("admin-login-ip", request.META.get("REMOTE_ADDR", "") or "unknown", limit, window)
            name = request.POST.get("username", "").strip().lower()
            by_name = within_limit("admin-login-user", name, limit, window) if name else True
            if not (by_ip and by_name):
                response = HttpResponse(
                    f"Too many sign-in attempts. Try again in {window // 60} minutes.\n",
                    status=429,
                    content_type="text/plain; charset=utf-8",
                )
                response["Retry-After"] = str(window)
                return response
        return self.get_response(request)
