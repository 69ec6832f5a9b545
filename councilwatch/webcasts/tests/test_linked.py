"""The recording a meeting links: a media file is stored whole, a player page or other file is named and refused,
a truncated download stores nothing. Served from 127.0.0.1 (the webcast_site fixture)."""

from pathlib import Path

import pytest

from councilwatch.documents.models import Document, ExtractionStatus
from councilwatch.webcasts.linked import NotARecording, fetch_linked_recording, not_media, player_of
from councilwatch.webcasts.services import Recording, recording_id
from councilwatch.webcasts.types import TranscriptionError

pytestmark = pytest.mark.django_db


def _link(meeting, url: str) -> None:
    meeting.webcast_url = url
    meeting.save()


@pytest.mark.parametrize("path", ["/meeting.wav", "/download/meeting.wav"])
def test_a_media_file_is_stored_as_the_meetings_recording(path, webcast_site, meeting, document_storage, recording):
    _link(meeting, webcast_site + path)
    document = fetch_linked_recording(meeting.pk)
    assert recording_id(meeting.pk) == document.pk
    assert document.upstream_id == "webcast:m1" and document.kind == "transcript"
    assert document.source_url == webcast_site + path
    assert document.media_type in ("audio/x-wav", "audio/wav")  # application/octet-stream: taken from the name
    assert document.size == recording[0].stat().st_size
    assert document.extraction_status == ExtractionStatus.PENDING  # the transcribe stage transcribes it


def test_a_player_page_is_named_and_not_followed(webcast_site, meeting, document_storage):
    _link(meeting, webcast_site + "/player.html")
    with pytest.raises(NotARecording) as refused:
        fetch_linked_recording(meeting.pk)
    assert str(refused.value) == (
        f"webcast {webcast_site}/player.html is a player page (YouTube), not a media file: give the recording with "
        f"`councilwatch import_webcast {meeting.pk} FILE_OR_URL`"
    )
    assert not Document.objects.exists()


def test_a_file_with_a_media_name_that_is_not_media_is_refused(webcast_site, meeting, document_storage):
    _link(meeting, webcast_site + "/notes.mp3")
    with pytest.raises(NotARecording, match=r"notes\.mp3 is not a media file \(application/octet-stream\): the file"):
        fetch_linked_recording(meeting.pk)
    assert not Document.objects.exists()


def test_a_truncated_download_is_a_clear_failure_and_stores_nothing(webcast_site, meeting, document_storage):
    _link(meeting, webcast_site + "/truncated/meeting.wav")
    with pytest.raises(TranscriptionError) as failed:
        fetch_linked_recording(meeting.pk)
    assert not isinstance(failed.value, NotARecording)  # a download that may work next time
    assert str(failed.value).startswith(f"could not fetch {webcast_site}/truncated/meeting.wav: truncated: ")
    assert not Document.objects.exists()
    assert not [p for p in Path(document_storage.location).rglob("*") if p.is_file()]  # no half-written blob


@pytest.mark.parametrize(
    ("url", "body", "player"),
    [
        ("https://www.youtube.com/watch?v=abc", b"", "YouTube"),
        ("https://youtu.be/abc", b"", "YouTube"),
        ("https://kent.public-i.tv/core/portal/webcast_interactive/123", b"", "Public-i"),
        ("https://council.example/webcast/5", b'<iframe src="https://player.vimeo.com/video/9">', "Vimeo"),
        ("https://council.example/webcast/5", b"<html><body>Our meetings</body></html>", ""),
    ],
)
def test_the_player_is_known_by_its_address_or_its_embed(url, body, player):
    assert player_of(url, body) == player


def test_what_is_not_media_says_what_it_is():
    page = b"<html><head><title>Council meetings</title></head><body>no embed</body></html>"
    assert not_media(Recording(page, "https://council.example/live", "text/html")) == (
        "an HTML page (title 'Council meetings'), not a media file"
    )
    assert not_media(Recording(b"%PDF-1.7 ...", "https://council.example/agenda", "application/pdf")) == (
        "not a media file (application/pdf: a PDF file)"
    )
    assert not_media(Recording(b"anything", "https://council.example/x", "video/mp4")) is None
