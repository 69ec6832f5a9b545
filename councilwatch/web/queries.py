"""Querysets behind the public pages (views stay thin)."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from councilwatch.councils.models import Committee, Council, Person
from councilwatch.documents.models import Document
from councilwatch.meetings.models import Attendance, Meeting
from councilwatch.summaries.models import Summary, Topic
from councilwatch.web.formatting import committee_slug


def latest_summary_prefetch() -> Prefetch:
    return Prefetch("summaries", queryset=Summary.objects.filter(is_latest=True).order_by("-version"), to_attr="latest")


def meetings_with_headlines(qs: QuerySet) -> QuerySet:
    return qs.select_related("council", "committee").prefetch_related(latest_summary_prefetch())


def find_councils(query: str, limit: int = 20) -> list[Council]:
    """Councils whose name, official name, alternative names or code contain ``query`` (case-insensitive)."""
    query = query.strip()
    if not query:
        return []
    needle = query.casefold()
    direct = Council.objects.filter(
        Q(name__icontains=query) | Q(official_name__icontains=query) | Q(code__iexact=query)
    )
    found = {c.pk: c for c in direct[:limit]}
    if len(found) < limit:
        for council in Council.objects.exclude(alt_names=[]).only("code", "name", "official_name", "alt_names"):
            if any(needle in str(alt).casefold() for alt in council.alt_names or []):
                found.setdefault(council.pk, council)
    exact = [c for c in found.values() if needle in (c.name.casefold(), c.code.casefold())]
    rest = sorted((c for c in found.values() if c not in exact), key=lambda c: c.name)
    return (exact + rest)[:limit]


def council_names() -> list[str]:
    """Every name a council goes by, for the search box's suggestions."""
    names: set[str] = set()
    for name, official, alts in Council.objects.values_list("name", "official_name", "alt_names"):
        names.update([name, official, *(str(a) for a in alts or [])])
    return sorted(n for n in names if n)


def latest_summaries(limit: int = 10) -> QuerySet:
    return (
        Summary.objects.filter(is_latest=True)
        .select_related("meeting__council", "meeting__committee")
        .order_by("-meeting__start")[:limit]
    )


def get_council(code: str) -> Council:
    council = Council.objects.filter(code=code.upper()).first()
    if council is None:
        raise Http404(f"No council with code {code!r}")
    return council


def council_meetings(council: Council, limit: int = 10) -> tuple[list[Meeting], list[Meeting]]:
    now = timezone.now()
    base = meetings_with_headlines(council.meetings.all())
    upcoming = list(base.filter(start__gte=now).order_by("start")[:limit])
    recent = list(base.filter(start__lt=now).order_by("-start")[:limit])
    return upcoming, recent


def council_committees(council: Council) -> QuerySet:
    return council.committees.annotate(meeting_count=Count("meetings")).order_by("name")


def council_topics(council: Council) -> QuerySet:
    return (
        Topic.objects.filter(summaries__meeting__council=council, summaries__is_latest=True)
        .annotate(meeting_count=Count("summaries", distinct=True))
        .order_by("-meeting_count", "name")
    )


def get_committee(council: Council, slug: str) -> Committee:
    for committee in council.committees.all():
        if committee_slug(committee) == slug or slugify(committee.name) == slug:
            return committee
    raise Http404(f"No committee {slug!r} at {council.code}")


def get_meeting(council: Council, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("committee").filter(council=council, pk=pk).first()
    if meeting is None:
        raise Http404(f"No meeting {pk} at {council.code}")
    # The council is already loaded: link it instead of joining it again (and once more for the committee's link).
    meeting.council = council
    if meeting.committee is not None and meeting.committee.council_id == council.pk:
        meeting.committee.council = council
    return meeting


def meeting_documents(meeting: Meeting) -> list[Document]:
    return list(meeting.documents.select_related("item").order_by("item__order", "kind", "title"))


def meeting_attendance(meeting: Meeting) -> list[Attendance]:
    rows = list(meeting.attendances.select_related("person").order_by("person__name"))
    others = {r.person.council_id for r in rows} - {meeting.council_id}
    councils = {meeting.council_id: meeting.council, **Council.objects.in_bulk(others)} if others else None
    for row in rows:
        row.person.council = councils[row.person.council_id] if councils else meeting.council
    return rows


def summary_versions(meeting: Meeting) -> list[Summary]:
    """Every version of the meeting's summary, newest first, with only what the version list shows."""
    return list(meeting.summaries.order_by("-version").only("meeting_id", "version", "backend", "created_at", "kind"))


def latest_summary(meeting: Meeting) -> Summary | None:
    return meeting.summaries.filter(is_latest=True).prefetch_related("topics").order_by("-version").first()


def get_person(council: Council, pk: int) -> Person:
    person = Person.objects.filter(council=council, pk=pk).select_related("council").first()
    if person is None:
        raise Http404(f"No person {pk} at {council.code}")
    return person


def attendance_record(person: Person) -> tuple[list[Attendance], dict[str, int]]:
    rows = list(person.attendances.select_related("meeting__committee", "meeting__council").order_by("-meeting__start"))
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    return rows, counts


def topics_with_counts() -> QuerySet:
    return Topic.objects.annotate(
        meeting_count=Count("summaries", filter=Q(summaries__is_latest=True), distinct=True)
    ).order_by("name")


def topic_summaries(topic: Topic) -> QuerySet:
    return (
        topic.summaries.filter(is_latest=True)
        .select_related("meeting__council", "meeting__committee")
        .order_by("-meeting__start")
    )


def committee_people(committee: Committee) -> QuerySet:
    """People recorded at the committee's meetings, with how many of them they attended."""
    attended = Q(
        attendances__meeting__committee=committee, attendances__status__in=["present", "virtual", "in_attendance"]
    )
    return (
        Person.objects.filter(attendances__meeting__committee=committee)
        .annotate(
            recorded=Count("attendances", filter=Q(attendances__meeting__committee=committee), distinct=True),
            attended=Count("attendances", filter=attended, distinct=True),
        )
        .select_related("council")
        .order_by("name")
    )
