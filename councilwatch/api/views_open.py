"""Search, bulk exports, meetings in the City Scrapers schema, and API keys for professional users."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.http import FileResponse
from ninja import Path, Query, Router, Schema, Status
from ninja.security import APIKeyHeader
from pydantic import ConfigDict, Field, field_validator

from councilwatch.api import filters
from councilwatch.api.cityscrapers import to_city_scrapers
from councilwatch.api.errors import not_found
from councilwatch.api.exports import DUMP_NAME, dump_path, read_manifest
from councilwatch.api.models import ApiKey, create_api_key
from councilwatch.api.pagination import PageQuery, page_of, paginate
from councilwatch.api.schemas import ErrorOut, api_url
from councilwatch.api.search import search_hits

router = Router()
LIST_ERRORS = {400: ErrorOut, 404: ErrorOut}


class SearchQuery(PageQuery):
    q: str = Field(..., min_length=2, max_length=200, description="Words to look for.")
    council: str | None = filters.CouncilParam


class SearchHitOut(Schema):
    kind: Literal["meeting", "item", "summary"]
    id: int = Field(description="Id of the meeting, item or summary.")
    meeting: int
    meeting_url: str
    council: str
    title: str
    snippet: str
    start: datetime


@router.get("/search", response={200: page_of(SearchHitOut), **LIST_ERRORS}, tags=["search"])
def search(request, q: Query[SearchQuery]):
    """Meetings, agenda items and summaries matching ``q``, newest meeting first."""
    council = filters.council_by_code(q.council) if q.council else None
    hits = [
        {**hit.__dict__, "meeting_url": api_url(f"meetings/{hit.meeting}")} for hit in search_hits(q.q.strip(), council)
    ]
    return paginate(request, hits, q, stamp_field=None)


class CityScrapersLink(Schema):
    href: str
    title: str = ""


class CityScrapersLocation(Schema):
    name: str = ""


class CityScrapersMeeting(Schema):
    """A meeting as City Scrapers (JSCalendar) publishes it; field names as in their meeting.schema.json."""

    model_config = ConfigDict(populate_by_name=True)

    type: Literal["jsevent"] = Field(alias="@type")
    uid: str
    title: str
    updated: str
    description: str
    isAllDay: bool
    status: Literal["cancelled", "confirmed", "tentative", "passed"]
    start: str
    timeZone: str
    duration: str
    locations: dict[str, CityScrapersLocation] = {}
    links: dict[str, CityScrapersLink]
    cs_id: str = Field(alias="cityscrapers.org/id")
    agency: str = Field(alias="cityscrapers.org/agency")
    classification: str = Field(alias="cityscrapers.org/classification")


@router.get(
    "/city-scrapers/meetings",
    response={200: page_of(CityScrapersMeeting), **LIST_ERRORS},
    by_alias=True,
    tags=["exports"],
)
def list_city_scrapers_meetings(request, q: Query[filters.MeetingQuery]):
    """Meetings in the City Scrapers meeting schema, with the same filters as /meetings."""
    page = paginate(request, filters.meetings(q).prefetch_related("documents"), q)
    page["results"] = [to_city_scrapers(m) for m in page["results"]]
    return page


class ExportFileOut(Schema):
    name: str
    url: str
    format: str = Field(description="jsonl (meeting details), csv (one row per meeting) or city-scrapers.")
    date: str
    size: int = Field(description="Bytes, gzipped.")
    sha256: str
    rows: int = Field(description="Meetings in the file.")
    created: str


class ExportListOut(Schema):
    files: list[ExportFileOut]


@router.get("/exports", response={200: ExportListOut}, tags=["exports"])
def list_exports(request):
    """The nightly bulk exports of every meeting, newest first, gzipped."""
    files = [{**f.__dict__, "url": api_url(f"exports/{f.name}")} for f in read_manifest()]
    return {"files": files}


@router.get(
    "/exports/{name}",
    response={404: ErrorOut},
    tags=["exports"],
    openapi_extra={
        "responses": {
            "200": {
                "description": "The gzipped export file.",
                "content": {"application/gzip": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def download_export(request, name: str = Path(..., pattern=DUMP_NAME.pattern)):
    """Download one export file listed at /exports."""
    path = dump_path(name)
    if path is None:
        raise not_found("export file", name, "name")
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type="application/gzip")


class ProfessionalKey(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key: str | None) -> ApiKey | None:
        found = ApiKey.objects.find(key or "")
        return found if found is not None and found.is_professional else None


class NewKeyIn(Schema):
    name: str = Field(..., min_length=1, max_length=200, description="What the new key is for.")
    owner_email: str | None = Field(None, max_length=254, description="Who holds it; defaults to your key's owner.")

    @field_validator("owner_email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                validate_email(value)
            except DjangoValidationError as exc:
                raise ValueError("not an email address") from exc
        return value


class NewKeyOut(Schema):
    key: str = Field(description="The secret: shown only this once; send it as X-API-Key.")
    prefix: str
    name: str
    owner_email: str
    limit_per_minute: int


@router.post("/keys", response={201: NewKeyOut, 400: ErrorOut, 401: ErrorOut}, auth=ProfessionalKey(), tags=["keys"])
def new_key(request, body: NewKeyIn):
    """Create an API key; only holders of a professional key may (staff create keys in the admin)."""
    parent: ApiKey = request.auth
    key, raw = create_api_key(body.name, body.owner_email or parent.owner_email, created_by_key=parent)
    return Status(201, {**key.__dict__, "key": raw, "limit_per_minute": key.limit_per_minute})
