"""A meeting's own papers read aloud as a stand-in webcast (the demo's recording; no real UK webcast is shipped).

The chair (one voice) announces each agenda item by number and title; a member (another voice) then reads the
first prose sentences of that item's papers as extracted. The text is the council's; only the announcements
are ours. Needs espeak-ng and sox (``webcasts/synth.py``).
"""

import re
from pathlib import Path

from councilwatch.documents.models import DocumentKind, DocumentPage
from councilwatch.meetings.models import AgendaItem, Meeting
from councilwatch.webcasts.synth import VOICES, Spoken, Turn, build_recording

SENTENCES_PER_ITEM = 2
MAX_ITEMS = 6
_SENTENCE = re.compile(r"(?<=[.?!])\s+(?=[A-Z])")


def _prose(text: str) -> list[str]:
    """Sentences of running prose: at least 12 words, mostly lower case, no page furniture."""
    flat = re.sub(r"\s+", " ", text)
    out = []
    for sentence in _SENTENCE.split(flat):
        words = sentence.split()
        letters = [c for c in sentence if c.isalpha()]
        if 12 <= len(words) <= 45 and letters and sum(c.islower() for c in letters) / len(letters) > 0.8:
            out.append(sentence.strip())
    return out


def item_passage(item: AgendaItem) -> str:
    pages = DocumentPage.objects.filter(document__item=item).exclude(document__kind=DocumentKind.TRANSCRIPT)
    sentences: list[str] = []
    for text in pages.order_by("document_id", "number").values_list("text", flat=True)[:6]:
        sentences += _prose(text)
        if len(sentences) >= SENTENCES_PER_ITEM:
            break
    return " ".join(sentences[:SENTENCES_PER_ITEM])


def read_meeting_aloud(meeting_id: int, out: Path) -> list[Spoken]:
    """Build ``out`` from the meeting's agenda and papers; ValueError when no item has readable prose."""
    meeting = Meeting.objects.get(pk=meeting_id)
    chair, members = VOICES[0], VOICES[1:]
    turns = [Turn(chair, f"Good morning and welcome to this meeting of the {meeting.committee or meeting.title}.")]
    told = 0
    for item in meeting.items.order_by("order"):
        passage = item_passage(item)
        if not passage or not item.number:
            continue
        turns.append(Turn(chair, f"We move on to item {item.number}, {item.title.rstrip('.')}."))
        turns.append(Turn(members[told % len(members)], passage))
        told += 1
        if told == MAX_ITEMS:
            break
    if not told:
        raise ValueError(f"meeting {meeting_id} has no agenda item with extracted prose to read")
    out.parent.mkdir(parents=True, exist_ok=True)
    return build_recording(turns, out)
