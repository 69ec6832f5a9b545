"""The matters of one item's minutes, as the minutes head them, and sentences that name their speaker.

Parish and community council minutes file several matters under one item ("Updates:- A466 Road Closure – …
Speed Monitoring System – …"; "8.4 Allotments. …"): each is told by its own sentence, under its heading. A
sentence opening with "He" or "She" names the member the sentence before it opened with, so it can be told
alone ("She also reported that the application … was refused" → "Cllr Richards also reported that …").
"""

from __future__ import annotations

import re

from councilwatch.summaries.verifier import normalise

SUBHEADING = re.compile(
    r"(?:^|(?<=[.\s]))(?P<number>\d{1,3}(?:\.\d{1,2}){1,2})\.?\s+(?P<heading>[A-Z][^.:;?!]{2,70}?)[.:]\s"
)
# "A466 Road Closure – Notification received from MCC …": a matter of the item headed by a phrase and a dash
DASH_HEADING = re.compile(
    r"(?:^|(?<=[.:]\s)|(?<=:-\s))(?P<heading>[A-Z][\w&'’/() -]{2,60}?)\s+[–-]\s+(?P<said>[A-Z][^.]{10,}?\.)"
)
HEADING_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|should|could|can|may|must|did|does|advised|reported|"
    r"agreed|noted|said|asked|explained|confirmed)\b|£|\b\d",  # a number, not a road (A466)
    re.I,
)
_MOST_MATTERS = 6
_PERSON = re.compile(
    r"^(?P<name>(?:County\s+)?Cllrs?\.?\s+(?:(?:Mrs?|Ms|Dr)\.?\s+)?(?:[A-Z]\.\s*)*[A-Z][\w'’-]+"
    r"|(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?:[A-Z]\.\s*)*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"\s+(?:also\s+|then\s+)?(?:reported|said|explained|asked|stated|confirmed|advised|informed|raised|gave|"
    r"had|has|was|thought|felt|suggested|added|outlined|noted)\b"
)
_PRONOUN = re.compile(r"^(?:He|She)\s+(?=(?:also\s+|then\s+)?[a-z]+ed\b|(?:also\s+|then\s+)?(?:said|gave|had|was)\b)")


def headings(text: str) -> list[tuple[int, int, str]]:
    """The sub-headings of an item's (normalised) text, in order, as (where it starts, where its matter's text
    starts, heading): a phrase of up to eight words that is no sentence (no verb, sum or number) and whose
    first sentence is no list entry (no sum; after a dash, four words or more)."""
    cuts = [
        (m.start(), m.start("said"), m["heading"].strip())
        for m in DASH_HEADING.finditer(text)
        if len(m["said"].split()) >= 4
    ]
    cuts += [(m.start(), m.end(), m["heading"].strip()) for m in SUBHEADING.finditer(text)]
    return sorted(
        (start, said, heading)
        for start, said, heading in cuts
        if len(heading.split()) <= 8
        and not HEADING_VERB.search(heading)
        and "£" not in text[said : said + 200].split(".")[0]
    )


def matters(text: str) -> list[tuple[str, str]]:
    """An item's text as (heading, text) per matter, in order; [('', text)] when it heads fewer than two."""
    text = normalise(text)
    cuts = headings(text)
    if len(cuts) < 2:
        return [("", text)]
    out = [("", text[: cuts[0][0]])] if text[: cuts[0][0]].strip() else []
    for (_, said, heading), following in zip(cuts, [c[0] for c in cuts[1:]] + [len(text)], strict=True):
        out.append((heading, text[said:following].strip()))
    return [(heading, said) for heading, said in out if said][: _MOST_MATTERS + 1]


def named_speakers(sentences: list[str]) -> list[str]:
    """'She also reported …' after 'Cllr Richards reported …' → 'Cllr Richards also reported …'."""
    out: list[str] = []
    speaker = ""
    for sentence in sentences:
        pronoun = _PRONOUN.match(sentence)
        if pronoun and speaker:
            sentence = f"{speaker} {sentence[pronoun.end() :]}"
        person = _PERSON.match(sentence)
        speaker = person["name"] if person else (speaker if pronoun else "")
        out.append(sentence)
    return out
