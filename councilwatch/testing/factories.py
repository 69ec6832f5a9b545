"""Test data shaped like the real Kent County Council data in ``data/kent``.

Documents are the real published PDFs, stored through ``councilwatch.documents.storage`` with their real page
text (pypdfium2); the Cabinet summary is written the way the summaries app writes one (sections per item,
decisions, a citation per sentence) and its statements are taken from the printed minutes they cite.
"""

from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2
from django.conf import settings
from django.utils import timezone

from councilwatch.councils.models import Committee, Council, Person, SupportLevel
from councilwatch.documents.models import Document, DocumentKind, DocumentPage, ExtractionStatus
from councilwatch.documents.storage import store_bytes
from councilwatch.meetings.models import AgendaItem, Attendance, Decision, Meeting, MeetingStatus
from councilwatch.search.services import index_meeting
from councilwatch.summaries.models import Summary, SummaryKind, Topic

LONDON = ZoneInfo("Europe/London")
KENT = settings.DATA_DIR / "kent"
BASE = "https://democracy.kent.gov.uk"


@cache
def _pdf_pages(path: Path) -> tuple[str, ...]:
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return tuple(pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf)))
    finally:
        pdf.close()


def make_council(code: str = "KEN", name: str = "Kent", **fields: object) -> Council:
    defaults = {
        "gss_code": "E10000016",
        "official_name": f"{name} County Council",
        "name": name,
        "alt_names": ["KCC", f"{name} CC"],
        "slug": name.lower(),
        "nation": "England",
        "region": "South East",
        "la_type": "CTY",
        "la_type_name": "County council",
        "platform": "moderngov",
        "platform_base_url": BASE,
        "support_level": SupportLevel.FULL,
    }
    defaults.update(fields)
    council, _ = Council.objects.update_or_create(code=code, defaults=defaults)
    return council


def make_committee(council: Council, name: str, upstream_id: str) -> Committee:
    committee, _ = Committee.objects.get_or_create(
        council=council,
        upstream_id=upstream_id,
        defaults={
            "name": name,
            "slug": name.lower().replace(" ", "-"),
            "source_url": f"{BASE}/mgCommitteeDetails.aspx?ID={upstream_id}",
        },
    )
    return committee


def make_meeting(committee: Committee, start: datetime, upstream_id: str, **fields: object) -> Meeting:
    defaults = {
        "title": committee.name,
        "status": MeetingStatus.HELD,
        "location": "Council Chamber, Sessions House, County Hall, Maidstone",
        "web_url": f"{BASE}/ieListDocuments.aspx?CId={committee.upstream_id}&MId={upstream_id}",
        "source_url": f"{BASE}/mgWebService.asmx/GetMeeting?lMeetingId={upstream_id}",
    }
    defaults.update(fields)
    return Meeting.objects.create(
        council=committee.council, committee=committee, start=start, upstream_id=upstream_id, **defaults
    )


def make_document(meeting: Meeting, path: Path, kind: str, url: str, item: AgendaItem | None = None) -> Document:
    """A stored document with its real page text."""
    blob = store_bytes(path.read_bytes())
    pages = _pdf_pages(path)
    document = Document.objects.create(
        council=meeting.council,
        meeting=meeting,
        item=item,
        title=path.stem,
        kind=kind,
        upstream_id=url.rsplit("/documents/", 1)[-1],
        source_url=url,
        sha256=blob.sha256,
        media_type="application/pdf",
        size=blob.size,
        storage_path=blob.path,
        fetched_at=timezone.now(),
        extraction_status=ExtractionStatus.DONE,
        extracted_sha256=blob.sha256,
        page_count=len(pages),
    )
    DocumentPage.objects.bulk_create(
        DocumentPage(document=document, number=n, text=text) for n, text in enumerate(pages, start=1)
    )
    return document


def _kent_doc(meeting: Meeting, folder: str, filename: str, kind: str, item: AgendaItem | None = None) -> Document:
    import json

    metadata = json.loads((KENT / folder / "metadata.json").read_text())
    url = next(m["url"] for m in metadata if m["filename"] == filename)
    return make_document(meeting, KENT / folder / "originals" / filename, kind, url, item)


def cite(document: Document, page: int) -> dict:
    """A citation as the summaries app writes it."""
    return {
        "document": document.title,
        "document_id": document.id,
        "page": page,
        "url": f"/documents/{document.id}/#page={page}",
        "source_url": f"{document.source_url}#page={page}",
    }


def section(number: str, title: str, said: list[tuple[str, dict]], decisions: list[str]) -> dict:
    """A summary section in the summaries app's shape: sentences each with their citations."""
    unique = list({(c["document_id"], c["page"]): c for _, c in said}.values())
    return {
        "item_number": number,
        "item_numbers": [number],
        "title": title,
        "procedural": False,
        "text": " ".join(text for text, _ in said),
        "sentences": [{"text": text, "citations": [c]} for text, c in said],
        "decisions": decisions,
        "citations": unique,
        "topics": [],
    }


def make_people(council: Council, names: list[tuple[str, str]]) -> list[Person]:
    people = []
    for name, title in names:
        person, _ = Person.objects.get_or_create(
            council=council,
            upstream_id=f"name:{name.lower().replace(' ', '-')}",
            defaults={"name": name, "title": title, "slug": name.lower().replace(" ", "-")},
        )
        people.append(person)
    return people


def topics(*names: str) -> list[Topic]:
    return [Topic.objects.get_or_create(slug=n.lower().replace(" ", "-"), defaults={"name": n})[0] for n in names]


CABINET_ITEMS = [
    ("1", "Apologies"),
    ("2", "Declarations of Interest"),
    ("3", "Minutes of the Meeting held on 9th January 2025"),
    ("4", "Cabinet Member Updates"),
    ("5", "24/00108 - Revenue and Capital Budget Monitoring Report - November 2024-25"),
    (
        "6",
        "Draft Revenue Budget 2025-26, MTFP 2025-28, Draft Capital Programme 2025-35 and Treasury Management Strategy",
    ),
    ("7", "24/00109 - Transfer the 18-25 section of the Strengthening Independence Service"),
    ("8", "24/00115 - Kent County Council Integrated Care Strategy (KCC ICS) Delivery Plan"),
    ("9", "24/00096 - Commissioning Plan for Education Provision in Kent 2025-29"),
]


def kent_cabinet(council: Council | None = None, index: bool = True) -> Meeting:
    """Kent's Cabinet of 30 January 2025 with real papers, attendance, decisions and a cited summary."""
    council = council or make_council()
    cabinet = make_committee(council, "Cabinet", "115")
    meeting = make_meeting(cabinet, datetime(2025, 1, 30, 10, 0, tzinfo=LONDON), "9790")
    items = {
        number: AgendaItem.objects.create(
            meeting=meeting, number=number, order=int(number), title=title, upstream_id=f"item-{number}"
        )
        for number, title in CABINET_ITEMS
    }
    folder = "cabinet_2025-01-30"
    minutes = _kent_doc(meeting, folder, "Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", DocumentKind.MINUTES)
    agenda = _kent_doc(meeting, folder, "Agenda frontsheet 30th-Jan-2025 10.00 Cabinet.pdf", DocumentKind.AGENDA)
    education = _kent_doc(
        meeting,
        folder,
        "24-00096 - Commissioning Plan for Education Provision in Kent 2025-29 - Report.pdf",
        DocumentKind.REPORT,
        items["9"],
    )
    Decision.objects.create(
        meeting=meeting,
        item=items["9"],
        upstream_id="minutes:92",
        text="Cabinet agreed the Commissioning Plan for Education Provision in Kent 2025-29.",
        outcome="approved",
        document=minutes,
        page=17,
    )
    people = make_people(
        council,
        [
            ("Roger Gough", "Leader of the Council"),
            ("Peter Oakford", "Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services"),
            ("Dan Watkins", "Cabinet Member for Adult Social Care and Public Health"),
            ("Sue Chandler", "Cabinet Member for Integrated Children's Services"),
            ("Clair Bell", "Cabinet Member"),
        ],
    )
    roles = ["Chairman", "Member", "Member", "Member", "Member"]
    statuses = ["present", "present", "present", "present", "apologies"]
    for person, role, status in zip(people, roles, statuses, strict=True):
        Attendance.objects.create(meeting=meeting, person=person, role=role, status=status)
    sections = [
        section(
            "5",
            "Revenue and Capital Budget Monitoring Report – November 2024-25",
            [
                (
                    "Mr Oakford introduced the report, which set out a projected overspend of £23.3 million.",
                    cite(minutes, 9),
                ),
                (
                    "Cabinet noted a forecast capital underspend of £111.6m and the progress on delivering savings.",
                    cite(minutes, 10),
                ),
            ],
            [
                "Noted the forecast revenue overspend of £23.3m (excluding Schools).",
                "Agreed the Capital budget changes.",
            ],
        ),
        section(
            "6",
            "Draft Revenue Budget 2025-26 and Capital Programme 2025-35",
            [
                ("Cabinet considered the amendments proposed by Cabinet Committees.", cite(minutes, 13)),
                (
                    "It endorsed the draft budget to be presented to County Council on 13th February for final decisions.",
                    cite(minutes, 13),
                ),
            ],
            ["Endorsed the draft budget for County Council on 13 February."],
        ),
        section(
            "7",
            "Transfer of the 18-25 Strengthening Independence Service",
            [
                (
                    "Cabinet agreed to move the 18-25 section of the Strengthening Independence Service to the Adult Social Care and Health Directorate from 1 April 2025.",
                    cite(minutes, 13),
                )
            ],
            ["Agreed the transfer of statutory functions and staff from 1 April 2025."],
        ),
        section(
            "8",
            "Integrated Care Strategy Delivery Plan",
            [
                (
                    "Cabinet adopted the Integrated Care Strategy Delivery Plan on behalf of Kent County Council.",
                    cite(minutes, 15),
                ),
                (
                    "The Director of Public Health was given authority to make non-substantial revisions to it.",
                    cite(minutes, 15),
                ),
            ],
            ["Adopted the Integrated Care Strategy Delivery Plan."],
        ),
        section(
            "9",
            "Commissioning Plan for Education Provision in Kent 2025-29",
            [("Cabinet agreed the Commissioning Plan for Education Provision in Kent 2025-29.", cite(minutes, 17))],
            ["Agreed the Commissioning Plan for Education Provision in Kent 2025-29."],
        ),
    ]
    body = {
        "kind": "outcome",
        "headline_citations": [cite(minutes, 9), cite(minutes, 13)],
        "sections": sections,
        "attendees": [
            {"name": p.name, "role": r, "status": s} for p, r, s in zip(people, roles, statuses, strict=True)
        ],
        "topics": ["Budget", "Education", "Social care"],
        "footnotes": [
            {
                "term": "MTFP",
                "text": "Medium Term Financial Plan: the council's three-year budget plan.",
                "citations": [cite(minutes, 11)],
            },
            {
                "term": "ICS",
                "text": "Integrated Care Strategy: the shared plan of the NHS and councils for health and care.",
                "citations": [cite(minutes, 14)],
            },
        ],
    }
    summary = Summary.objects.create(
        meeting=meeting,
        version=2,
        is_latest=True,
        kind=SummaryKind.OUTCOME,
        backend="extractive",
        summariser_version="0.1.0",
        sources_fingerprint="0" * 64,
        headline="Cabinet endorsed the draft 2025-26 budget and noted a projected £23.3m overspend.",
        body=body,
        verification={"checked": 8, "unsupported": []},
    )
    summary.topics.set(topics("Budget", "Education", "Social care"))
    del agenda, education
    if index:
        index_meeting(meeting.id)
    return meeting


def kent_county_council(council: Council | None = None, index: bool = True) -> Meeting:
    """Kent's County Council of 9 January 2025 (the English Devolution White Paper) with its real papers."""
    council = council or make_council()
    committee = make_committee(council, "County Council", "112")
    meeting = make_meeting(committee, datetime(2025, 1, 9, 10, 0, tzinfo=LONDON), "9645")
    item = AgendaItem.objects.create(
        meeting=meeting, number="3", order=3, title="English Devolution White Paper", upstream_id="item-3"
    )
    folder = "full_council_2025-01-09"
    _kent_doc(meeting, folder, "Devolution White Paper - County Council Report - FINAL.pdf", DocumentKind.REPORT, item)
    _kent_doc(meeting, folder, "Printed minutes 09th-Jan-2025 10.00 County Council.pdf", DocumentKind.MINUTES)
    if index:
        index_meeting(meeting.id)
    return meeting


def upcoming_meeting(committee: Committee, days: int = 14, **fields: object) -> Meeting:
    start = timezone.now().astimezone(LONDON).replace(hour=14, minute=0, second=0, microsecond=0)
    fields = {"status": MeetingStatus.SCHEDULED, **fields}
    return make_meeting(committee, start + timezone.timedelta(days=days), f"future-{days}", **fields)


def kent_world() -> dict[str, object]:
    """Both Kent meetings, an upcoming and a cancelled one, and a limited-support council."""
    council = make_council()
    cabinet = kent_cabinet(council)
    full = kent_county_council(council)
    upcoming = upcoming_meeting(cabinet.committee, 14)
    cancelled = upcoming_meeting(cabinet.committee, 21, status=MeetingStatus.CANCELLED)
    wigan = make_council(
        "WGN",
        "Wigan",
        official_name="Wigan Metropolitan Borough Council",
        gss_code="E08000010",
        alt_names=["Wigan Council"],
        la_type="MD",
        la_type_name="Metropolitan district",
        region="North West",
        support_level=SupportLevel.LIMITED,
    )
    return {
        "council": council,
        "cabinet": cabinet,
        "full_council": full,
        "upcoming": upcoming,
        "cancelled": cancelled,
        "limited": wigan,
    }
