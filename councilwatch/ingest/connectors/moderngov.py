"""Civica ModernGov, read through its web service ``mgWebService.asmx`` (data/README.md lists the quirks).

Quirks handled here:
* dates go out as dd/mm/yyyy: an ISO date is silently ignored and the service returns everything, so the
  listing is also filtered to the window here;
* counts carry a leading space, blanks are newlines, booleans are ``True``/``False`` (``text_of``/``flag``);
* a status may carry a qualifier after a semicolon (``Confirmed; Special Meeting``): the word before it counts;
* agenda text and minutes are entity-escaped Word HTML (``word_html_to_text``);
* ``GetMeeting`` does not say which committee the meeting belongs to: it is kept from ``GetMeetings``;
* meeting-level papers (agenda frontsheet ``?T=0``, printed minutes ``?T=1``, reports packs ``?T=10``) are not in
  the web service: they are linked from the meeting page ``ieListDocuments.aspx?CId=..&MId=..``;
* there is no ETag/Last-Modified and no decisions operation: change detection compares content, and decisions
  come from items whose decision is published;
* some installations answer with an HTML error page or a JavaScript redirect instead of XML, or an empty ward
  list: each is a distinct error (``check_content``, ``EmptyFetch``). The meeting page gets the same care
  (``check_meeting_page``): it must be ModernGov's page of that meeting, or the meeting's papers are left as
  they were and the failure is recorded, never read as "no papers".
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime, time
from urllib.parse import parse_qs, unquote, urljoin, urlsplit
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

import httpx

from councilwatch.core.http import FetchError, UnexpectedContent, check_content, describe_body
from councilwatch.core.text import normalise_space
from councilwatch.documents.classify import classify_paper
from councilwatch.ingest.connectors.base import Connector, flag, page_links, parse_xml, text_of
from councilwatch.ingest.errors import EmptyFetch, ParseError
from councilwatch.ingest.records import (
    AgendaItemRecord,
    AttendanceRecord,
    CommitteeRecord,
    DecisionRecord,
    DocumentRef,
    MeetingRecord,
    MeetingStub,
    PersonRecord,
)
from councilwatch.ingest.text import word_html_to_text

LONDON = ZoneInfo("Europe/London")
SERVICE = "mgWebService.asmx"
_TIME = re.compile(r"(\d{1,2})(?:[.:](\d{2}))?\s*([ap]\.?m\.?)?", re.I)
_HONORIFIC = re.compile(r"^(councillor|cllr\.?)\s+", re.I)
_MODERNGOV_MARKUP = re.compile(rb"""class\s*=\s*["'][^"']*\bmg[A-Z]""")  # mgMainTitleTxt, mgItemTable …
STATUSES = {
    "confirmed": "confirmed",
    "cancelled": "cancelled",
    "postponed": "postponed",
    "moved": "postponed",
    "rescheduled": "postponed",
}


def parse_date(value: str, url: str) -> date:
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError as exc:
        raise ParseError(url, f"date {value!r} is not dd/mm/yyyy") from exc


def parse_time(value: str) -> time | None:
    """``10.00 am``, ``2.00 pm``, ``14:00``; None when blank or unreadable."""
    match = _TIME.search(value or "")
    if not match:
        return None
    hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if meridiem.startswith("p") and hour < 12:
        hour += 12
    if meridiem.startswith("a") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def combine(day: date, at: time | None) -> datetime:
    return datetime.combine(day, at or time(0, 0), tzinfo=LONDON)


def person_name(raw: str) -> str:
    return _HONORIFIC.sub("", normalise_space(raw))


def meeting_status(raw: str, minutes_published: bool = False) -> str:
    """The status word, before any qualifier ModernGov appends (Gloucester: ``Confirmed; Special Meeting``)."""
    status = STATUSES.get(raw.split(";", 1)[0].strip().lower(), "scheduled")
    if status == "confirmed" and minutes_published:
        return "held"
    return status


def attendance_status(raw: str) -> str:
    value = raw.strip().lower()
    if "apolog" in value:
        return "apologies"
    if "virtual" in value or "remote" in value:
        return "virtual"
    if "absent" in value:
        return "absent"
    if "in attendance" in value:
        return "in_attendance"
    if "present" in value or "attended" in value:
        return "present"
    return "expected"


def parse_committees(url: str, body: bytes) -> list[CommitteeRecord]:
    root = parse_xml(url, body)
    records = []
    for node in root.iter("committee"):
        cid = text_of(node, "committeeid")
        if not cid:
            raise ParseError(url, "a <committee> has no <committeeid>")
        if flag(node, "committeedeleted"):
            continue
        records.append(
            CommitteeRecord(
                upstream_id=cid,
                name=normalise_space(text_of(node, "committeetitle")),
                source_url=url,
                is_expired=flag(node, "committeeexpired"),
            )
        )
    return records


def parse_meetings(url: str, body: bytes, since: date | None = None, until: date | None = None) -> list[MeetingStub]:
    root = parse_xml(url, body)
    stubs = []
    for committee in root.iter("committee"):
        cid = text_of(committee, "committeeid")
        for node in committee.iter("meeting"):
            day = parse_date(text_of(node, "meetingdate"), url)
            if (since and day < since) or (until and day > until):
                continue  # the service ignores a date it cannot read and returns everything
            if not text_of(node, "meetingid"):
                raise ParseError(url, f"a meeting of committee {cid} on {day:%d/%m/%Y} has no <meetingid>")
            stubs.append(
                MeetingStub(
                    upstream_id=text_of(node, "meetingid"),
                    committee_upstream_id=cid,
                    start=combine(day, parse_time(text_of(node, "meetingtime"))),
                    status=meeting_status(text_of(node, "meetingstatus")),
                    source_url=url,
                )
            )
    return stubs


def _person_from_attendee(node: Element, fallback_url: str) -> PersonRecord:
    return PersonRecord(
        upstream_id=node.get("memberid", "").strip() or f"name:{person_name(node.get('name', ''))}",
        name=person_name(node.get("name", "")),
        source_url=text_of(node, "url") or fallback_url,
        kind="councillor" if node.get("membertype", "U") == "U" else "other",
        party=normalise_space(node.get("politicalparty", "")),
        ward=normalise_space(node.get("ward", "")),
        title=normalise_space(node.get("keyposts", "")),
    )


def _linked_documents(node: Element, item_id: str | None) -> list[DocumentRef]:
    refs = []
    for doc in node.findall("./linkeddocuments/linkeddoc"):
        title = normalise_space(text_of(doc, "title"))
        href = text_of(doc, "url")
        if not href or (flag(doc, "isurl") and "/documents/" not in href and "mgConvert2PDF" not in href):
            continue  # a link to some other web page, not a paper
        refs.append(
            DocumentRef(
                upstream_id=text_of(doc, "attachmentid") or href,
                title=title,
                url=href,
                kind=classify_paper(title, href),
                item_upstream_id=item_id,
                is_restricted=flag(doc, "isrestricted"),
            )
        )
    return refs


def parse_meeting(url: str, body: bytes, stub: MeetingStub, committee_name: str = "") -> MeetingRecord:
    """A GetMeeting answer → MeetingRecord (items, their documents, attendees, published decisions)."""
    root = parse_xml(url, body)
    if root.tag != "meeting":
        raise ParseError(url, f"expected a <meeting> answer, got <{root.tag}>")
    mid = text_of(root, "meetingid") or stub.upstream_id
    day = parse_date(text_of(root, "meetingdate"), url)
    start = combine(day, parse_time(text_of(root, "meetingtime")))
    finish = parse_time(text_of(root, "meetingactualfinishtime") or text_of(root, "meetingplannedfinishtime"))
    items, documents, decisions = [], [], []
    for order, node in enumerate(root.findall("./agendaitems/agendaitem"), start=1):
        item_id = text_of(node, "agendaitemid")
        if not item_id:
            raise ParseError(url, f"agenda item {order} has no <agendaitemid>")
        number = text_of(node, "fulldisplaynumberformat").rstrip(".") or text_of(node, "agendaitemnumber")
        minutes = word_html_to_text(text_of(node, "minutesnonemptyhtmlbody")) if flag(node, "isminutepublished") else ""
        items.append(
            AgendaItemRecord(
                upstream_id=item_id,
                number=number,
                order=order,
                title=normalise_space(text_of(node, "agendaitemtitle")),
                source_url=url,
                description=word_html_to_text(text_of(node, "agendatext")),
                minutes_text=minutes,
                is_restricted=flag(node, "isrestricted"),
            )
        )
        documents.extend(_linked_documents(node, item_id))
        if flag(node, "isdecision") and flag(node, "isdecisionpublished") and minutes:
            decisions.append(DecisionRecord(f"item:{item_id}", minutes, url, item_id))
    documents.extend(_linked_documents(root, None))
    attendances = [
        AttendanceRecord(
            person=_person_from_attendee(node, url),
            role=normalise_space(node.get("roledescription", "")),
            status=attendance_status(node.get("attendance", "")),
            source_url=url,
        )
        for node in root.findall("./attendees/attendee")
        if node.get("name", "").strip()
    ]
    return MeetingRecord(
        upstream_id=mid,
        committee_upstream_id=stub.committee_upstream_id,
        title=committee_name,
        status=meeting_status(text_of(root, "meetingstatus"), flag(root, "minutepublished")),
        start=start,
        end=combine(day, finish) if finish and finish > start.time() else None,
        location=normalise_space(text_of(root, "meetinglocation")),
        source_url=url,
        items=tuple(items),
        documents=tuple(documents),
        attendances=tuple(attendances),
        decisions=tuple(decisions),
    )


def check_meeting_page(url: str, body: bytes, meeting_id: str) -> None:
    """Raise UnexpectedContent unless ``body`` is ModernGov's page of meeting ``meeting_id``: HTML with the
    platform's own markup (``class="mg…"``) that names the meeting (``ID=``/``MId=<id>`` in its links, or its
    papers under ``documents/g<id>/``). An error page or a JavaScript stub in its place would read as a meeting
    without papers."""
    check_content(url, body, "html")
    what = describe_body(body)
    if not what.startswith("an HTML page") or not _MODERNGOV_MARKUP.search(body):
        raise UnexpectedContent(url, f"expected the ModernGov page of meeting {meeting_id} but got {what}")
    mid = re.escape(meeting_id.encode())
    names = rb"(?:[?&;]M?ID=0*%s\b|\bdocuments/g%s/)" % (mid, mid)
    if not re.search(names, body, re.I):
        raise UnexpectedContent(
            url, f"expected the ModernGov page of meeting {meeting_id} but got {what}, which does not name it"
        )


def meeting_page_documents(page_url: str, html: str, meeting_id: str, known_urls: set[str]) -> list[DocumentRef]:
    """Papers linked from the meeting page that the web service does not list (``documents/g<id>/…?T=n``)."""
    refs: dict[str, DocumentRef] = {}
    for href, text, attrs in page_links(page_url, html):
        parts = urlsplit(href)
        match = re.search(r"/documents/([gs])(\d+)/([^/]+)$", parts.path)
        if not match or href in known_urls:
            continue
        letter, number, filename = match.groups()
        if letter == "g" and number != meeting_id:
            continue
        title = normalise_space(attrs.get("title", "").removeprefix("Link to file ") or text)
        title = title or unquote(filename).rsplit(".", 1)[0]
        t = parse_qs(parts.query).get("T", [""])[0]
        # documents/s<n> is attachment <n>, the id GetMeeting gives the same paper
        upstream = (f"g{number}-T{t}" if t else f"g{number}") if letter == "g" else number
        if upstream in refs:
            upstream = f"{upstream}-{unquote(filename)}"
        refs[upstream] = DocumentRef(upstream, title, href, classify_paper(title, href))
    return list(refs.values())


_MEDIA_PLAYER = re.compile(r"new\s+mgMediaPlayer\(\s*\w+\s*,\s*\"[^\"]*\"\s*,\s*(\[.*?\])\s*,\s*\{", re.S)


def meeting_page_webcast(page_url: str, html: str) -> str:
    """The recording a ModernGov meeting page plays (its ``mgMediaPlayer`` list: a webcast, a YouTube video, an
    audio file) or links as a webcast; "" when it has none. Only http(s) addresses are kept."""
    for match in _MEDIA_PLAYER.finditer(html):
        try:
            media = json.loads(match.group(1))
        except ValueError:
            continue
        for entry in media if isinstance(media, list) else []:
            url = urljoin(page_url, str(entry.get("Url") or "")) if isinstance(entry, dict) else ""
            if url.startswith(("http://", "https://")):
                return url
    for href, text, attrs in page_links(page_url, html):
        if re.search(r"\bwebcast", f"{text} {attrs.get('title', '')}", re.I) and href.startswith(
            ("http://", "https://")
        ):
            return href
    return ""


def parse_councillors(url: str, body: bytes) -> list[PersonRecord]:
    root = parse_xml(url, body)
    people = []
    for ward in root.iter("ward"):
        ward_name = normalise_space(text_of(ward, "wardtitle"))
        for node in ward.iter("councillor"):
            cid = text_of(node, "councillorid")
            if not cid:
                raise ParseError(url, f"a councillor in ward {ward_name!r} has no <councillorid>")
            people.append(
                PersonRecord(
                    upstream_id=cid,
                    name=person_name(text_of(node, "fullusername")),
                    source_url=url,
                    party=normalise_space(text_of(node, "politicalpartytitle")),
                    ward=ward_name,
                    title=normalise_space(text_of(node, "keyposts")),
                )
            )
    if not people:
        raise EmptyFetch(url, "GetCouncillorsByWard returned no wards and no councillors")
    return people


class ModernGovConnector(Connector):
    platform = "moderngov"
    reads = (
        "mgWebService.asmx: GetCommittees, GetMeetings (per committee, dd/mm/yyyy window), GetMeeting (items, item "
        "text, minutes, linked documents, attendees), GetCouncillorsByWard; the meeting page ieListDocuments.aspx "
        "for meeting-level papers (?T=0 frontsheet, ?T=1 printed minutes, ?T=10 reports pack)"
    )

    def _service(self, operation: str) -> str:
        return self.url(f"{SERVICE}/{operation}")

    def _get_xml(self, operation: str, params: dict[str, str] | None = None) -> tuple[str, bytes]:
        response = self.client.get(self._service(operation), params=params, expect="xml")
        return response.url, response.content

    def committees(self) -> list[CommitteeRecord]:
        records = parse_committees(*self._get_xml("GetCommittees"))
        self.committee_names = {c.upstream_id: c.name for c in records}
        return records

    def listing_scopes(self, committees: list[CommitteeRecord], since: date, until: date) -> list[str]:
        include_expired = self.options.get("include_expired_committees", False)
        return [c.upstream_id for c in committees if include_expired or not c.is_expired]

    def listed_committees(self, scopes: list[str]) -> set[str] | None:
        return set(scopes)

    @staticmethod
    def _listing_params(scope: str, since: date, until: date) -> dict[str, str]:
        return {"lCommitteeId": scope, "sFromDate": f"{since:%d/%m/%Y}", "sToDate": f"{until:%d/%m/%Y}"}

    def listing_url(self, scope: str, since: date, until: date) -> str:
        return str(httpx.URL(self._service("GetMeetings"), params=self._listing_params(scope, since, until)))

    def list_meetings(self, scope: str, since: date, until: date) -> list[MeetingStub]:
        url, body = self._get_xml("GetMeetings", self._listing_params(scope, since, until))
        return parse_meetings(url, body, since, until)

    def meeting(self, stub: MeetingStub) -> MeetingRecord:
        url, body = self._get_xml("GetMeeting", {"lMeetingId": stub.upstream_id})
        record = parse_meeting(url, body, stub, self.committee_names.get(stub.committee_upstream_id, ""))
        record = replace(record, documents=tuple(replace(d, url=self.rebase(d.url)) for d in record.documents))
        page_url = self.url(f"ieListDocuments.aspx?CId={stub.committee_upstream_id}&MId={stub.upstream_id}")
        try:
            page = self.client.get(page_url, expect="html")
            check_meeting_page(page.url, page.content, stub.upstream_id)
        except FetchError as exc:  # the items are still good; the importer keeps the meeting's papers as they were
            return replace(
                record,
                web_url=self.canonical(page_url),
                problems=((exc.url, f"meeting page: {exc.kind}: {exc.reason}"),),
            )
        known = {d.url for d in record.documents}
        extra = meeting_page_documents(page.url, page.text, record.upstream_id, known)
        known_ids = {d.upstream_id for d in record.documents}
        extra = [d for d in extra if d.upstream_id not in known_ids]
        return replace(
            record,
            documents=record.documents + tuple(extra),
            web_url=self.canonical(page_url),
            webcast_url=meeting_page_webcast(page.url, page.text),
        )

    def people(self) -> list[PersonRecord]:
        return parse_councillors(*self._get_xml("GetCouncillorsByWard"))
