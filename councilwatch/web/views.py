"""Public pages. Views stay thin: they call querysets and services and render templates."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from councilwatch.councils.models import Council


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {"council_count": Council.objects.count()})


def council_list(request: HttpRequest) -> HttpResponse:
    councils = Council.objects.order_by("name").only(
        "code", "name", "official_name", "nation", "platform", "support_level"
    )
    return render(request, "web/council_list.html", {"councils": councils})


def council_detail(request: HttpRequest, code: str) -> HttpResponse:
    council = get_object_or_404(Council, code=code.upper())
    return render(request, "web/council_detail.html", {"council": council})
