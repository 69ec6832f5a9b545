"""Import a meeting's recording and transcribe it into a TRANSCRIPT document with timed, aligned segments.

``import_webcast(meeting_id, source)`` stores the recording (a file, or an http(s) URL fetched by the polite
client within ``TRANSCRIBE_MAX_BYTES``) as a document of the meeting; ``transcribe_document(document_id)`` turns
it into pages of about a minute each (``[mm:ss] text`` lines, for search and citation) and ``TranscriptSegment``
rows assigned to agenda items. A recording that cannot be used is recorded on the document with the reason.
"""

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from councilwatch.core.http import FetchError, PoliteClient
from councilwatch.documents.models import Document, DocumentKind, DocumentPage, ExtractionStatus
from councilwatch.documents.storage import read_bytes, store_bytes
from councilwatch.meetings.models import AgendaItem, Meeting
from councilwatch.webcasts.align import ItemRef, align
from councilwatch.webcasts.backends import get_backend
from councilwatch.webcasts.captions import caption_segments, is_captions
from councilwatch.webcasts.decode import decode
from councilwatch.webcasts.models import TranscriptSegment, clock
from councilwatch.webcasts.transcribe import transcribe_samples
from councilwatch.webcasts.types import SAMPLE_RATE, Segment, TranscriptionError

log = logging.getLogger(__name__)
PAGE_SECONDS = 60  # one transcript page per minute of the recording
RECORDING = "webcast:"  # the upstream id prefix of a meeting's recording stored by import_webcast


def is_recording(upstream_id: str) -> bool:
    """Whether the document is a recording to transcribe (not a paper to extract, nor a caption file)."""
    return upstream_id.startswith(RECORDING)


@dataclass(frozen=True)
class Recording:
    data: bytes
    source_url: str
    media_type: str


def download(url: str) -> Recording:
    """The body at an http(s) URL, fetched whole by the polite client within ``TRANSCRIBE_MAX_BYTES`` (its caps,
    retries and robots.txt), or TranscriptionError naming the URL and what went wrong."""
    try:
        response = PoliteClient(max_bytes=settings.TRANSCRIBE_MAX_BYTES).get(url)
    except FetchError as exc:
        raise TranscriptionError(f"could not fetch {url}: {exc}") from exc
    return Recording(response.content, url, response.media_type)


def read_source(source: str) -> Recording:
    """The recording's bytes from a path or an http(s) URL (TranscriptionError naming the source otherwise)."""
    if source.startswith(("http://", "https://")):
        return download(source)
    path = Path(source)
    if not path.is_file():
        raise TranscriptionError(f"no recording at {source}")
    if path.stat().st_size > settings.TRANSCRIBE_MAX_BYTES:
        raise TranscriptionError(f"{source} is over the TRANSCRIBE_MAX_BYTES cap of {settings.TRANSCRIBE_MAX_BYTES:,}")
    return Recording(path.read_bytes(), "", mimetypes.guess_type(path.name)[0] or "")


def recording_upstream_id(meeting_upstream_id: str) -> str:
    """The upstream id of a meeting's recording document: one recording per meeting."""
    return f"{RECORDING}{meeting_upstream_id}"


def recording_id(meeting_id: int) -> int | None:
    """The meeting's stored recording document, if it has one (given by hand or fetched from its webcast_url)."""
    row = Meeting.objects.filter(pk=meeting_id).values_list("council_id", "upstream_id").first()
    if row is None:
        return None
    council_id, upstream_id = row
    documents = Document.objects.filter(council_id=council_id, upstream_id=recording_upstream_id(upstream_id))
    return documents.values_list("pk", flat=True).first()


def store_recording(meeting: Meeting, recording: Recording) -> Document:
    """Store whole bytes as the meeting's transcript document (one per meeting), to be transcribed from them."""
    blob = store_bytes(recording.data)
    document, _ = Document.objects.update_or_create(
        council_id=meeting.council_id,
        upstream_id=recording_upstream_id(meeting.upstream_id),
        defaults={
            "meeting": meeting,
            "title": f"Transcript of the webcast, {meeting}",
            "kind": DocumentKind.TRANSCRIPT,
            "source_url": recording.source_url or meeting.webcast_url,
            "sha256": blob.sha256,
            "size": blob.size,
            "storage_path": blob.path,
            "media_type": recording.media_type,
            "fetched_at": timezone.now(),
            "fetch_error": "",
        },
    )
    if recording.source_url and not meeting.webcast_url:
        Meeting.objects.filter(pk=meeting.pk).update(webcast_url=recording.source_url)
    return document


def import_webcast(meeting_id: int, source: str, *, now: bool = True) -> Document:
    """Store a meeting's recording as its transcript document and (with ``now``) transcribe it at once; else the
    pipeline's ``transcribe`` stage transcribes it (its fingerprint is the recording's sha256)."""
    meeting = Meeting.objects.get(pk=meeting_id)
    document = store_recording(meeting, read_source(source))
    if now:
        transcribe_document(document.pk)
        document.refresh_from_db()
    return document


def _pages(segments: list[Segment]) -> list[tuple[int, str]]:
    pages: dict[int, list[str]] = {}
    for segment in segments:
        who = f"{segment.speaker}: " if segment.speaker else ""
        pages.setdefault(int(segment.start // PAGE_SECONDS), []).append(f"[{clock(segment.start)}] {who}{segment.text}")
    return [(n, "\n".join(lines)) for n, lines in enumerate(pages.values(), start=1)]


def transcribe_document(document_id: int, *, backend: str | None = None) -> Document:
    """Transcribe a stored recording; its pages and segments are replaced only when transcription succeeds."""
    document = Document.objects.get(pk=document_id)
    name = backend or settings.TRANSCRIBE_BACKEND
    try:
        data = read_bytes(document.storage_path, size=document.size)
        if is_captions(data):  # a transcript somebody wrote: read with its speakers, not transcribed
            segments = caption_segments(data)
            if not segments:
                raise TranscriptionError("the caption file has no timed cues (no 'hh:mm:ss --> hh:mm:ss' lines)")
            save_transcript(document, segments)
            document.refresh_from_db()
            return document
        samples = decode(data)
        segments = transcribe_samples(
            samples,
            get_backend(name),
            language=settings.TRANSCRIBE_LANGUAGE,
            chunk_seconds=settings.TRANSCRIBE_CHUNK_SECONDS,
            checkpoint=checkpoint_path(document.sha256, name),
            key=f"{document.sha256}:{name}:{settings.TRANSCRIBE_CHUNK_SECONDS}",
        )
        if not segments:
            raise TranscriptionError(f"no speech was recognised in {len(samples) / SAMPLE_RATE:.0f} s of audio")
    except TranscriptionError as exc:
        log.warning("transcribing document %s failed: %s", document.pk, exc)
        document.extraction_status = ExtractionStatus.FAILED
        document.extraction_error = str(exc)
        document.extracted_sha256 = document.sha256  # the extract stage leaves recordings alone
        document.save()
        return document
    save_transcript(document, segments)
    checkpoint_path(document.sha256, name).unlink(missing_ok=True)
    document.refresh_from_db()
    return document


def checkpoint_path(sha256: str, backend: str) -> Path:
    return Path(settings.VAR_DIR) / "transcribe" / f"{sha256}.{backend}.json"


def meeting_items(meeting_id: int) -> list[ItemRef]:
    rows = AgendaItem.objects.filter(meeting_id=meeting_id).order_by("order").values_list("pk", "number", "title")
    return [ItemRef(pk, number, title) for pk, number, title in rows]


@transaction.atomic
def save_transcript(document: Document, segments: list[Segment]) -> None:
    """Replace the document's pages and segments, the segments assigned to the meeting's agenda items."""
    pages = _pages(segments)
    page_of = {}
    for segment in segments:
        page_of.setdefault(int(segment.start // PAGE_SECONDS), len(page_of) + 1)
    items = align([s.text for s in segments], meeting_items(document.meeting_id)) if document.meeting_id else []
    DocumentPage.objects.filter(document=document).delete()
    DocumentPage.objects.bulk_create(DocumentPage(document=document, number=n, text=t) for n, t in pages)
    TranscriptSegment.objects.filter(document=document).delete()
    TranscriptSegment.objects.bulk_create(
        TranscriptSegment(
            document=document,
            index=i,
            start=s.start,
            end=s.end,
            text=s.text,
            speaker=s.speaker,
            page=page_of[int(s.start // PAGE_SECONDS)],
            item_id=items[i].pk if items and items[i] else None,
        )
        for i, s in enumerate(segments)
    )
    document.extraction_status = ExtractionStatus.DONE
    document.extraction_error = ""
    document.extracted_sha256 = document.sha256
    document.page_count = len(pages)
    document.language = settings.TRANSCRIBE_LANGUAGE
    document.save()  # its post_save drops the council's cached pages
