"""Civica CMIS (DotNetNuke pages), read from its public calendar and meeting pages.

CMIS has no web service: meetings come from the printable calendar month (``Monday, 8 June`` rows with
``HH:MM Committee`` links) or the list view (``9 Jul 2026 11:00 - Committee``); the meeting and committee ids
are in the link (``/Meeting/15028/Committee/6/``); a meeting page gives committee, date and time, status,
venue and the papers (``Document.ashx?<token>``). CMIS publishes no committee list and no councillors by ward.
The calendar path differs between installations, so it is an option: ``platform_options["cmis_calendar_path"]``
with ``{year}`` and ``{month}`` placeholders.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

from councilwatch.core.text import normalise_space
from councilwatch.documents.classify import classify_paper
from councilwatch.ingest.connectors.base import Connector, page_links
from councilwatch.ingest.connectors.moderngov import LONDON, combine, parse_time
from councilwatch.ingest.errors import ParseError
from councilwatch.ingest.records import CommitteeRecord, DocumentRef, MeetingRecord, MeetingStub, PersonRecord

DEFAULT_CALENDAR_PATH = (
    "Meetings/tabid/70/ctl/ViewMeetingsCalendarPublicPrinter/mid/397/Year/{year}/Month/{month}/Default.aspx"
)
_MEETING_LINK = re.compile(r"/Meeting/(\d+)/Committee/(\d+)/", re.I)
_STATUSES = {"scheduled": "scheduled", "cancelled": "cancelled", "postponed": "postponed", "held": "held"}


def _month_scopes(since: date, until: date) -> list[str]:
    scopes, year, month = [], since.year, since.month
    while (year, month) <= (until.year, until.month):
        scopes.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return scopes


class _CalendarParser(HTMLParser):
    """Rows of the printable calendar: the date cell then the meeting links under it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.current_day = ""
        self.in_date = False
        self.rows: list[tuple[str, str]] = []  # (day text, href)
        self.buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "td" and "SimpleCalendarDate" in (values.get("class") or ""):
            self.in_date, self.buffer = True, []
        elif tag == "a" and values.get("href") and _MEETING_LINK.search(values["href"] or ""):
            self.rows.append((self.current_day, values["href"] or ""))

    def handle_data(self, data: str) -> None:
        if self.in_date:
            self.buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.in_date:
            self.in_date, self.current_day = False, normalise_space("".join(self.buffer))


def _stub(url: str, href: str, text: str, day: date, page_url: str) -> MeetingStub:
    ids = _MEETING_LINK.search(href)
    if ids is None:  # pragma: no cover - callers only pass matching links
        raise ParseError(page_url, f"no meeting id in {href!r}")
    at = re.match(r"\s*(\d{1,2}:\d{2})\s*-?\s*(.*)", text)
    committee = normalise_space(at.group(2)) if at else normalise_space(text)
    return MeetingStub(
        upstream_id=ids.group(1),
        committee_upstream_id=ids.group(2),
        start=combine(day, parse_time(at.group(1)) if at else None),
        status="scheduled",
        source_url=href,
        committee_name=committee,
    )


def parse_calendar_month(url: str, html: str, year: int) -> list[MeetingStub]:
    """The printable calendar of one month; day rows carry no year, so the month's year is given."""
    parser = _CalendarParser()
    parser.feed(html)
    texts = {href: text for href, text, _ in page_links(url, html)}
    stubs = []
    for day_text, href in parser.rows:
        try:
            day = datetime.strptime(f"{day_text.split(',', 1)[-1].strip()} {year}", "%d %B %Y").date()
        except ValueError as exc:
            raise ParseError(url, f"calendar day {day_text!r} is not like 'Monday, 8 June'") from exc
        full = next((t for h, t in texts.items() if h.endswith(href) or href.endswith(urlsplit(h).path)), "")
        stubs.append(_stub(url, href, full, day, url))
    return stubs


def parse_list_view(url: str, html: str) -> list[MeetingStub]:
    """The list view: ``9 Jul 2026 11:00 - Planning Committee`` links."""
    stubs = []
    for href, text, _ in page_links(url, html):
        if not _MEETING_LINK.search(href):
            continue
        match = re.match(r"(\d{1,2} \w{3} \d{4}) (\d{1,2}:\d{2}) - (.+)", text)
        if not match:
            raise ParseError(url, f"meeting link {text!r} is not like '9 Jul 2026 11:00 - Committee'")
        day = datetime.strptime(match.group(1), "%d %b %Y").date()
        stubs.append(_stub(url, href, f"{match.group(2)} {match.group(3)}", day, url))
    return stubs


class _SummaryParser(HTMLParser):
    """The label/value pairs (``<div class="Value Committee">``) of a meeting page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, list[str]] = {}
        self.stack: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        classes = (dict(attrs).get("class") or "").split()
        self.stack.append(classes[1] if len(classes) > 1 and classes[0] == "Value" else None)
        if self.stack[-1]:
            self.values.setdefault(self.stack[-1], []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        field = next((f for f in reversed(self.stack) if f), None)
        if field:
            self.values[field][-1] += data


def parse_meeting_page(url: str, html: str, stub: MeetingStub) -> MeetingRecord:
    parser = _SummaryParser()
    parser.feed(html)
    values = {k: [normalise_space(v) for v in vs] for k, vs in parser.values.items()}
    when = (values.get("DateTime") or [""])[0]
    match = re.match(r"(\d{1,2} \w{3} \d{4})(?:\s*-\s*(\d{1,2}:\d{2}))?", when)
    if not match:
        raise ParseError(url, f"meeting date/time {when!r} is not like '3 Aug 2026 - 10:00'")
    start = combine(datetime.strptime(match.group(1), "%d %b %Y").date(), parse_time(match.group(2) or ""))
    venue = values.get("Venue", [])  # CMIS labels the status with the Venue class too: status first, then venue
    status = _STATUSES.get(venue[0].lower(), "scheduled") if venue else "scheduled"
    location = venue[-1] if len(venue) > 1 else ""
    documents = []
    for href, text, _ in page_links(url, html):
        if "document.ashx" in href.lower():
            token = urlsplit(href).query
            documents.append(DocumentRef(f"doc:{token}", text, href, classify_paper(text, href)))
    return MeetingRecord(
        upstream_id=stub.upstream_id,
        committee_upstream_id=stub.committee_upstream_id,
        title=(values.get("Committee") or [stub.committee_name])[0],
        status=status,
        start=start.astimezone(LONDON),
        source_url=url,
        location=location,
        web_url=url,
        documents=tuple(documents),
    )


class CmisConnector(Connector):
    platform = "cmis"
    reads = (
        "the printable calendar month (meeting links with committee and meeting ids) and each meeting's page "
        "(committee, date/time, status, venue, Document.ashx papers); no committee list, no councillors"
    )

    lists_committees = False

    def committees(self) -> list[CommitteeRecord]:
        return []  # CMIS lists committees only through their meetings; the importer names them from the stubs

    def listing_scopes(self, committees: list[CommitteeRecord], since: date, until: date) -> list[str]:
        return _month_scopes(since, until)

    def list_meetings(self, scope: str, since: date, until: date) -> list[MeetingStub]:
        year, month = (int(p) for p in scope.split("-"))
        path = self.options.get("cmis_calendar_path", DEFAULT_CALENDAR_PATH).format(year=year, month=month)
        response = self.client.get(self.url(path), expect="html")
        stubs = parse_calendar_month(response.url, response.text, year)
        return [replace(s, source_url=self.rebase(s.source_url)) for s in stubs if since <= s.start.date() <= until]

    def meeting(self, stub: MeetingStub) -> MeetingRecord:
        response = self.client.get(stub.source_url, expect="html")
        record = parse_meeting_page(response.url, response.text, stub)
        documents = tuple(replace(d, url=self.rebase(d.url)) for d in record.documents)
        return replace(record, documents=documents, web_url=self.canonical(record.web_url))

    def people(self) -> list[PersonRecord]:
        return []
