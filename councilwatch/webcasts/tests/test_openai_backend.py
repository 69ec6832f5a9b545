"""The OpenAI-compatible backend against a server on 127.0.0.1 that speaks /v1/audio/transcriptions."""

import io
import json
import threading
import wave
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from councilwatch.webcasts.backends import OpenAIBackend
from councilwatch.webcasts.transcribe import transcribe_samples
from councilwatch.webcasts.types import SAMPLE_RATE, TranscriptionError


class _Handler(BaseHTTPRequestHandler):
    received: list[dict] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        message = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + body
        )
        fields = {
            part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
            for part in message.iter_parts()
        }
        with wave.open(io.BytesIO(fields["file"])) as wav:
            seconds = wav.getnframes() / wav.getframerate()
        _Handler.received.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "model": fields["model"].decode(),
             "format": fields["response_format"].decode(), "seconds": seconds}
        )  # fmt: skip
        if fields["model"] == b"broken":
            self.send_response(500)
            self.end_headers()
            return
        answer = {"text": "hello there", "segments": [{"start": 1.0, "end": 2.5, "text": " Chunk heard. "}]}
        payload = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def server(settings):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    _Handler.received = []
    settings.TRANSCRIBE_OPENAI_URL = f"http://127.0.0.1:{httpd.server_port}/v1"
    settings.TRANSCRIBE_OPENAI_KEY = "secret-token"
    settings.TRANSCRIBE_OPENAI_MODEL = "large-v3"
    yield httpd
    httpd.shutdown()


def test_chunks_are_posted_as_wav_and_their_segments_shifted(server, tmp_path):
    samples = (0.1 * np.sin(np.arange(25 * SAMPLE_RATE) / 10)).astype(np.float32)  # 25 s: chunks of 10, 10, 5
    args = {"language": "en", "chunk_seconds": 10, "checkpoint": tmp_path / "c.json", "key": "k"}
    segments = transcribe_samples(samples, OpenAIBackend(), **args)
    assert [(s.start, s.end, s.text) for s in segments] == [
        (1.0, 2.5, "Chunk heard."),
        (11.0, 12.5, "Chunk heard."),
        (21.0, 22.5, "Chunk heard."),
    ]
    assert [r["seconds"] for r in _Handler.received] == [10, 10, 5]
    first = _Handler.received[0]
    assert first["path"] == "/v1/audio/transcriptions"
    assert first["auth"] == "Bearer secret-token"
    assert (first["model"], first["format"]) == ("large-v3", "verbose_json")


def test_a_failing_server_is_a_clear_error(server, settings):
    settings.TRANSCRIBE_OPENAI_MODEL = "broken"
    with pytest.raises(TranscriptionError, match=r"transcription server at http://127\.0\.0\.1:\d+/v1/audio/.*500"):
        OpenAIBackend().transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32), "en")
