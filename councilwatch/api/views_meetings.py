"""Meetings, agenda items, documents (with their text page by page), summaries and decisions."""

from ninja import Path, Query, Router

from councilwatch.api import filters
from councilwatch.api.errors import not_found
from councilwatch.api.pagination import MAX_ID, get_record, mark_modified, page_of, paginate
from councilwatch.api.schemas import (
    AgendaItemOut,
    DecisionOut,
    DocumentDetailOut,
    DocumentOut,
    ErrorOut,
    MeetingDetailOut,
    MeetingOut,
    SummaryOut,
)
from councilwatch.documents.models import Document
from councilwatch.meetings.models import AgendaItem, Decision
from councilwatch.summaries.models import Summary

router = Router()
LIST_ERRORS = {400: ErrorOut, 404: ErrorOut}
DETAIL_ERRORS = {404: ErrorOut}
Id = Path(..., ge=1, le=MAX_ID)


@router.get("/meetings", response={200: page_of(MeetingOut), **LIST_ERRORS}, tags=["meetings"])
def list_meetings(request, q: Query[filters.MeetingQuery]):
    """Meetings, newest first. Filter by council, committee, date range, status and topic."""
    return paginate(request, filters.meetings(q), q)


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **DETAIL_ERRORS}, tags=["meetings"])
def get_meeting(request, meeting_id: int = Id):
    """One meeting with its agenda items, documents, attendance, decisions and latest summary."""
    meeting = filters.meeting_details().filter(pk=meeting_id).first()
    if meeting is None:
        raise not_found("meeting with id", meeting_id, "meeting_id")
    filters.link_loaded(meeting)
    nested = [*meeting.items.all(), *meeting.documents.all(), *meeting.attendances.all(), *meeting.decisions.all()]
    nested += meeting.summaries.all()
    mark_modified(request, meeting.updated_at, *(row.updated_at for row in nested))
    return meeting


@router.get("/items", response={200: page_of(AgendaItemOut), **LIST_ERRORS}, tags=["meetings"])
def list_items(request, q: Query[filters.MeetingChildQuery]):
    """Agenda items in agenda order. Filter by council or meeting."""
    return paginate(request, filters.items(q), q)


@router.get("/items/{item_id}", response={200: AgendaItemOut, **DETAIL_ERRORS}, tags=["meetings"])
def get_item(request, item_id: int = Id):
    return get_record(request, AgendaItem.objects, item_id, "agenda item", "item_id")


@router.get("/documents", response={200: page_of(DocumentOut), **LIST_ERRORS}, tags=["documents"])
def list_documents(request, q: Query[filters.DocumentQuery]):
    """Documents (agendas, reports, minutes ...) without their text. Filter by council, meeting or kind."""
    return paginate(request, filters.documents(q), q)


@router.get("/documents/{document_id}", response={200: DocumentDetailOut, **DETAIL_ERRORS}, tags=["documents"])
def get_document(request, document_id: int = Id):
    """One document with its extracted text, page by page (pages are numbered from 1, as summaries cite them)."""
    return get_record(
        request,
        Document.objects.select_related("council").prefetch_related("pages"),
        document_id,
        "document",
        "document_id",
    )


@router.get("/summaries", response={200: page_of(SummaryOut), **LIST_ERRORS}, tags=["summaries"])
def list_summaries(request, q: Query[filters.SummaryQuery]):
    """Summaries with their citations and verification, newest meeting first; only the latest versions unless latest=false."""
    return paginate(request, filters.summaries(q), q)


@router.get("/summaries/{summary_id}", response={200: SummaryOut, **DETAIL_ERRORS}, tags=["summaries"])
def get_summary(request, summary_id: int = Id):
    summaries = Summary.objects.select_related("meeting__council").prefetch_related("topics")
    return get_record(request, summaries, summary_id, "summary", "summary_id")


@router.get("/decisions", response={200: page_of(DecisionOut), **LIST_ERRORS}, tags=["meetings"])
def list_decisions(request, q: Query[filters.DecisionQuery]):
    """Decisions, newest meeting first. Filter by council, meeting, outcome and the meeting's date."""
    return paginate(request, filters.decisions(q), q)


@router.get("/decisions/{decision_id}", response={200: DecisionOut, **DETAIL_ERRORS}, tags=["meetings"])
def get_decision(request, decision_id: int = Id):
    return get_record(request, Decision.objects, decision_id, "decision", "decision_id")
