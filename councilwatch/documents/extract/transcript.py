"""Plain text and caption files (.txt, .vtt, .srt) as pages: chunks of about a printed page each.

Captions keep their timing and speaker on every line: ``[00:01:05] Chair: Welcome everyone``.
"""

import re

from councilwatch.documents.extract.office import decode_text
from councilwatch.documents.extract.types import ExtractedPage, ExtractionError, Limits

PAGE_CHARS = 3000  # about one printed A4 page
_TIMING = re.compile(
    r"^\s*(?P<start>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?P<end>(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3})"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAGS = re.compile(r"</?[^>]+>")
_SPEAKER_PREFIX = re.compile(r"^(?P<who>[A-Z][\w .'’-]{0,40}?)\s*:\s+(?P<said>.+)$")


def chunk(lines: list[str], size: int = PAGE_CHARS) -> list[str]:
    """Group lines into pages of about ``size`` characters without cutting a line."""
    pages: list[list[str]] = [[]]
    length = 0
    for line in lines:
        if pages[-1] and length + len(line) > size:
            pages.append([])
            length = 0
        pages[-1].append(line)
        length += len(line) + 1
    return ["\n".join(p).strip() for p in pages]


def _pages(texts: list[str]) -> list[ExtractedPage]:
    texts = [t for t in texts if t] or [""]
    return [ExtractedPage(n, t, "text" if t else "none") for n, t in enumerate(texts, start=1)]


def extract_text(data: bytes, limits: Limits, warn: list[str]) -> list[ExtractedPage]:
    if len(data) > limits.max_text_bytes:
        raise ExtractionError(f"the text file is larger than the {limits.max_text_bytes // 1_000_000} MB cap")
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:  # form feeds are page breaks
        return _pages([t.strip() for t in text.split("\f")])
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        while len(block) > PAGE_CHARS:  # one huge paragraph: cut at a space
            cut = block.rfind(" ", 0, PAGE_CHARS)
            cut = cut if cut > 0 else PAGE_CHARS
            paragraphs.append(block[:cut])
            block = block[cut:].strip()
        if block:
            paragraphs.append(block + "\n")
    return _pages(chunk(paragraphs))


def _clock(stamp: str) -> str:
    stamp = stamp.replace(",", ".").split(".")[0]
    parts = stamp.split(":")
    if len(parts) == 2:
        parts.insert(0, "00")
    return ":".join(p.zfill(2) for p in parts)


def seconds(stamp: str) -> float:
    """'00:01:05.250' or '01:05,250' → 65.25."""
    parts = stamp.replace(",", ".").split(":")
    return sum(float(p) * 60**i for i, p in enumerate(reversed(parts)))


def cues(text: str) -> list[tuple[str, str, str]]:
    """(start time hh:mm:ss, speaker or "", words) for every cue of a WebVTT or SubRip file."""
    return [(_clock(start), speaker, words) for start, _end, speaker, words in timed_cues(text)]


def timed_cues(text: str) -> list[tuple[str, str, str, str]]:
    """(start, end as printed, speaker or "", words) for every cue: the speaker from a voice tag
    (``<v Cllr Smith>``) or a "Name: " prefix."""
    out: list[tuple[str, str, str, str]] = []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        for i, line in enumerate(lines):
            timing = _TIMING.match(line)
            if not timing:
                continue
            said_lines = lines[i + 1 :]
            raw = " ".join(said_lines)
            voice = _VOICE.search(raw)
            speaker = voice.group(1).strip() if voice else ""
            words = re.sub(r"\s+", " ", _TAGS.sub("", raw)).strip()
            if not speaker:
                prefixed = _SPEAKER_PREFIX.match(words)
                if prefixed:
                    speaker, words = prefixed["who"].strip(), prefixed["said"].strip()
            if words:
                out.append((timing["start"], timing["end"], speaker, words))
            break
    return out


def extract_captions(data: bytes, limits: Limits, warn: list[str]) -> list[ExtractedPage]:
    if len(data) > limits.max_text_bytes:
        raise ExtractionError(f"the caption file is larger than the {limits.max_text_bytes // 1_000_000} MB cap")
    found = cues(decode_text(data))
    if not found:
        raise ExtractionError("the caption file has no timed cues (no 'hh:mm:ss --> hh:mm:ss' lines)")
    lines: list[str] = []
    previous_speaker = None
    for start, speaker, words in found:
        if speaker and speaker == previous_speaker and lines:
            lines[-1] = f"{lines[-1]} {words}"  # one speaker's consecutive cues make one line
            continue
        lines.append(f"[{start}] {speaker}: {words}" if speaker else f"[{start}] {words}")
        previous_speaker = speaker or None
    return _pages(chunk(lines))
