"""A recording fetched over http(s) by the polite client, within TRANSCRIBE_MAX_BYTES."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from councilwatch.webcasts.services import import_webcast
from councilwatch.webcasts.types import TranscriptionError


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(recording, settings):
    settings.HTTP_RATE_LIMIT = 0
    handler = functools.partial(_Quiet, directory=str(recording[0].parent))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}/{recording[0].name}"
    httpd.shutdown()


@pytest.mark.django_db
def test_a_recording_by_url_is_fetched_and_transcribed(served, meeting, document_storage, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    document = import_webcast(meeting.pk, served)
    meeting.refresh_from_db()
    assert (document.source_url, meeting.webcast_url) == (served, served)
    assert document.extraction_error == ""
    assert document.segments.filter(item__number="3").exists()


@pytest.mark.django_db
def test_a_recording_over_the_size_cap_is_not_downloaded(served, meeting, document_storage, settings):
    settings.TRANSCRIBE_MAX_BYTES = 50_000
    with pytest.raises(TranscriptionError, match=r"could not fetch http://127\.0\.0\.1:\d+/meeting\.wav: .*50000"):
        import_webcast(meeting.pk, served)
    assert not meeting.documents.exists()
