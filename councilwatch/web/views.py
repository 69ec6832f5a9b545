"""Public pages. Views stay thin: they call querysets and services and render templates."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import Resolver404, resolve

from councilwatch.councils.models import Council
from councilwatch.summaries.models import Topic
from councilwatch.web import queries
from councilwatch.web.cache import cached_page, council_scope
from councilwatch.web.presenters import present_summary


def _waiting_counts() -> dict[int, int]:
    """How many people wait for each limited-support council (the subscriptions app counts them)."""
    from councilwatch.subscriptions.demand import waiting_counts

    return waiting_counts()


def queue_places(counts: dict[int, int], limited_ids: list[int]) -> dict[int, int]:
    """Place in the queue of limited councils: most waiting first (1 = next to be enabled)."""
    waiting = sorted((cid for cid in limited_ids if counts.get(cid)), key=lambda cid: -counts[cid])
    return {cid: place for place, cid in enumerate(waiting, start=1)}


@cached_page()
def home(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("council", "").strip()[:100]
    return render(
        request,
        "web/home.html",
        {
            "query": query,
            "matches": queries.find_councils(query) if query else None,
            "names": queries.council_names(),
            "latest": queries.latest_summaries(),
            "council_count": Council.objects.count(),
        },
    )


@cached_page()
def council_list(request: HttpRequest) -> HttpResponse:
    councils = list(
        Council.objects.order_by("name").only("code", "name", "official_name", "nation", "platform", "support_level")
    )
    counts = _waiting_counts()
    places = queue_places(counts, [c.pk for c in councils if not c.is_fully_supported])
    for council in councils:
        council.waiting = counts.get(council.pk, 0)
        council.queue_place = places.get(council.pk)
    return render(request, "web/council_list.html", {"councils": councils})


def _digest_archive_url(code: str) -> str:
    """The subscriptions app's digest archive for a council, once that app serves one."""
    url = f"/councils/{code}/digests/"
    try:
        match = resolve(url)
    except Resolver404:
        return ""
    return url if match.app_name != "web" else ""


def council_detail(request: HttpRequest, code: str) -> HttpResponse:
    # Not cached: the subscribe panel carries a CSRF token.
    council = queries.get_council(code)
    upcoming, recent = queries.council_meetings(council)
    return render(
        request,
        "web/council_detail.html",
        {
            "council": council,
            "upcoming": upcoming,
            "recent": recent,
            "committees": queries.council_committees(council),
            "topics": queries.council_topics(council)[:20],
            "digest_archive_url": _digest_archive_url(council.code),
        },
    )


@cached_page(council_scope)
def meeting_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    council = queries.get_council(code)
    meeting = queries.get_meeting(council, pk)
    documents = queries.meeting_documents(meeting)
    summary = queries.latest_summary(meeting)
    context = {
        "council": council,
        "meeting": meeting,
        "documents": documents,
        "attendances": queries.meeting_attendance(meeting),
        "items": meeting.items.prefetch_related("decisions"),
        "summary": present_summary(summary, documents) if summary else None,
        "versions": queries.summary_versions(meeting),
    }
    return render(request, "web/meeting_detail.html", context)


@cached_page(council_scope)
def committee_detail(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    council = queries.get_council(code)
    committee = queries.get_committee(council, slug)
    meetings = queries.meetings_with_headlines(committee.meetings.order_by("-start"))
    page = Paginator(meetings, 25).get_page(request.GET.get("page"))
    context = {"council": council, "committee": committee, "page": page, "people": queries.committee_people(committee)}
    return render(request, "web/committee_detail.html", context)


@cached_page(council_scope)
def person_detail(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    council = queries.get_council(code)
    person = queries.get_person(council, pk)
    rows, counts = queries.attendance_record(person)
    expected = sum(n for status, n in counts.items() if status != "expected")
    attended = sum(counts.get(s, 0) for s in ("present", "virtual", "in_attendance"))
    return render(
        request,
        "web/person_detail.html",
        {
            "council": council,
            "person": person,
            "rows": rows,
            "counts": counts,
            "attended": attended,
            "recorded": expected,
            "rate": round(100 * attended / expected) if expected else None,
        },
    )


@cached_page()
def topic_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/topic_list.html", {"topics": queries.topics_with_counts()})


@cached_page()
def topic_detail(request: HttpRequest, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    page = Paginator(queries.topic_summaries(topic), 25).get_page(request.GET.get("page"))
    return render(request, "web/topic_detail.html", {"topic": topic, "page": page})


def robots_txt(request: HttpRequest) -> HttpResponse:
    from django.conf import settings

    lines = ["User-agent: *", "Disallow: /search/", "Disallow: /admin/", f"Sitemap: {settings.SITE_URL}/sitemap.xml"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
