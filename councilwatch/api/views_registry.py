"""Councils, committees, people, attendance and topics."""

from ninja import Path, Query, Router

from councilwatch.api import filters
from councilwatch.api.errors import not_found
from councilwatch.api.pagination import MAX_ID, PageQuery, get_record, mark_modified, page_of, paginate
from councilwatch.api.schemas import AttendanceOut, CommitteeOut, CouncilOut, ErrorOut, PersonOut, TopicOut
from councilwatch.councils.models import Committee, Person
from councilwatch.summaries.models import Topic

router = Router()
LIST_ERRORS = {400: ErrorOut, 404: ErrorOut}
DETAIL_ERRORS = {404: ErrorOut}


@router.get("/councils", response={200: page_of(CouncilOut), **LIST_ERRORS}, tags=["councils"])
def list_councils(request, q: Query[filters.CouncilQuery]):
    """Every UK principal council, by name. Filter by nation, platform or support level."""
    return paginate(request, filters.councils(q), q)


@router.get("/councils/{code}", response={200: CouncilOut, **DETAIL_ERRORS}, tags=["councils"])
def get_council(request, code: str = Path(..., pattern=filters.CODE)):
    """One council, by its official code (e.g. KEN for Kent County Council)."""
    council = filters.council_by_code(code, "code")
    mark_modified(request, council.updated_at)
    return council


@router.get("/committees", response={200: page_of(CommitteeOut), **LIST_ERRORS}, tags=["councils"])
def list_committees(request, q: Query[filters.CommitteeQuery]):
    """Committees (including Cabinet and full Council), by council code and name."""
    return paginate(request, filters.committees(q), q)


@router.get("/committees/{committee_id}", response={200: CommitteeOut, **DETAIL_ERRORS}, tags=["councils"])
def get_committee(request, committee_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_record(request, Committee.objects.select_related("council"), committee_id, "committee", "committee_id")


@router.get("/people", response={200: page_of(PersonOut), **LIST_ERRORS}, tags=["people"])
def list_people(request, q: Query[filters.PersonQuery]):
    """Councillors, officers and others who attend meetings."""
    return paginate(request, filters.people(q), q)


@router.get("/people/{person_id}", response={200: PersonOut, **DETAIL_ERRORS}, tags=["people"])
def get_person(request, person_id: int = Path(..., ge=1, le=MAX_ID)):
    return get_record(request, Person.objects.select_related("council"), person_id, "person", "person_id")


@router.get("/attendance", response={200: page_of(AttendanceOut), **LIST_ERRORS}, tags=["people"])
def list_attendance(request, q: Query[filters.AttendanceQuery]):
    """Who was expected, present, virtual or sent apologies, newest meeting first. Filter by meeting or person."""
    return paginate(request, filters.attendance(q), q)


@router.get("/topics", response={200: page_of(TopicOut), **LIST_ERRORS}, tags=["summaries"])
def list_topics(request, q: Query[PageQuery]):
    """The topic taxonomy summaries are tagged with."""
    return paginate(request, filters.topics(q), q)


@router.get("/topics/{slug}", response={200: TopicOut, **DETAIL_ERRORS}, tags=["summaries"])
def get_topic(request, slug: str = Path(..., pattern=filters.SLUG)):
    topic = Topic.objects.filter(slug=slug).first()
    if topic is None:
        raise not_found("topic", slug, "slug")
    return topic
