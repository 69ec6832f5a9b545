"""Fixtures: Kent's Cabinet of 30 January 2025 in the database, its pages read from the real PDFs (pypdfium2)."""

from __future__ import annotations

import pytest

from councilwatch.councils.models import Committee, Council
from councilwatch.documents.models import Document, DocumentPage
from councilwatch.meetings.models import AgendaItem, Meeting, MeetingStatus
from councilwatch.summaries.inputs import MeetingSources
from councilwatch.summaries.kent import load_kent_meeting


def store_meeting(sources: MeetingSources, *, include_minutes: bool = True) -> Meeting:
    council, _ = Council.objects.get_or_create(
        code="KEN",
        defaults={
            "gss_code": "E10000016",
            "official_name": "Kent County Council",
            "name": "Kent",
            "nation": "england",
            "la_type": "CTY",
            "la_type_name": "County council",
        },
    )
    committee, _ = Committee.objects.get_or_create(
        council=council, upstream_id="144", defaults={"name": sources.committee}
    )
    meeting = Meeting.objects.create(
        council=council,
        committee=committee,
        upstream_id=f"{sources.committee}-{sources.start:%Y%m%d}",
        title=sources.committee,
        status=MeetingStatus.HELD if include_minutes else MeetingStatus.CONFIRMED,
        start=sources.start,
        web_url="https://democracy.kent.gov.uk/ieListDocuments.aspx?CId=144&MId=9475",
    )
    items = {}
    for order, entry in enumerate(sources.agenda):
        items[entry.number] = AgendaItem.objects.create(
            meeting=meeting, upstream_id=f"item-{entry.number}", number=entry.number, order=order, title=entry.title
        )
    for source in sources.documents:
        if not include_minutes and source.kind == "minutes" and source.item_number is None:
            continue
        document = Document.objects.create(
            council=council,
            meeting=meeting,
            item=items.get(source.item_number) if source.item_number else None,
            upstream_id=f"{meeting.upstream_id}-{source.title}"[:200],
            source_url=source.source_url,
            title=source.title,
            kind=source.kind,
            sha256=source.sha256,
            extracted_sha256=source.sha256,
            extraction_status="done",
            page_count=len(source.pages),
        )
        DocumentPage.objects.bulk_create(
            DocumentPage(document=document, number=n, text=text) for n, text in enumerate(source.pages, start=1)
        )
    return meeting


@pytest.fixture(scope="session")
def kent_cabinet_sources() -> MeetingSources:
    return load_kent_meeting("cabinet_2025-01-30")


@pytest.fixture
def kent_cabinet(db, kent_cabinet_sources) -> Meeting:
    return store_meeting(kent_cabinet_sources)


@pytest.fixture
def kent_cabinet_before(db, kent_cabinet_sources) -> Meeting:
    """The same meeting before it was held: agenda and reports, no printed minutes."""
    return store_meeting(kent_cabinet_sources, include_minutes=False)
