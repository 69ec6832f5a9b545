"""Samples -> segments, chunk by chunk, with a checkpoint after each chunk so a killed run resumes there."""

import json
import logging
import os
from pathlib import Path

import numpy as np
from tqdm import tqdm

from councilwatch.webcasts.backends import Backend
from councilwatch.webcasts.types import SAMPLE_RATE, Segment

log = logging.getLogger(__name__)


def _load(path: Path, key: str) -> tuple[int, list[Segment]]:
    try:
        saved = json.loads(path.read_text())
    except (OSError, ValueError):
        return 0, []
    if saved.get("key") != key:
        return 0, []
    return int(saved["done"]), [Segment(**s) for s in saved["segments"]]


def _save(path: Path, key: str, done: int, segments: list[Segment]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_text(json.dumps({"key": key, "done": done, "segments": [s.__dict__ for s in segments]}))
    os.replace(partial, path)  # a kill mid-write leaves the last whole checkpoint


def transcribe_samples(
    samples: np.ndarray,
    backend: Backend,
    *,
    language: str,
    chunk_seconds: int,
    checkpoint: Path,
    key: str,
) -> list[Segment]:
    """Every chunk's segments, shifted to recording time; chunks already in ``checkpoint`` (same key) are skipped."""
    size = max(chunk_seconds, 1) * SAMPLE_RATE
    starts = list(range(0, len(samples), size))
    done, segments = _load(checkpoint, key)
    if done:
        log.info("resuming at chunk %d of %d from the checkpoint %s", done + 1, len(starts), checkpoint)
    for index in tqdm(range(done, len(starts)), initial=done, total=len(starts), unit="chunk", disable=None):
        offset = starts[index]
        found = backend.transcribe(samples[offset : offset + size], language)
        shift = offset / SAMPLE_RATE
        segments += [Segment(round(s.start + shift, 2), round(s.end + shift, 2), s.text, s.speaker) for s in found]
        _save(checkpoint, key, index + 1, segments)
        log.info("transcribed chunk %d of %d (%d segments)", index + 1, len(starts), len(found))
    return segments
