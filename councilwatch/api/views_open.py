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
from councilwatch.api.pagination import page_of, paginate
from councilwatch.api.schemas import ErrorOut, api_url
from councilwatch.api.search import SearchQuery, plain_snippet, search_entries

router = Router()
LIST_ERRORS = {400: ErrorOut, 404: ErrorOut}


class SearchHitOut(Schema):
    kind: Literal["meeting", "item", "summary", "page"]
    title: str
    snippet: str = Field(description="The matching passage, as plain text.")
    rank: float = Field(description="Relevance; higher is better. Only comparable within one search.")
    date: datetime = Field(description="When the meeting starts.")
    council: str
    meeting: int = Field(alias="meeting_id")
    meeting_url: str
    item: int | None = Field(alias="item_id", description="The agenda item, for item hits.")
    document: int | None = Field(alias="document_id", description="The document, for page hits.")
    document_url: str | None
    document_kind: str
    page: int | None = Field(description="The page of the document, for page hits.")

    @staticmethod
    def resolve_snippet(obj) -> str:
        return plain_snippet(obj.snippet_raw)

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.code

    @staticmethod
    def resolve_meeting_url(obj) -> str:
        return api_url(f"meetings/{obj.meeting_id}")

    @staticmethod
    def resolve_document_url(obj) -> str | None:
        return api_url(f"documents/{obj.document_id}") if obj.document_id else None


@router.get("/search", response={200: page_of(SearchHitOut), **LIST_ERRORS}, tags=["search"])
def search(request, q: Query[SearchQuery]):
    """Full-text search over meetings, agenda items, summaries and document pages, best match first."""
    return paginate(request, search_entries(q), q)


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
