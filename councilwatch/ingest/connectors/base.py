"""What every connector provides. Connectors do HTTP and parsing only and return plain records (ingest.records)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import date
from html.parser import HTMLParser
from typing import Any, ClassVar
from urllib.parse import urljoin
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET

from councilwatch.core.http import PoliteClient, check_content
from councilwatch.ingest.errors import ParseError
from councilwatch.ingest.records import CommitteeRecord, MeetingRecord, MeetingStub, PersonRecord


class Connector(ABC):
    """One class per platform; per-council differences are data in ``options`` (Council.platform_options)."""

    platform: ClassVar[str]
    #: What the connector reads, for docs/connectors.md.
    reads: ClassVar[str]
    #: Whether the platform publishes a committee list (an empty one is then an error).
    lists_committees: ClassVar[bool] = True

    def __init__(
        self,
        base_url: str,
        client: PoliteClient,
        options: Mapping[str, Any] | None = None,
        *,
        origin: str | None = None,
    ) -> None:
        """``origin`` is the council's own base URL when ``base_url`` is a mirror: absolute links to the origin
        found in the answers are then read from the mirror."""
        if not base_url:
            raise ValueError(f"{type(self).__name__} needs a base URL")
        self.base_url = base_url.rstrip("/") + "/"
        self.client = client
        self.options = dict(options or {})
        self.committee_names: dict[str, str] = {}  # upstream id -> name, as the committee list gave them
        self.origin = origin.rstrip("/") + "/" if origin and origin.rstrip("/") != base_url.rstrip("/") else None

    def url(self, path: str) -> str:
        return urljoin(self.base_url, path)

    def rebase(self, url: str) -> str:
        """``url`` on the mirror when it points at the council's own site and a mirror is being read."""
        if self.origin:
            for origin in {self.origin, self.origin.replace("https://", "http://", 1)}:
                if url.startswith(origin):
                    return self.base_url + url[len(origin) :]
        return url

    def canonical(self, url: str) -> str:
        """``url`` on the council's own site when it was read from a mirror (for links people will follow)."""
        if self.origin and url.startswith(self.base_url):
            return self.origin + url[len(self.base_url) :]
        return url

    def listed_committees(self, scopes: list[str]) -> set[str] | None:
        """The committees whose meetings the listings of ``scopes`` cover (None: all of them)."""
        return None

    @abstractmethod
    def committees(self) -> list[CommitteeRecord]:
        """Every committee the platform lists."""

    @abstractmethod
    def listing_scopes(self, committees: list[CommitteeRecord], since: date, until: date) -> list[str]:
        """The separate listings to read for the window (per committee, per month …); each may fail alone."""

    def listing_url(self, scope: str, since: date, until: date) -> str:
        """Where the listing of ``scope`` is read (named in failures)."""
        return self.base_url

    @abstractmethod
    def list_meetings(self, scope: str, since: date, until: date) -> list[MeetingStub]:
        """The meetings one listing shows within the window."""

    @abstractmethod
    def meeting(self, stub: MeetingStub) -> MeetingRecord:
        """A meeting's details: items, documents, attendance, decisions."""

    @abstractmethod
    def people(self) -> list[PersonRecord]:
        """Councillors with their parties and wards (empty where the platform does not publish them)."""


def parse_xml(url: str, body: bytes) -> Element:
    """Parse a web-service answer, after checking it is XML at all; errors name the URL."""
    check_content(url, body, "xml")
    try:
        return SafeET.fromstring(body)
    except Exception as exc:  # ParseError, EntitiesForbidden …
        raise ParseError(url, f"malformed XML ({exc})") from exc


def text_of(element: Element | None, tag: str, default: str = "") -> str:
    """The stripped text of ``tag`` under ``element`` (ModernGov pads counts with spaces and blanks with newlines)."""
    if element is None:
        return default
    child = element.find(tag)
    if child is None or child.text is None:
        return default
    return child.text.strip()


def flag(element: Element | None, tag: str) -> bool:
    return text_of(element, tag).lower() == "true"


class LinkCollector(HTMLParser):
    """Every ``<a href>`` of an HTML page with its text, resolved against the page URL."""

    def __init__(self, page_url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.links: list[tuple[str, str, dict[str, str]]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            values = {k: v or "" for k, v in attrs}
            if values.get("href"):
                self._open.append((urljoin(self.page_url, values["href"].strip()), values, []))

    def handle_data(self, data: str) -> None:
        for _, _, texts in self._open:
            texts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, attrs, texts = self._open.pop()
            self.links.append((href, " ".join("".join(texts).split()), attrs))


def page_links(page_url: str, html: str) -> list[tuple[str, str, dict[str, str]]]:
    collector = LinkCollector(page_url)
    collector.feed(html)
    collector.close()
    return collector.links
