"""Recordings built from real text for tests, the demo and the benchmark: espeak-ng voices joined by sox.

No real UK webcast audio is shipped, so a "meeting" is read aloud: each turn by a voice of its own (several
voices stand for several speakers), with a pause between turns. Needs Debian's ``espeak-ng`` and ``sox``.
"""

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

VOICES = ("en-gb", "en-us", "en-gb-x-rp", "en-gb-scotland")
GAP_SECONDS = 0.7


@dataclass(frozen=True)
class Turn:
    voice: str
    text: str


@dataclass(frozen=True)
class Spoken:
    """Where a turn lies in the built recording, in seconds."""

    start: float
    end: float
    turn: Turn


def _run(args: list[str]) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _seconds(path: Path) -> float:
    return float(_run(["soxi", "-D", str(path)]).strip())


def build_recording(turns: list[Turn], out: Path) -> list[Spoken]:
    """Write ``out`` (a WAV, or any format sox writes by extension) and return each turn's place in it."""
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is not installed (make system-packages installs it)")
    work = out.parent / f".{out.stem}-parts"
    work.mkdir(parents=True, exist_ok=True)
    gap = work / "gap.wav"
    _run(["sox", "-n", "-r", "22050", "-c", "1", "-b", "16", str(gap), "trim", "0", str(GAP_SECONDS)])
    parts: list[str] = []
    placed: list[Spoken] = []
    at = 0.0
    for n, turn in enumerate(turns):
        wav = work / f"{n:04d}.wav"
        _run(["espeak-ng", "-v", turn.voice, "-s", "165", "-w", str(wav), turn.text])
        length = _seconds(wav)
        placed.append(Spoken(round(at, 2), round(at + length, 2), turn))
        parts += [str(wav), str(gap)]
        at += length + GAP_SECONDS
    _run(["sox", *parts, str(out)])
    shutil.rmtree(work)
    return placed
