"""Factories shaped like the real Kent County Council Cabinet meeting of 30 January 2025 (data/kent).

The printed minutes' text is read from the shipped PDF with pdftotext, page by page, so documents, decisions
and summary citations point at real pages.
"""

import re
import subprocess
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from councilwatch.councils.models import Committee, Council, Person, PersonKind
from councilwatch.documents.models import Document, DocumentKind, DocumentPage, ExtractionStatus
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, DecisionOutcome, Meeting, MeetingStatus
from councilwatch.summaries.models import Summary, SummaryKind, Topic

LONDON = ZoneInfo("Europe/London")
END_OF_RESOLUTION = re.compile(r"\n\d+\.\n|\n\n|\n\d+\s*$")  # the next minute's number, a gap or the page number
KENT = Path(settings.DATA_DIR) / "kent" / "cabinet_2025-01-30"
MINUTES_PDF = KENT / "originals" / "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf"
BASE = "https://democracy.kent.gov.uk"
MINUTES_URL = f"{BASE}/documents/g9475/Printed%20minutes%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=1"
AGENDA_URL = f"{BASE}/documents/g9475/Agenda%20frontsheet%2030th-Jan-2025%2010.00%20Cabinet.pdf?T=0"
ITEMS = [  # number, title, the printed minutes' page holding its resolution (or None)
    ("1", "Apologies", None),
    ("2", "Declarations of Interest", None),
    ("3", "Minutes of the Meeting held on 9th January 2025", 1),
    ("4", "Cabinet Member Updates", None),
    ("5", "24/00108 - Revenue and Capital Budget Monitoring Report – November 2024-25", 10),
    (
        "6",
        "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy",
        13,
    ),
    ("7", "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service", 14),
    ("8", "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS) Delivery Plan", 15),
    ("9", "24/00096 - Commissioning Plan for Education Provision in Kent 2025-29", 17),
]
PEOPLE = [  # name, kind, role, status
    ("Mr R W Gough", PersonKind.COUNCILLOR, "Chairman", "present"),
    ("Mr N Baker", PersonKind.COUNCILLOR, "Member", "present"),
    ("Mrs S Chandler", PersonKind.COUNCILLOR, "Member", "present"),
    ("Mr P J Oakford", PersonKind.COUNCILLOR, "Member", "present"),
    ("Mrs C Bell", PersonKind.COUNCILLOR, "Member", "apologies"),
    ("Mr B Watts", PersonKind.OFFICER, "General Counsel", "in_attendance"),
    ("Mr S Jones", PersonKind.OFFICER, "Corporate Director of Growth, Environment and Transport", "virtual"),
]


@cache
def minutes_pages() -> tuple[str, ...]:
    """The printed minutes' text, one string per page (pdftotext from poppler-utils)."""
    text = subprocess.run(["pdftotext", str(MINUTES_PDF), "-"], capture_output=True, text=True, check=True).stdout
    return tuple(p.strip() for p in text.split("\f") if p.strip())


def kent() -> Council:
    council, _ = Council.objects.get_or_create(
        code="KEN",
        defaults={
            "gss_code": "E10000016",
            "official_name": "Kent County Council",
            "name": "Kent",
            "slug": "kent",
            "nation": "England",
            "region": "South East",
            "la_type": "CTY",
            "la_type_name": "County",
            "platform": "moderngov",
            "platform_base_url": f"{BASE}/",
            "support_level": "full",
        },
    )
    return council


def cabinet(council: Council | None = None) -> Committee:
    council = council or kent()
    committee, _ = Committee.objects.get_or_create(
        council=council,
        upstream_id="144",
        defaults={"name": "Cabinet", "source_url": f"{BASE}/ieListMeetings.aspx?CId=144"},
    )
    return committee


def topic(slug: str, name: str) -> Topic:
    found, _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return found


def kent_cabinet_meeting(with_summary: bool = True) -> Meeting:
    """The Cabinet of 30 January 2025 with its items, two documents, the minutes' pages, attendance and decisions."""
    council = kent()
    start = datetime(2025, 1, 30, 10, 0, tzinfo=LONDON)
    meeting = Meeting.objects.create(
        council=council,
        committee=cabinet(council),
        upstream_id="9475",
        title="Cabinet",
        status=MeetingStatus.HELD,
        start=start,
        end=start + timedelta(hours=3),
        location="Council Chamber, Sessions House, County Hall, Maidstone",
        web_url=f"{BASE}/ieListDocuments.aspx?CId=144&MId=9475",
        source_url=f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId=9475",
    )
    items = {
        number: AgendaItem.objects.create(
            meeting=meeting, upstream_id=f"item-{number}", number=number, order=i, title=title
        )
        for i, (number, title, _) in enumerate(ITEMS, start=1)
    }
    Document.objects.create(
        council=council,
        meeting=meeting,
        upstream_id="g9475-T0",
        title="Agenda frontsheet 30th-Jan-2025 10.00 Cabinet",
        kind=DocumentKind.AGENDA,
        source_url=AGENDA_URL,
        media_type="application/pdf",
    )
    pages = minutes_pages()
    minutes = Document.objects.create(
        council=council,
        meeting=meeting,
        upstream_id="g9475-T1",
        title="Printed minutes 30th-Jan-2025 10.00 Cabinet",
        kind=DocumentKind.MINUTES,
        source_url=MINUTES_URL,
        media_type="application/pdf",
        extraction_status=ExtractionStatus.DONE,
        page_count=len(pages),
    )
    DocumentPage.objects.bulk_create(
        DocumentPage(document=minutes, number=n, text=text) for n, text in enumerate(pages, start=1)
    )
    for name, kind, role, status in PEOPLE:
        person, _ = Person.objects.get_or_create(
            council=council, upstream_id=f"name:{name.lower()}", defaults={"name": name, "kind": kind}
        )
        Attendance.objects.create(meeting=meeting, person=person, role=role, status=status)
    for number, _title, page in ITEMS:
        if page is None:
            continue
        text = pages[page - 1]
        resolution = END_OF_RESOLUTION.split(text[text.index("RESOLVED") :])[0].replace("\n", " ").strip()
        Decision.objects.create(
            meeting=meeting,
            item=items[number],
            upstream_id=f"minutes:{number}",
            text=resolution,
            outcome=DecisionOutcome.APPROVED,
            document=minutes,
            page=page,
            source_url=MINUTES_URL,
        )
    if with_summary:
        add_summary(meeting, minutes)
    return meeting


def add_summary(meeting: Meeting, minutes: Document, version: int = 1) -> Summary:
    """A summary in the shape the summaries app writes (sentences with citations, procedural items joined)."""
    Summary.objects.filter(meeting=meeting).update(is_latest=False)

    def cite(page: int) -> dict:
        return {
            "document": minutes.title,
            "document_id": minutes.pk,
            "page": page,
            "url": f"/documents/{minutes.pk}/#page={page}",
            "source_url": f"{MINUTES_URL}#page={page}",
        }

    def section(number: str, text: str, decision: str, page: int, topic_slug: str) -> dict:
        return {
            "item_number": number,
            "item_numbers": [number],
            "title": ITEMS[int(number) - 1][1],
            "procedural": False,
            "text": text,
            "sentences": [{"text": text, "citations": [cite(page)]}],
            "decisions": [decision],
            "citations": [cite(page)],
            "topics": [topic_slug],
        }

    summary = Summary.objects.create(
        meeting=meeting,
        version=version,
        is_latest=True,
        kind=SummaryKind.OUTCOME,
        backend="extractive",
        summariser_version="1",
        sources_fingerprint="0" * 64,
        headline="Cabinet endorsed the draft 2025-26 budget for County Council and adopted the education commissioning plan",
        body={
            "kind": "outcome",
            "backend": "extractive",
            "headline_citations": [cite(13), cite(17)],
            "sections": [
                {
                    "item_number": "1, 2, 3",
                    "item_numbers": ["1", "2", "3"],
                    "title": "Procedural items",
                    "procedural": True,
                    "text": "Procedural items: apologies from Mrs C Bell; the minutes of 9 January 2025 were agreed.",
                    "sentences": [],
                    "decisions": ["The minutes of the meeting on 9 January 2025 were a correct record."],
                    "citations": [cite(1)],
                    "topics": [],
                },
                section(
                    "6",
                    "Cabinet endorsed the draft budget to be presented to County Council on 13th February.",
                    "Endorsed the draft budget to be presented to County Council on 13th February.",
                    13,
                    "budget",
                ),
                section(
                    "9",
                    "Cabinet agreed the Commissioning Plan for Education Provision in Kent 2025-29.",
                    "Agreed the Commissioning Plan for Education Provision in Kent 2025-29.",
                    17,
                    "education",
                ),
            ],
            "attendees": [{"name": n, "role": r, "status": s, "citations": [cite(1)]} for n, _k, r, s in PEOPLE],
            "topics": ["Budget", "Education"],
            "topic_slugs": ["budget", "education"],
            "footnotes": [{"term": "MTFP", "text": "Medium Term Financial Plan", "source": "glossary"}],
            "fallbacks": [],
        },
        verification={"checked": 3, "unsupported": [], "details": []},
    )
    summary.topics.set([topic("budget", "Budget"), topic("education", "Education")])
    return summary


def make_meetings(
    council: Council, count: int, start: datetime | None = None, committee: Committee | None = None
) -> None:
    """``count`` plain meetings, one a day going back from ``start``, in one bulk insert."""
    start = start or datetime(2025, 1, 29, 10, 0, tzinfo=LONDON)
    statuses = [MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.SCHEDULED]
    Meeting.objects.bulk_create(
        (
            Meeting(
                council=council,
                committee=committee,
                upstream_id=f"bulk-{i}",
                title=f"Meeting {i}",
                status=statuses[i % len(statuses)],
                start=start - timedelta(days=i),
                web_url=f"{BASE}/ieListDocuments.aspx?MId=bulk{i}",
            )
            for i in range(count)
        ),
        batch_size=1000,
    )


def other_council() -> Council:
    council, _ = Council.objects.get_or_create(
        code="MAN",
        defaults={
            "gss_code": "E08000003",
            "official_name": "Manchester City Council",
            "name": "Manchester",
            "nation": "England",
            "region": "North West",
            "la_type": "MD",
            "la_type_name": "Metropolitan district",
            "platform": "moderngov",
            "platform_base_url": "https://democracy.manchester.gov.uk/",
            "support_level": "full",
        },
    )
    return council
