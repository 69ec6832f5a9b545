"""Caption files (WebVTT, SubRip) as timed segments with their speakers: a transcript somebody already wrote.

A caption file given to ``import_webcast`` (or stored as a meeting's recording) is read, not transcribed: each
cue becomes a segment with its start and end, and its speaker from a voice tag (``<v Cllr Smith>``) or a
"Name: " prefix.
"""

from __future__ import annotations

import re

from councilwatch.documents.extract.office import decode_text
from councilwatch.documents.extract.transcript import seconds, timed_cues
from councilwatch.webcasts.types import Segment

_CAPTION_START = re.compile(rb"^\s*(?:\xef\xbb\xbf)?(?:WEBVTT|\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->)")


def is_captions(data: bytes) -> bool:
    """Whether the bytes are a WebVTT or SubRip caption file (not audio or video)."""
    return bool(_CAPTION_START.match(data[:200]))


def caption_segments(data: bytes) -> list[Segment]:
    """The cues as segments, in order."""
    return [
        Segment(seconds(start), seconds(end), words, speaker)
        for start, end, speaker, words in timed_cues(decode_text(data))
    ]
