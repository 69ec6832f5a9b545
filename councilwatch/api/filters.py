"""Query parameters of the list endpoints and the querysets they select. Unknown references answer 404."""

from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from pydantic import Field

from councilwatch.api.errors import ApiError, not_found
from councilwatch.api.pagination import MAX_ID, PageQuery
from councilwatch.councils.models import Committee, Council, Person
from councilwatch.documents.models import Document, DocumentKind
from councilwatch.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Decision,
    DecisionOutcome,
    Meeting,
    MeetingStatus,
)
from councilwatch.summaries.models import Summary, Topic

CODE = r"^[A-Za-z]{3,4}$"
SLUG = r"^[-a-zA-Z0-9_]{1,60}$"
CouncilParam = Field(None, pattern=CODE, description="A council's code, e.g. KEN.")
IdParam = Field(None, ge=1, le=MAX_ID)


def council_by_code(code: str, parameter: str = "council") -> Council:
    council = Council.objects.filter(code=code.upper()).first()
    if council is None:
        raise not_found("council with code", code, parameter)
    return council


def _require(model: type, pk: int, what: str, parameter: str) -> None:
    if not model.objects.filter(pk=pk).exists():
        raise not_found(what, pk, parameter)


class CouncilQuery(PageQuery):
    nation: Literal["England", "Scotland", "Wales", "Northern Ireland"] | None = None
    platform: Literal["moderngov", "cmis", "custom_html", "json_api", "unknown"] | None = None
    support_level: Literal["full", "limited"] | None = None


def councils(q: CouncilQuery) -> QuerySet:
    qs = Council.objects.order_by("name", "code")
    for name in ("nation", "platform", "support_level"):
        if getattr(q, name):
            qs = qs.filter(**{name: getattr(q, name)})
    return qs


class CommitteeQuery(PageQuery):
    council: str | None = CouncilParam


def committees(q: CommitteeQuery) -> QuerySet:
    qs = Committee.objects.select_related("council").order_by("council__code", "name", "id")
    if q.council:
        qs = qs.filter(council=council_by_code(q.council))
    return qs


class DateRangeQuery(PageQuery):
    date_from: date | None = Field(None, description="Meetings on or after this date (YYYY-MM-DD, UK time).")
    date_to: date | None = Field(None, description="Meetings on or before this date (YYYY-MM-DD, UK time).")


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the site's time zone, so date filters compare the indexed column directly."""
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))


def _date_range(qs: QuerySet, q: DateRangeQuery, field: str) -> QuerySet:
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ApiError(400, "invalid_parameter", f"date_from {q.date_from} is after date_to {q.date_to}", "date_from")
    try:
        if q.date_from:
            qs = qs.filter(**{f"{field}__gte": _midnight(q.date_from)})
        if q.date_to:
            qs = qs.filter(**{f"{field}__lt": _midnight(q.date_to + timedelta(days=1))})
    except OverflowError as exc:  # date.max + 1 day
        raise ApiError(400, "invalid_parameter", "date_to is past the end of the calendar", "date_to") from exc
    return qs


class MeetingQuery(DateRangeQuery):
    council: str | None = CouncilParam
    committee: int | None = Field(None, ge=1, le=MAX_ID, description="A committee's id.")
    status: MeetingStatus | None = None
    topic: str | None = Field(None, pattern=SLUG, description="A topic's slug: meetings whose latest summary has it.")
    order: Literal["start", "-start"] = Field("-start", description="start (oldest first) or -start (newest first).")


#: The columns meeting lists (and City Scrapers events) show: loading no more makes the list ~20% faster.
MEETING_LIST_COLUMNS = [
    *(f.name for f in Meeting._meta.concrete_fields if f.name not in ("council", "committee", "gone_upstream_at")),
    "council__code",
    "council__official_name",
    "committee__id",
    "committee__name",
]


def meetings(q: MeetingQuery) -> QuerySet:
    qs = Meeting.objects.select_related("council", "committee").only(*MEETING_LIST_COLUMNS)
    if q.council:
        qs = qs.filter(council=council_by_code(q.council))
    if q.committee:
        _require(Committee, q.committee, "committee with id", "committee")
        qs = qs.filter(committee_id=q.committee)
    if q.status:
        qs = qs.filter(status=q.status)
    if q.topic:
        if not Topic.objects.filter(slug=q.topic).exists():
            raise not_found("topic", q.topic, "topic")
        qs = qs.filter(summaries__is_latest=True, summaries__topics__slug=q.topic)
    qs = _date_range(qs, q, "start")
    return qs.order_by(q.order, "-id" if q.order.startswith("-") else "id")


def meeting_details() -> QuerySet:
    """Meetings with everything the meeting detail shows loaded in a handful of queries."""
    return Meeting.objects.select_related("council", "committee").prefetch_related(
        "items",
        Prefetch("documents", queryset=Document.objects.order_by("title", "id")),
        Prefetch("attendances", queryset=Attendance.objects.select_related("person")),
        "decisions",
        Prefetch("summaries", queryset=Summary.objects.filter(is_latest=True).prefetch_related("topics")),
    )


def link_loaded(meeting: Meeting) -> Meeting:
    """Point the prefetched documents and summaries at the meeting and council already loaded, rather than
    joining the council's row (with its JSON columns) again for every one of them."""
    for document in meeting.documents.all():
        if document.council_id == meeting.council_id:
            document.council = meeting.council
    for summary in meeting.summaries.all():
        summary.meeting = meeting
    return meeting


class MeetingChildQuery(PageQuery):
    council: str | None = CouncilParam
    meeting: int | None = Field(None, ge=1, le=MAX_ID, description="A meeting's id.")


def _by_meeting(qs: QuerySet, q: MeetingChildQuery, council_field: str) -> QuerySet:
    if q.council:
        qs = qs.filter(**{council_field: council_by_code(q.council)})
    if q.meeting:
        _require(Meeting, q.meeting, "meeting with id", "meeting")
        qs = qs.filter(meeting_id=q.meeting)
    return qs


def items(q: MeetingChildQuery) -> QuerySet:
    return _by_meeting(AgendaItem.objects.all(), q, "meeting__council").order_by("meeting_id", "order", "id")


class DocumentQuery(MeetingChildQuery):
    kind: DocumentKind | None = None


def documents(q: DocumentQuery) -> QuerySet:
    qs = _by_meeting(Document.objects.select_related("council"), q, "council")
    if q.kind:
        qs = qs.filter(kind=q.kind)
    return qs.order_by("meeting_id", "title", "id")


class SummaryQuery(MeetingChildQuery):
    topic: str | None = Field(None, pattern=SLUG, description="A topic's slug.")
    latest: bool = Field(True, description="Only the latest version of each meeting's summary (false: all versions).")


def summaries(q: SummaryQuery) -> QuerySet:
    qs = _by_meeting(
        Summary.objects.select_related("meeting__council").prefetch_related("topics"), q, "meeting__council"
    )
    if q.latest:
        qs = qs.filter(is_latest=True)
    if q.topic:
        if not Topic.objects.filter(slug=q.topic).exists():
            raise not_found("topic", q.topic, "topic")
        qs = qs.filter(topics__slug=q.topic)
    return qs.order_by("-meeting__start", "meeting_id", "-version")


class DecisionQuery(MeetingChildQuery, DateRangeQuery):
    outcome: DecisionOutcome | None = None


def decisions(q: DecisionQuery) -> QuerySet:
    qs = _by_meeting(Decision.objects.all(), q, "meeting__council")
    if q.outcome:
        qs = qs.filter(outcome=q.outcome)
    qs = _date_range(qs, q, "meeting__start")
    return qs.order_by("-meeting__start", "meeting_id", "item__order", "id")


class PersonQuery(PageQuery):
    council: str | None = CouncilParam
    kind: Literal["councillor", "officer", "other"] | None = None
    party: str | None = Field(None, max_length=200, description="Exact party name.")


def people(q: PersonQuery) -> QuerySet:
    qs = Person.objects.select_related("council").order_by("council__code", "name", "id")
    if q.council:
        qs = qs.filter(council=council_by_code(q.council))
    if q.kind:
        qs = qs.filter(kind=q.kind)
    if q.party:
        qs = qs.filter(party=q.party)
    return qs


class AttendanceQuery(MeetingChildQuery):
    person: int | None = Field(None, ge=1, le=MAX_ID, description="A person's id.")
    status: AttendanceStatus | None = None


def attendance(q: AttendanceQuery) -> QuerySet:
    qs = _by_meeting(Attendance.objects.select_related("person"), q, "meeting__council")
    if q.person:
        _require(Person, q.person, "person with id", "person")
        qs = qs.filter(person_id=q.person)
    if q.status:
        qs = qs.filter(status=q.status)
    return qs.order_by("-meeting__start", "meeting_id", "person__name", "id")


def topics(q: PageQuery) -> QuerySet:
    return Topic.objects.order_by("name", "slug")
