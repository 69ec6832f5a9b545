"""The JSON API v1: one NinjaAPI made of the routers, with the API's own error shape for every failure."""

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema

from councilwatch.api import views_meetings, views_open, views_registry
from councilwatch.api.errors import ApiError, error_response

DESCRIPTION = """Open data about UK council meetings: councils, committees, meetings, agenda items, documents with
their text page by page, summaries whose every statement cites a document and page, decisions, people,
attendance and topics. Free to use; please credit councilwatch and the council.

* Lists are paginated with `page` (from 1) and `page_size`; a page past the last answers 404.
* Errors are JSON: `{"error": {"code", "message", "parameter"}}`.
* Responses carry `ETag` and (where known) `Last-Modified`; send `If-None-Match` / `If-Modified-Since` for a 304.
* Anonymous clients are rate-limited per IP; an API key (header `X-API-Key`) raises the limit. Over the limit
  answers 429 with `Retry-After`.
* What may change within v1 is written in docs/api.md (the stability promise)."""


#: Every operation may answer 429: the rate limit (api/middleware.py) applies to all of them.
RATE_LIMITED = {
    "description": "Over the rate limit: more requests this minute than this client may make (X-RateLimit-Limit); "
    "try again after Retry-After seconds, or send an API key.",
    "headers": {
        "Retry-After": {"description": "Seconds until the minute's window ends.", "schema": {"type": "integer"}},
        "X-RateLimit-Limit": {"description": "Requests a minute this client may make.", "schema": {"type": "integer"}},
        "X-RateLimit-Remaining": {"description": "Requests left this minute.", "schema": {"type": "integer"}},
    },
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}},
}


class CouncilwatchApi(NinjaAPI):
    """The NinjaAPI whose schema also says what the middleware around the views answers: 429 everywhere."""

    def get_openapi_schema(self, **kwargs: object) -> OpenAPISchema:
        schema = super().get_openapi_schema(**kwargs)  # type: ignore[arg-type]
        for path in schema["paths"].values():
            for operation in path.values():
                operation["responses"].setdefault(429, RATE_LIMITED)
        return schema


api = CouncilwatchApi(
    title="councilwatch API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
for module in (views_registry, views_meetings, views_open):
    api.add_router("/", module.router)


@api.exception_handler(ApiError)
def _api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    return error_response(exc.status, exc.code, exc.message, exc.parameter)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ())]
    parameter = location[-1] if len(location) > 1 else None
    if location and location[0] == "path":  # a malformed id or code in the address: nothing is there
        return error_response(404, "not_found", f"no such {parameter}", parameter)
    message = first.get("msg", "invalid request")
    if parameter:
        message = f"{parameter}: {message}"
    return error_response(400, "invalid_parameter", message, parameter)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(401, "unauthorized", "this needs a professional API key in X-API-Key", "X-API-Key")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not_found", str(exc) or "not found")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, "error", str(exc))
