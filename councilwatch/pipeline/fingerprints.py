"""What each stage's output is made from, as a string; ``None`` means there is nothing to do yet.

The pipeline compares a stage's fingerprint now with the one its last successful run recorded
(``WorkItem.done_fingerprint``) and queues only what differs: a document whose bytes changed is extracted
again, the meeting it belongs to summarised and indexed again, and nothing else.
"""

import hashlib
from datetime import date

from django.conf import settings
from django.db.models import Count, Max, Model
from django.utils import timezone

from councilwatch.documents.models import Document
from councilwatch.ingest.reading import stale_reading
from councilwatch.meetings.models import AgendaItem, Decision, Meeting
from councilwatch.pipeline.models import WorkItem, WorkState
from councilwatch.subscriptions.weeks import due_week
from councilwatch.summaries.models import Summary
from councilwatch.summaries.services import summary_inputs
from councilwatch.webcasts.services import is_recording, recording_id


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def row_of(model: type[Model], pk: int, *fields: str) -> dict | None:
    """``fields`` of the row ``pk`` (None when it is gone), read without the model's default ordering: ordering a
    lookup by primary key by meeting, item and title (a document's) only joins tables and builds SQL for nothing."""
    return model.objects.filter(pk=pk).order_by().values(*fields).first()


def value_of(model: type[Model], pk: int, field: str) -> int | None:
    """One foreign key (``field``) of the row ``pk``, or None: ``row_of`` for a single id."""
    row = row_of(model, pk, field)
    return row[field] if row else None


def council_itself(council_id: int) -> int | None:
    return council_id


def council_of_document(document_id: int) -> int | None:
    return value_of(Document, document_id, "council_id")


def council_of_meeting(meeting_id: int) -> int | None:
    return value_of(Meeting, meeting_id, "council_id")


def crawl(council_id: int) -> str | None:
    """A council is crawled once a day; the day is its fingerprint (a forced or windowed crawl adds more)."""
    return date.today().isoformat()


def fetch(document_id: int) -> str | None:
    """A document needs fetching until its bytes are stored, or when its last fetch failed."""
    row = row_of(Document, document_id, "sha256", "fetch_error", "source_url")
    if row is None or (row["sha256"] and not row["fetch_error"]):
        return None
    return row["source_url"] or f"document:{document_id}"


def webcast(meeting_id: int) -> str | None:
    """The recording a meeting links is fetched while the meeting has none stored: its address, so a player page
    given up on is tried again only when the address changes."""
    url = Meeting.objects.filter(pk=meeting_id).values_list("webcast_url", flat=True).first()
    if not url or recording_id(meeting_id) is not None:
        return None
    return url


def _stored_not_read(document_id: int, *, recording: bool) -> str | None:
    row = row_of(Document, document_id, "sha256", "extracted_sha256", "upstream_id")
    if row is None or not row["sha256"] or row["sha256"] == row["extracted_sha256"]:
        return None
    return row["sha256"] if is_recording(row["upstream_id"]) == recording else None


def extract(document_id: int) -> str | None:
    """Extraction is made from the stored bytes: their sha256, when it differs from what was extracted (a
    recording is transcribed instead)."""
    return _stored_not_read(document_id, recording=False)


def transcribe(document_id: int) -> str | None:
    """A recording's transcript is made from its bytes: their sha256, until it is transcribed from them."""
    return _stored_not_read(document_id, recording=True)


def _settled_documents(meeting_id: int) -> list[tuple[int, str, str]] | None:
    """The meeting's documents as (pk, sha256, extracted sha256), or None while any of them is on its way.

    A document is settled when its text is extracted (a recording: transcribed) from its current bytes, or when
    fetching, extracting or transcribing it has been parked (a person will look; the meeting goes ahead without it).
    While the recording the meeting links is being fetched (the webcast stage waits), nothing is settled either.
    """
    if WorkItem.objects.filter(stage="webcast", object_id=meeting_id).waiting().exists():
        return None
    docs = list(
        Document.objects.filter(meeting_id=meeting_id).values_list("pk", "sha256", "extracted_sha256").order_by("pk")
    )
    if not docs and not Meeting.objects.filter(pk=meeting_id).exists():  # a meeting with documents exists
        return None
    unsettled = [pk for pk, sha, extracted in docs if not sha or sha != extracted]
    if unsettled and not _given_up_or_read(unsettled, {pk: sha for pk, sha, _ in docs}):
        return None
    return docs


def _given_up_or_read(unsettled: list[int], sha_of: dict[int, str]) -> bool:
    """Whether each of these documents is parked (fetch, extract or transcribe) or was extracted or transcribed
    from its present bytes, by the work table (one query)."""
    rows = WorkItem.objects.filter(
        stage__in=("fetch", "extract", "transcribe"),
        object_id__in=unsettled,
        state__in=(WorkState.PARKED, WorkState.DONE),
    ).values_list("stage", "object_id", "state", "done_fingerprint")
    parked, done_extract = set(), set()
    for stage, object_id, state, done_fingerprint in rows:
        if state == WorkState.PARKED:
            parked.add(object_id)
        elif stage != "fetch":
            done_extract.add((object_id, done_fingerprint))
    return all(pk in parked or (pk, sha_of[pk]) in done_extract for pk in unsettled)


def meeting_settled(meeting_id: int) -> bool:
    """Whether every document of the meeting is settled (read, summarise and index wait for that)."""
    return _settled_documents(meeting_id) is not None


def meeting_sources(meeting_id: int) -> str | None:
    """sha256 over the meeting's documents as extracted, its items and decisions; None while a paper is on its way."""
    docs = _settled_documents(meeting_id)
    if docs is None:
        return None
    meeting = Meeting.objects.values_list("updated_at", flat=True).get(pk=meeting_id)
    items = AgendaItem.objects.filter(meeting_id=meeting_id).aggregate(n=Count("pk"), last=Max("updated_at"))
    decisions = Decision.objects.filter(meeting_id=meeting_id).aggregate(n=Count("pk"), last=Max("updated_at"))
    return _digest(
        [f"{pk}:{extracted or sha}" for pk, sha, extracted in docs]
        + [f"meeting:{meeting.isoformat()}", f"items:{items}", f"decisions:{decisions}"]
    )


def read(meeting_id: int) -> str | None:
    """A meeting's papers are read once all of them are settled, whenever what the reading is made from changed."""
    if _settled_documents(meeting_id) is None:
        return None
    return stale_reading(meeting_id)


def summarise(meeting_id: int) -> str | None:
    """A meeting is summarised from its sources once its reading is current (the read stage writes them)."""
    if stale_reading(meeting_id) is not None:
        return None
    if not meeting_settled(meeting_id):
        return None
    meeting = Meeting.objects.get(pk=meeting_id)
    return _digest(list(summary_inputs(meeting)))  # the summaries app's own rule, not one of the pipeline's


def index(meeting_id: int) -> str | None:
    """A meeting is indexed from its sources and its latest summary, once summarising it has settled."""
    sources = meeting_sources(meeting_id)
    if sources is None:
        return None
    summarise_item = WorkItem.objects.filter(stage="summarise", object_id=meeting_id).first()
    if summarise_item is not None and summarise_item.state in WorkState.waiting_states():
        return None
    latest = Summary.objects.filter(meeting_id=meeting_id, is_latest=True).values_list("pk", flat=True).first()
    return _digest([sources, f"summary:{latest}"])


def digest(council_id: int) -> str | None:
    """The week whose digest is due (from the subscriptions settings' weekday and time), or None before then."""
    return due_week()


def alerts(_: int) -> str | None:
    """Alerts are matched and sent at most once per ``PIPELINE_ALERT_MINUTES``."""
    minutes = max(settings.PIPELINE_ALERT_MINUTES, 1)
    now = timezone.now()
    return now.replace(minute=now.minute - now.minute % minutes, second=0, microsecond=0).isoformat()


def no_council(_: int) -> int | None:
    return None
