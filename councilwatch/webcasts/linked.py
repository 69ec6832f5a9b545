"""The recording a meeting links (``Meeting.webcast_url``, filled by the crawl), fetched and stored to transcribe.

``fetch_linked_recording(meeting_id)`` fetches the address with the polite client within ``TRANSCRIBE_MAX_BYTES``.
A media file (an ``audio/*`` or ``video/*`` content type, or a known media extension whose bytes PyAV opens) is
stored whole as the meeting's recording, as ``import_webcast`` stores one, for the pipeline's transcribe stage. A
player page (YouTube, Public-i, Vimeo) or any other body is not followed further: ``NotARecording`` says what it
is and how to give the recording by hand. A failed download (timeout, truncated body, over the cap) is a
``TranscriptionError`` naming the address; nothing is stored unless the whole body arrived.
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from councilwatch.core.http import describe_body
from councilwatch.documents.models import Document
from councilwatch.meetings.models import Meeting
from councilwatch.webcasts.decode import probe_seconds
from councilwatch.webcasts.services import Recording, download, store_recording
from councilwatch.webcasts.types import TranscriptionError

MEDIA_EXTENSIONS = frozenset({".mp3", ".mp4", ".m4a", ".wav", ".webm", ".ogg"})
PLAYERS = (  # (name, what its pages' and embeds' addresses contain)
    ("YouTube", ("youtube.com", "youtu.be", "youtube-nocookie.com")),
    ("Public-i", ("public-i.tv",)),
    ("Vimeo", ("vimeo.com",)),
)


class NotARecording(TranscriptionError):
    """The webcast address holds no recording (a player page, another kind of file): fetching it again cannot help."""


def player_of(url: str, body: bytes) -> str:
    """The video platform a page belongs to or embeds, by its address first and then its embeds; "" if none."""
    host = (urlsplit(url).hostname or "").lower()
    for name, marks in PLAYERS:
        if any(host == mark or host.endswith("." + mark) for mark in marks):
            return name
    page = body[:200_000].lower()
    for name, marks in PLAYERS:
        if any(mark.encode() in page for mark in marks):
            return name
    return ""


def _extension(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).suffix.lower()


def not_media(recording: Recording) -> str | None:
    """None when the body is a recording to store, else what it is instead ("a player page (YouTube)", ...)."""
    media_type, data = recording.media_type, recording.data
    if media_type.startswith(("audio/", "video/")):
        return None
    if _extension(recording.source_url) in MEDIA_EXTENSIONS:
        try:
            probe_seconds(data)
        except TranscriptionError as exc:
            return f"not a media file ({media_type or 'no content type'}): {exc}"
        return None
    described = describe_body(data)
    if media_type in ("text/html", "application/xhtml+xml") or described.startswith("an HTML page"):
        player = player_of(recording.source_url, data)
        return f"a player page ({player}), not a media file" if player else f"{described}, not a media file"
    return f"not a media file ({media_type or 'no content type'}: {described})"


def fetch_linked_recording(meeting_id: int) -> Document:
    """Fetch the meeting's ``webcast_url`` and store it as its recording; NotARecording when it is none."""
    meeting = Meeting.objects.get(pk=meeting_id)
    url = meeting.webcast_url
    if not url:
        raise NotARecording(f"meeting {meeting_id} links no webcast")
    recording = download(url)
    wrong = not_media(recording)
    if wrong:
        raise NotARecording(
            f"webcast {url} is {wrong}: give the recording with `councilwatch import_webcast {meeting_id} FILE_OR_URL`"
        )
    if not recording.media_type.startswith(("audio/", "video/")):
        guessed = mimetypes.guess_type(PurePosixPath(urlsplit(url).path).name)[0] or recording.media_type
        recording = Recording(recording.data, url, guessed)
    return store_recording(meeting, recording)
