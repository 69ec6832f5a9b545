"""Response shapes of the JSON API v1. The OpenAPI schema at /api/v1/openapi.json is generated from these."""

from datetime import datetime

from django.conf import settings
from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


def api_url(path: str) -> str:
    """Absolute URL of an API v1 resource, on SITE_URL so it is stable whoever asks."""
    return f"{settings.SITE_URL}/api/v1/{path}"


class ErrorBody(Schema):
    code: str = Field(description="Machine-readable: invalid_parameter, not_found, page_out_of_range, ...")
    message: str = Field(description="What was wrong, in English.")
    parameter: str | None = Field(None, description="The query or path parameter at fault, when there is one.")


class ErrorOut(Schema):
    error: ErrorBody


class CouncilOut(Schema):
    code: str = Field(description="Official three-letter code (four for combined authorities); the public key.")
    url: str
    name: str
    official_name: str
    gss_code: str
    nation: str
    region: str
    type: str = Field(description="mySociety type code, e.g. CTY, MD, UA.")
    type_name: str
    platform: str
    platform_base_url: str
    support_level: str = Field(description="full: meetings are crawled and summarised; limited: registry only.")

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"councils/{obj.code}")

    @staticmethod
    def resolve_type(obj) -> str:
        return obj.la_type

    @staticmethod
    def resolve_type_name(obj) -> str:
        return obj.la_type_name


class CommitteeRef(Schema):
    id: int
    name: str


class CommitteeOut(Schema):
    id: int
    url: str
    council: str
    name: str
    upstream_id: str
    source_url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"committees/{obj.pk}")

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.code


class PersonRef(Schema):
    id: int
    name: str
    kind: str
    party: str


class PersonOut(Schema):
    id: int
    url: str
    council: str
    name: str
    kind: str = Field(description="councillor, officer or other.")
    party: str
    ward: str
    title: str
    upstream_id: str
    source_url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"people/{obj.pk}")

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.code


class AttendanceOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    person: PersonRef
    role: str
    status: str = Field(description="present, apologies, absent, expected, in_attendance or virtual.")
    source_url: str


class TopicOut(Schema):
    slug: str
    url: str
    name: str
    description: str

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"topics/{obj.slug}")


class MeetingOut(Schema):
    id: int
    url: str
    council: str = Field(description="The council's code.")
    committee: CommitteeRef | None
    title: str
    status: str = Field(description="scheduled, confirmed, cancelled, postponed or held.")
    start: datetime
    end: datetime | None
    location: str
    web_url: str = Field(description="The meeting's page on the council's own site.")
    upstream_id: str
    source_url: str
    updated_at: datetime

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"meetings/{obj.pk}")

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.code


class AgendaItemOut(Schema):
    id: int
    url: str
    meeting: int = Field(alias="meeting_id")
    number: str = Field(description="As printed on the agenda, e.g. '7' or '3(a)'.")
    order: int
    title: str
    description: str
    is_restricted: bool = Field(description="Exempt or confidential item.")
    minutes_text: str
    upstream_id: str
    source_url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"items/{obj.pk}")


class DocumentOut(Schema):
    id: int
    url: str
    council: str
    meeting: int | None = Field(alias="meeting_id")
    item: int | None = Field(alias="item_id")
    title: str
    kind: str = Field(description="agenda, report, appendix, minutes, supplement, decision, transcript or other.")
    media_type: str
    size: int | None = Field(description="Bytes.")
    sha256: str
    page_count: int | None
    extraction_status: str
    upstream_id: str
    source_url: str = Field(description="Where the council publishes the document.")
    fetched_at: datetime | None

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"documents/{obj.pk}")

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.council.code


class PageOut(Schema):
    number: int = Field(description="1-based page number, as cited by summaries.")
    text: str
    method: str = Field(description="text (the PDF's text layer), ocr, or none.")


class DocumentDetailOut(DocumentOut):
    pages: list[PageOut]

    @staticmethod
    def resolve_pages(obj) -> list:
        return list(obj.pages.all())


class DecisionOut(Schema):
    id: int
    url: str
    meeting: int = Field(alias="meeting_id")
    item: int | None = Field(alias="item_id")
    text: str
    outcome: str = Field(description="approved, amended, rejected, noted, deferred or other.")
    document: int | None = Field(alias="document_id", description="The document the decision is printed in.")
    page: int | None = Field(description="Its page in that document.")
    upstream_id: str
    source_url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"decisions/{obj.pk}")


class _Open(BaseModel):
    """Summary body parts: documented fields, further fields kept (they may be added within v1).

    A plain pydantic model, not a ninja Schema: ninja's attribute getter would drop the undeclared fields.
    """

    model_config = ConfigDict(extra="allow")


class Citation(_Open):
    document: str | int | None = Field(None, description="The cited document's title.")
    document_id: int | None = Field(None, description="Its id: /api/v1/documents/{document_id} has the page's text.")
    page: int | None = Field(None, description="1-based page of that document.")
    url: str | None = Field(None, description="The page on this site (#page=N).")
    source_url: str | None = Field(None, description="The page on the council's site (#page=N).")


class Sentence(_Open):
    text: str = ""
    citations: list[Citation] = []


class SummarySection(_Open):
    item_number: str | int | None = Field(None, description="As printed; procedural items are joined: '1, 2, 3'.")
    item_numbers: list[str] = []
    title: str = ""
    procedural: bool = False
    text: str = ""
    sentences: list[Sentence] = Field(
        [], description="The section's text sentence by sentence, each with its citations."
    )
    decisions: list[str] = []
    citations: list[Citation] = []
    topics: list[str] = []


class SummaryAttendee(_Open):
    name: str = ""
    role: str | None = None
    status: str | None = None
    citations: list[Citation] = []


class Footnote(_Open):
    term: str = ""
    text: str = ""


class SummaryBody(_Open):
    headline_citations: list[Citation] = []
    sections: list[SummarySection] = []
    expected: list[Sentence] = Field(
        [], description="A forward plan's decisions due at later meetings, a sentence a date, each with its citations."
    )
    attendees: list[SummaryAttendee] = []
    topics: list[str] = Field([], description="Topic names.")
    topic_slugs: list[str] = []
    footnotes: list[Footnote] = []


class Verification(_Open):
    checked: int | None = Field(None, description="How many statements the verifier checked against their pages.")
    unsupported: list[str | dict] = Field([], description="Statements it could not find support for.")


class SummaryOut(Schema):
    id: int
    url: str
    meeting: int = Field(alias="meeting_id")
    council: str
    version: int
    is_latest: bool
    kind: str = Field(description="preview (before the meeting) or outcome (after it).")
    backend: str
    summariser_version: str
    headline: str
    body: SummaryBody
    verification: Verification
    topics: list[str] = Field(description="Topic slugs.")
    created_at: datetime

    @staticmethod
    def resolve_url(obj) -> str:
        return api_url(f"summaries/{obj.pk}")

    @staticmethod
    def resolve_council(obj) -> str:
        return obj.meeting.council.code

    @staticmethod
    def resolve_body(obj) -> dict:
        return obj.body if isinstance(obj.body, dict) else {}

    @staticmethod
    def resolve_verification(obj) -> dict:
        return obj.verification if isinstance(obj.verification, dict) else {}

    @staticmethod
    def resolve_topics(obj) -> list[str]:
        return [t.slug for t in obj.topics.all()]


class MeetingDetailOut(MeetingOut):
    items: list[AgendaItemOut]
    documents: list[DocumentOut]
    attendance: list[AttendanceOut]
    decisions: list[DecisionOut]
    summary: SummaryOut | None = Field(description="The latest summary, if there is one.")

    @staticmethod
    def resolve_items(obj) -> list:
        return list(obj.items.all())

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())

    @staticmethod
    def resolve_attendance(obj) -> list:
        return list(obj.attendances.all())

    @staticmethod
    def resolve_decisions(obj) -> list:
        return list(obj.decisions.all())

    @staticmethod
    def resolve_summary(obj):
        latest = [s for s in obj.summaries.all() if s.is_latest]
        return latest[0] if latest else None
