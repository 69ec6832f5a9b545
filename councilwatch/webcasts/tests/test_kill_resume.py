"""A transcription killed with SIGKILL resumes at its checkpoint: the real `councilwatch import_webcast --now` in
a child process on this test's database, killed once a chunk is checkpointed, then run again."""

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import councilwatch
from councilwatch.core.testing import database_url
from councilwatch.webcasts.backends import get_backend
from councilwatch.webcasts.decode import decode
from councilwatch.webcasts.models import TranscriptSegment
from councilwatch.webcasts.services import checkpoint_path
from councilwatch.webcasts.transcribe import transcribe_samples
from councilwatch.webcasts.types import SAMPLE_RATE

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

ROOT = Path(councilwatch.__file__).resolve().parents[1]  # the checkout holding this councilwatch package
CHUNK_SECONDS = 15  # the 66 s recording in 5 chunks of about a second's work each


def _done(checkpoint: Path) -> int:
    """Chunks the checkpoint says are finished (it is replaced whole, never written in place)."""
    try:
        return int(json.loads(checkpoint.read_text())["done"])
    except FileNotFoundError:
        return 0


def _kill_after_first_chunk(child: subprocess.Popen, checkpoint: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if child.poll() is not None:
            raise AssertionError(f"the transcription ended (exit {child.returncode}) before a chunk was checkpointed")
        if _done(checkpoint) >= 1:
            os.kill(child.pid, signal.SIGKILL)
            child.wait(30)
            return
        time.sleep(0.02)
    raise AssertionError(f"no chunk was checkpointed in {checkpoint} within {timeout}s")


def test_a_transcription_killed_with_sigkill_resumes_at_its_checkpoint(recording, meeting, settings, tmp_path):
    path = recording[0]
    samples = decode(path.read_bytes())
    chunks = -(-len(samples) // (CHUNK_SECONDS * SAMPLE_RATE))
    assert chunks >= 5
    settings.VAR_DIR = tmp_path / "var"
    checkpoint = checkpoint_path(hashlib.sha256(path.read_bytes()).hexdigest(), "faster_whisper")
    command = [sys.executable, "-m", "councilwatch", "import_webcast", str(meeting.pk), str(path), "--now"]
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url(),
        "COUNCILWATCH_VAR_DIR": str(settings.VAR_DIR),
        "DOCUMENT_STORAGE_DIR": str(tmp_path / "documents"),
        "TRANSCRIBE_BACKEND": "faster_whisper",
        "TRANSCRIBE_CHUNK_SECONDS": str(CHUNK_SECONDS),
        "LOG_LEVEL": "INFO",
    }

    with (tmp_path / "killed.log").open("w") as log:
        child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        _kill_after_first_chunk(child, checkpoint)
    assert child.returncode == -signal.SIGKILL
    done = _done(checkpoint)  # whole JSON whatever the kill interrupted: the checkpoint is replaced with os.replace
    assert 1 <= done < chunks, f"killed with {done} of {chunks} chunks done: not a kill in the middle"
    assert not TranscriptSegment.objects.filter(document__meeting=meeting).exists()

    started = time.monotonic()
    again = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    print(f"killed after {done} of {chunks} chunks; the resumed run took {time.monotonic() - started:.1f}s")
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"resuming at chunk {done + 1} of {chunks} from the checkpoint" in again.stderr
    transcribed = [int(n) for n in re.findall(rf"transcribed chunk (\d+) of {chunks}\b", again.stderr)]
    assert transcribed == list(range(done + 1, chunks + 1))  # the chunks done before the kill are not done again
    assert again.stderr.count("Processing audio with duration") == chunks - done  # faster-whisper's line per call
    assert not checkpoint.exists()  # dropped once the transcript is saved

    resumed = TranscriptSegment.objects.filter(document__meeting=meeting).order_by("index")
    whole = transcribe_samples(
        samples,
        get_backend("faster_whisper"),
        language=settings.TRANSCRIBE_LANGUAGE,
        chunk_seconds=CHUNK_SECONDS,
        checkpoint=tmp_path / "uninterrupted.json",
        key="uninterrupted",
    )
    assert len(whole) > chunks
    assert list(resumed.values_list("start", "end", "text")) == [(s.start, s.end, s.text) for s in whole]
