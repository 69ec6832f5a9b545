"""Adapters from the pipeline's (object id, params) calls to each app's service function.

Each adapter calls one service function, and turns a failure the service records instead of raising (a
document that could not be fetched) into a ``StageError`` so the pipeline retries it and, in the end, parks it.
Services are imported inside the adapters, so importing the stage table (the status page and command do) does
not load every app's services; every app is always installed.
"""

import atexit
import logging
from datetime import date

log = logging.getLogger("councilwatch.pipeline")


class StageError(Exception):
    """A service ran but reported that it failed; the message is the reason a person will read."""


class StageGaveUp(StageError):
    """A failure that trying again cannot mend (a webcast address that is a player page): parked at once, for a
    person, and tried again only when what the stage works from changes (its fingerprint)."""


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def crawl(council_id: int, params: dict) -> None:
    """Crawl a council's meetings and documents' references; the documents are fetched by the fetch stage."""
    from councilwatch.councils.models import Council
    from councilwatch.ingest.services import crawl_council

    council = Council.objects.get(pk=council_id)
    run = crawl_council(
        council,
        since=_date(params.get("since")),
        until=_date(params.get("until")),
        base_url=params.get("base_url") or None,
        fetch_documents=False,
    )
    status = str(getattr(run, "status", ""))
    if status == "failed":
        raise StageError(f"crawl of {council.code} failed: {_run_failures(run)}")
    if status not in ("", "ok", "done", "success", "succeeded", "complete", "completed"):
        log.warning("crawl finished with status %s", status, extra={"council": council.code, "status": status})


def _run_failures(run: object) -> str:
    failures = getattr(run, "failures", None) or getattr(run, "error", "") or "no reason recorded"
    return str(failures)[:2000]


def fetch(document_id: int, params: dict) -> None:
    from councilwatch.ingest.services import fetch_document

    document = fetch_document(document_id)
    if document.fetch_error:
        raise StageError(f"fetching {document.source_url} failed: {document.fetch_error}")


_extractor = None


def _extraction_worker() -> object:
    """One sandboxed extraction process per pipeline process, kept between documents (it restarts if it died)."""
    global _extractor
    if _extractor is None:
        from councilwatch.documents.services import extraction_worker

        _extractor = extraction_worker()
        atexit.register(_extractor.close)
    return _extractor


def extract(document_id: int, params: dict) -> None:
    """Extract a document's pages. A paper that cannot be read is recorded on the document, not retried."""
    from councilwatch.documents.services import extract_document

    extract_document(document_id, worker=_extraction_worker())


def transcribe(document_id: int, params: dict) -> None:
    """Transcribe a meeting's recording into its transcript; a recording that cannot be read is recorded on the
    document with its reason (decoding, no speech, over the caps), not retried."""
    from councilwatch.webcasts.services import transcribe_document

    transcribe_document(document_id)


def webcast(meeting_id: int, params: dict) -> None:
    """Fetch the recording a meeting links (its ``webcast_url``) and store it for the transcribe stage. A player
    page or other non-recording is given up on at once (with how to give the recording); a failed download is
    retried like any fetch."""
    from councilwatch.webcasts.linked import NotARecording, fetch_linked_recording
    from councilwatch.webcasts.types import TranscriptionError

    try:
        fetch_linked_recording(meeting_id)
    except NotARecording as exc:
        raise StageGaveUp(str(exc)) from exc
    except TranscriptionError as exc:
        raise StageError(str(exc)) from exc


def read(meeting_id: int, params: dict) -> None:
    """Read the structure of a meeting's papers (items, decisions, motions, votes, attendance) and save it."""
    from councilwatch.ingest.reading import read_meeting_papers

    read_meeting_papers(meeting_id)


def summarise(meeting_id: int, params: dict) -> None:
    from councilwatch.summaries.services import summarise_meeting

    summarise_meeting(meeting_id, backend=params.get("backend") or None)


def index(meeting_id: int, params: dict) -> None:
    from councilwatch.search.services import index_meeting

    index_meeting(meeting_id)


def digest(council_id: int, params: dict) -> None:
    """Build and send a council's weekly digest (the subscriptions app records each delivery exactly once)."""
    from councilwatch.councils.models import Council
    from councilwatch.subscriptions.services import send_digests

    code = Council.objects.values_list("code", flat=True).get(pk=council_id)
    send_digests(week=params.get("week") or None, council_code=code)


def alerts(_: int, params: dict) -> None:
    """Match new summaries against every alert and send what is due."""
    from councilwatch.subscriptions.services import send_alerts

    send_alerts()
