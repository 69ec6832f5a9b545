"""Page-number pagination: ?page=N&page_size=M, answered as {count, page, pages, page_size, next, previous, results}."""

import math
from datetime import datetime
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field, create_model

from councilwatch.api.errors import ApiError, not_found

MAX_ID = 2**63 - 1
_M = TypeVar("_M", bound=Model)


class PageQuery(Schema):
    page: int = Field(1, ge=1, le=MAX_ID, description="1-based page number; a page past the last answers 404.")
    page_size: int = Field(settings.API_PAGE_SIZE, ge=1, le=settings.API_MAX_PAGE_SIZE, description="Results per page.")


class PageBase(Schema):
    count: int = Field(description="Results on all pages.")
    page: int
    pages: int = Field(description="Number of pages (at least 1).")
    page_size: int
    next: str | None = Field(description="URL of the next page, or null on the last.")
    previous: str | None = Field(description="URL of the previous page, or null on the first.")


def page_of(item: type[Schema]) -> type[PageBase]:
    """The page model whose ``results`` are ``item``s, named e.g. MeetingPage in the OpenAPI schema."""
    name = item.__name__.removesuffix("Out") + "Page"
    return create_model(name, __base__=PageBase, results=(list[item], ...))


def mark_modified(request: HttpRequest, *stamps: datetime | None) -> None:
    """Tell the middleware the newest change behind this single-record response, for Last-Modified."""
    known = [s for s in stamps if s is not None]
    previous = getattr(request, "api_last_modified", None)
    if previous is not None:
        known.append(previous)
    if known:
        request.api_last_modified = max(known)


def _link(request: HttpRequest, page: int) -> str:
    params = request.GET.copy()
    params["page"] = str(page)
    return f"{settings.SITE_URL}{request.path}?{urlencode(sorted(params.items()))}"


def paginate(request: HttpRequest, queryset: QuerySet | list, query: PageQuery) -> dict:
    """One page of ``queryset`` (already ordered) with the links around it; a page past the end is a 404.

    Lists carry an ETag but no Last-Modified: a page's content can change (rows shifting in from the next
    page) without any of its rows changing, so only the body's hash is a safe validator.
    """
    count = len(queryset) if isinstance(queryset, list) else queryset.count()
    pages = max(1, math.ceil(count / query.page_size))
    if query.page > pages:
        raise ApiError(404, "page_out_of_range", f"page {query.page} is past the last page, {pages}", "page")
    offset = (query.page - 1) * query.page_size
    results = list(queryset[offset : offset + query.page_size])
    return {
        "count": count,
        "page": query.page,
        "pages": pages,
        "page_size": query.page_size,
        "next": _link(request, query.page + 1) if query.page < pages else None,
        "previous": _link(request, query.page - 1) if query.page > 1 else None,
        "results": results,
    }


def get_record(request: HttpRequest, queryset: QuerySet[_M], pk: int, what: str, parameter: str) -> _M:
    """The row ``pk`` of ``queryset`` with its change time marked for Last-Modified, or a JSON 404 naming it."""
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise not_found(f"{what} with id", pk, parameter)
    mark_modified(request, record.updated_at)
    return record
