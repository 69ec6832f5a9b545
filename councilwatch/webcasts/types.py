"""What a transcription backend returns, and the one error every failure becomes."""

from dataclasses import dataclass

SAMPLE_RATE = 16_000  # Whisper models take 16 kHz mono


@dataclass(frozen=True)
class Segment:
    start: float  # seconds from the start of the recording
    end: float
    text: str
    speaker: str = ""


class TranscriptionError(Exception):
    """A recording could not be transcribed; the message is the reason a person will read."""
