"""Search for the API: the full-text index of the search app (``SearchEntry.objects.search``), with API filters.

Unknown councils and topics answer 404 like everywhere else; the rows keep the index's ``rank`` and
``snippet_raw`` (matches between \\x02 and \\x03, which the API shows as plain text).
"""

from typing import Literal

from django.db.models import QuerySet
from pydantic import Field

from councilwatch.api.errors import ApiError, not_found
from councilwatch.api.filters import CouncilParam, DateRangeQuery, council_by_code
from councilwatch.api.pagination import MAX_ID
from councilwatch.councils.models import Committee
from councilwatch.documents.models import DocumentKind
from councilwatch.search.models import SearchEntry
from councilwatch.search.query import START, STOP, SearchFilters
from councilwatch.summaries.models import Topic


class SearchQuery(DateRangeQuery):
    q: str = Field(
        ...,
        min_length=2,
        max_length=200,
        description='Words to look for; "a phrase" in quotes, OR between alternatives, -word to exclude.',
    )
    council: str | None = CouncilParam
    committee: int | None = Field(None, ge=1, le=MAX_ID, description="A committee's id.")
    topic: str | None = Field(None, pattern=r"^[-a-zA-Z0-9_]{1,60}$", description="A topic's slug.")
    kind: Literal["meeting", "item", "summary", "page"] | None = Field(None, description="Only this kind of hit.")
    document_kind: DocumentKind | None = Field(None, description="Only pages of documents of this kind.")


def _check(q: SearchQuery) -> None:
    if q.council:
        council_by_code(q.council)
    if q.committee and not Committee.objects.filter(pk=q.committee).exists():
        raise not_found("committee with id", q.committee, "committee")
    if q.topic and not Topic.objects.filter(slug=q.topic).exists():
        raise not_found("topic", q.topic, "topic")
    if q.date_from and q.date_to and q.date_from > q.date_to:
        raise ApiError(400, "invalid_parameter", f"date_from {q.date_from} is after date_to {q.date_to}", "date_from")


def search_entries(q: SearchQuery) -> QuerySet:
    """Index entries matching ``q.q``, best first, narrowed by the filters."""
    _check(q)
    filters = SearchFilters(
        council=(q.council or "").upper(),
        committee=q.committee,
        topic=q.topic or "",
        date_from=q.date_from or None,
        date_to=q.date_to or None,
        document_kind=q.document_kind or "",
        kind=q.kind or "",
    )
    entries = SearchEntry.objects.select_related("council").search(q.q, filters)
    if entries.query.is_empty():  # nothing searchable in q (punctuation only): no rank to order by
        return entries
    return entries.order_by("-rank", "-date", "id")  # ties broken by id, so pages never overlap


def plain_snippet(raw: str | None) -> str:
    return (raw or "").replace(START, "").replace(STOP, "")
