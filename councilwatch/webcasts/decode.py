"""Recording bytes -> 16 kHz mono samples, with PyAV (what faster-whisper decodes with), within the caps."""

import io

import av
import numpy as np
from django.conf import settings

from councilwatch.webcasts.types import SAMPLE_RATE, TranscriptionError

SILENCE_RMS = 1e-3  # below this the whole recording is taken as silent (espeak speech is ~0.1, room noise ~0.005)


def probe_seconds(data: bytes) -> float:
    """How long the recording lasts by its header (0.0 when it does not say), or TranscriptionError when PyAV cannot
    open it as audio or video, or it has no audio track."""
    try:
        with av.open(io.BytesIO(data)) as container:
            if not container.streams.audio:
                raise TranscriptionError("the file has no audio track")
            stream = container.streams.audio[0]
            if container.duration is not None:
                return container.duration / av.time_base
            if stream.duration is not None and stream.time_base is not None:
                return float(stream.duration * stream.time_base)
            return 0.0
    except av.error.FFmpegError as exc:
        raise TranscriptionError(f"the file is not a readable audio or video recording ({exc})") from exc


def decode(data: bytes) -> np.ndarray:
    """The recording as float32 samples at 16 kHz, or TranscriptionError saying why it cannot be used."""
    if not data:
        raise TranscriptionError("the file is empty")
    if len(data) > settings.TRANSCRIBE_MAX_BYTES:
        raise TranscriptionError(
            f"the file is {len(data):,} bytes, over the TRANSCRIBE_MAX_BYTES cap of {settings.TRANSCRIBE_MAX_BYTES:,}"
        )
    seconds = probe_seconds(data)
    cap = settings.TRANSCRIBE_MAX_SECONDS
    if seconds > cap:
        raise TranscriptionError(f"the recording lasts {seconds:.0f} s, over the TRANSCRIBE_MAX_SECONDS cap of {cap} s")
    chunks: list[np.ndarray] = []
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    try:
        with av.open(io.BytesIO(data)) as container:
            for frame in container.decode(audio=0):
                for out in resampler.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1))
                if sum(len(c) for c in chunks) > (cap + 1) * SAMPLE_RATE:
                    raise TranscriptionError(f"the recording runs past the TRANSCRIBE_MAX_SECONDS cap of {cap} s")
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except av.error.FFmpegError as exc:
        raise TranscriptionError(f"the audio could not be decoded ({exc})") from exc
    if not chunks:
        raise TranscriptionError("the audio track holds no sound")
    whole = np.concatenate(chunks)
    chunks.clear()
    samples = whole.astype(np.float32)
    del whole
    samples /= 32768.0  # in place: a 3-hour recording is 690 MB of float32
    if float(np.sqrt(np.mean(samples**2))) < SILENCE_RMS:
        raise TranscriptionError(f"the recording is silent ({len(samples) / SAMPLE_RATE:.0f} s with no sound)")
    return samples
