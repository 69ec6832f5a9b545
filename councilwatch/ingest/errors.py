"""Errors of the ingest layer (fetch errors come from councilwatch.core.http)."""

from __future__ import annotations

from councilwatch.core.http import FetchError


class ParseError(FetchError):
    """A page or web-service answer was fetched but could not be read; names the URL and what was wrong."""

    kind = "parse error"


class EmptyFetch(FetchError):
    """An answer held nothing where something was expected. Empty is an error unless the council declares it normal
    (``platform_options["allow_empty"]``)."""

    kind = "empty answer"
