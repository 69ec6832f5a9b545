""" "What was said" in each item's section, from the meeting's transcript segments aligned to its agenda items.

Extractive, like the papers' composer: per item, the opening remarks after the chair's announcement, the
segments that give figures, and the questions asked, each told in the speaker's own words and cited to the
segment's time (``Citation.seconds``). Every sentence is checked against its own segment only (figures and
names must be in the cited segment), with the same verifier as for papers.
"""

from collections import defaultdict

from councilwatch.summaries.body import Citation, ItemSection, Said
from councilwatch.summaries.verifier import Verification, check_sentence, extract_facts
from councilwatch.webcasts.align import ItemRef, announced
from councilwatch.webcasts.models import TranscriptSegment

MAX_SAID = 4  # sentences per item


def _told(segment: TranscriptSegment) -> str:
    """The segment as a sentence of the summary: the speaker's own words, with who said them where known."""
    text = segment.text.strip()
    text = text if text[-1:] in ".?!" else text + "."
    asked = text.endswith("?")
    if segment.speaker:
        return f"{segment.speaker} {'asked' if asked else 'said'}: “{text}”"
    return f"{'Asked' if asked else 'Said'}: “{text}”"


def _worth_telling(segment: TranscriptSegment, first: bool) -> bool:
    if first:
        return True
    facts = extract_facts(segment.text)
    return segment.text.rstrip().endswith("?") or bool(facts.numbers or facts.money or facts.percents)


def said_for_item(segments: list[TranscriptSegment], verification: Verification) -> list[Said]:
    """Up to MAX_SAID verified sentences from one item's segments (in speaking order)."""
    out: list[Said] = []
    opening = True
    for segment in segments:
        if opening and announced(segment.text, [_ref(segment)]):
            continue  # the chair's "we move on to item 3" is not what was said about it
        if not _worth_telling(segment, opening):
            continue
        opening = False
        text = _told(segment)
        cite = Citation(segment.document_id, segment.document.title, segment.page, seconds=segment.start)
        evidence = f"{segment.speaker}: {segment.text}" if segment.speaker else segment.text
        if check_sentence(text, evidence, verification):
            out.append(Said(text, (cite,)))
        if len(out) == MAX_SAID:
            break
    return out


def _ref(segment: TranscriptSegment) -> ItemRef:
    item = segment.item
    return ItemRef(item.pk, item.number, item.title)


def add_spoken(sections: list[ItemSection], meeting_id: int | None, verification: Verification) -> None:
    """Fill ``said`` of each section whose item has transcript segments."""
    if meeting_id is None:
        return
    by_number: dict[str, list[TranscriptSegment]] = defaultdict(list)
    rows = TranscriptSegment.objects.filter(document__meeting_id=meeting_id, item__isnull=False)
    for segment in rows.select_related("item", "document").order_by("document_id", "index"):
        by_number[segment.item.number].append(segment)
    for section in sections:
        section.said = [s for number in section.numbers for s in said_for_item(by_number.get(number, []), verification)]
