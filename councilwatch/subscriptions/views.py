"""Subscription pages. Thin: parse, call one service, render. Every page but subscribe needs a signed token."""

import json

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from councilwatch.councils.models import Council
from councilwatch.subscriptions import services, tokens
from councilwatch.subscriptions.forms import AlertForm, PreferencesForm, SubscribeForm
from councilwatch.subscriptions.models import Digest
from councilwatch.subscriptions.weeks import BadWeek, parse_week


def _invalid(request: HttpRequest, exc: tokens.InvalidToken) -> HttpResponse:
    return render(request, "subscriptions/invalid_link.html", {"reason": str(exc)}, status=400)


def subscribe_page(request: HttpRequest, code: str) -> HttpResponse:
    """A council's subscribe page: the same panel the council page shows."""
    council = get_object_or_404(Council, code=code.upper())
    return render(request, "subscriptions/subscribe.html", {"council": council})


@require_POST
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "subscriptions/subscribe_invalid.html", {"form": form}, status=400)
    outcome = services.request_subscription(
        form.cleaned_data["email"],
        form.cleaned_data["councils"],
        client_ip=request.META.get("REMOTE_ADDR", ""),
        honeypot=form.cleaned_data.get("website", ""),
    )
    if outcome is services.Outcome.RATE_LIMITED:
        return render(request, "subscriptions/slow_down.html", status=429)
    if outcome is services.Outcome.MAIL_FAILED:
        return render(request, "subscriptions/mail_failed.html", status=503)
    return render(request, "subscriptions/check_inbox.html", {"days": settings.TOKEN_MAX_AGE_DAYS})


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button (mail scanners follow links); POST confirms."""
    try:
        pending = tokens.read_confirm_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    councils = Council.objects.filter(code__in=pending.council_codes)
    if request.method == "GET":
        return render(request, "subscriptions/confirm.html", {"councils": councils})
    subscriber = services.confirm_subscription(token)
    return redirect(reverse("subscriptions:preferences", args=[tokens.make_manage_token(subscriber)]) + "?confirmed=1")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.read_manage_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    current = list(subscriber.subscriptions.values_list("council_id", flat=True))
    form = PreferencesForm(request.POST or None, initial={"councils": current, "frequency": subscriber.frequency})
    saved = False
    if request.method == "POST" and form.is_valid():
        services.update_preferences(
            subscriber, [c.pk for c in form.cleaned_data["councils"]], form.cleaned_data["frequency"]
        )
        saved = True
    context = {
        "subscriber": subscriber,
        "form": form,
        "token": token,
        "saved": saved,
        "confirmed": request.GET.get("confirmed") == "1",
        "subscriptions": subscriber.subscriptions.select_related("council"),
        "unsubscribe_token": tokens.make_unsubscribe_token(subscriber),
    }
    return render(request, "subscriptions/preferences.html", context)


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        request_data = tokens.read_unsubscribe_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    if request.method == "GET":
        return render(request, "subscriptions/unsubscribe.html", {"token": token, "request_data": request_data})
    what = services.unsubscribe(request_data, everything=request.POST.get("everything") == "1")
    manage = tokens.make_manage_token(request_data.subscriber)
    return render(request, "subscriptions/unsubscribed.html", {"what": what, "manage_token": manage})


def export(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.read_manage_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    response = HttpResponse(
        json.dumps(services.export_data(subscriber), indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="councilwatch-my-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.read_manage_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    if request.method == "GET":
        return render(request, "subscriptions/delete.html", {"token": token})
    services.delete_subscriber(subscriber)
    return render(request, "subscriptions/deleted.html")


@require_http_methods(["GET", "POST"])
def alerts(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscriber = tokens.read_manage_token(token)
    except tokens.InvalidToken as exc:
        return _invalid(request, exc)
    form = AlertForm(request.POST or None) if subscriber.is_professional else None
    if form is not None and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.save_alert(
            subscriber,
            data["name"],
            data["keywords"],
            [t.pk for t in data["topics"]],
            [c.pk for c in data["councils"]],
            data["frequency"],
        )
        return redirect("subscriptions:alerts", token=token)
    context = {"subscriber": subscriber, "form": form, "token": token, "alerts": services.active_alerts(subscriber)}
    return render(request, "subscriptions/alerts.html", context)


def digest_archive(request: HttpRequest, code: str) -> HttpResponse:
    council = get_object_or_404(Council, code=code.upper())
    digests = Digest.objects.filter(council=council).order_by("-week").only("week", "subject", "council_id")
    return render(request, "subscriptions/digest_archive.html", {"council": council, "digests": digests})


def digest_week(request: HttpRequest, code: str, week: str) -> HttpResponse:
    council = get_object_or_404(Council, code=code.upper())
    try:
        parse_week(week)
    except BadWeek as exc:
        raise Http404(str(exc)) from exc
    digest = get_object_or_404(Digest, council=council, week=week)
    return render(request, "subscriptions/digest_detail.html", {"council": council, "digest": digest})
