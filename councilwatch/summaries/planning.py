"""From a meeting's stored structure to a plan per agenda item: the evidence (document and page) a summary may use.

Everything comes from what reading the papers found (``MeetingSources``): the item's decisions and motions
(this meeting's own records only), its part of this meeting's minutes, its report's summary, recommendations
and figures. Sentences that need their neighbours to make sense ("At that meeting …", "The project …") are
never picked alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from councilwatch.summaries.inputs import MeetingSources, MotionEntry, SourceDocument, SpanEntry
from councilwatch.summaries.matters import headings, matters, named_speakers
from councilwatch.summaries.plain import Part, decision_parts, minutes_part, payments_part
from councilwatch.summaries.verifier import normalise

PROCEDURAL = re.compile(
    r"^(apologies|welcome|declarations? of\b|(approval of |confirmation of |to confirm |to approve )?(the )?minutes\b|"
    r"substitut|chair(man)?'?s? announcements?|urgent business|exclusion of (the )?(press|public)|"
    r"date (and time )?of (the )?next meeting|election of (a )?(vice[- ])?chair|appointment of (a )?(vice[- ])?chair|"
    r"webcasting|introduction|any other business|police report|to receive apologies|to report declarations|"
    r"to consider accepting apologies|approval of (the )?minutes|matters arising|closure)",
    re.I,
)
_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bSt)(?<!\bCllr)(?<!\be\.g)(?<!\bi\.e)(?<!\bapprox)(?<!\bPara)(?<!\bpara)"
_SPLIT = re.compile(_ABBREV + r"(?<![A-Z])(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9£])")
_BULLET = re.compile(r"\s+(?:[•▪●]|-(?=\s+[A-Z]))\s+")
_LEADING = re.compile(r"^(?:\d+(?:\.\d+)+\s+|\(?[a-zA-Z0-9]{1,3}[.)]\s+|[-•–]\s*)+")
# Sentences that lean on what came before them, or on another meeting.
CONTEXTUAL = re.compile(
    r"^(?:at\s+(?:that|this|the\s+same|its)\s+meeting|this\s+(?:item|project|scheme|proposal|report|decision|was|is)|"
    r"these|those|such|it\s|they\s|he\s|she\s|the\s+(?:project|scheme|proposal|above|latter|former)\b|"
    r"in\s+(?:addition|response)|further(?:more)?,|also,|however,|as\s+(?:a\s+result|such)|following\s+(?:this|that)|"
    r"previously|last\s+(?:year|month)|the\s+(?:same|following)\b)"
    r"|.*\b(?:this\s+item|in\s+attendance\s+for|were\s+present\s+for)\b",
    re.I,
)
_PRESENTED = re.compile(
    r"\b(?:considered\s+(?:a|the)\s+report|(?:presented|introduced|outlined|summarised)\s+(?:the|a|his|her)\s+report|"
    r"report\s+(?:which|that)\s+(?:sought|set\s+out|provided|presented|outlined|appraised)|sought\s+approval|"
    r"(?:gave|provided)\s+(?:an?\s+)?(?:update|presentation|overview))\b",
    re.I,
)
_NEXT = re.compile(
    r"\b(?:will\s+(?:return|come\s+back|be\s+(?:reported|presented|considered|brought))|would\s+return|"
    r"referred\s+to\s+(?:full\s+)?council|call[- ]in|deadline\s+for|consultation\s+(?:will|would)\s+(?:run|take\s+place|begin)|"
    r"next\s+(?:meeting|report)|report\s+back)\b",
    re.I,
)
_NEXT_MEETING = re.compile(
    r"^(?:to\s+(?:confirm|note|agree|fix)\s+(?:the\s+)?)?(?:date|time|date\s+and\s+time|time\s+and\s+date)s?"
    r"(?:\s+and\s+(?:time|venue|place))?\s+of\s+(?:the\s+)?next\s+meeting",
    re.I,
)
_WHEN = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s+\d{1,2}(?:st|nd|rd|th)?\b"
)
_DECISIONISH = re.compile(
    r"\b(?:resolved|agreed|approved|moved|seconded|carried(?!\s+out)|lost|vote|voting|abstention)", re.I
)


@dataclass(frozen=True)
class Evidence:
    text: str
    document: SourceDocument
    pages: tuple[int, ...]
    role: str  # decision, recommendation, summary, presented, figure, vote, amendment, participation, next, procedural
    motion: MotionEntry | None = None

    def citations(self) -> list[dict]:
        pages = self.pages if len(self.pages) != 2 else tuple(range(self.pages[0], self.pages[1] + 1))
        return [self.document.citation(p) for p in pages]


@dataclass
class ItemPlan:
    number: str
    title: str
    procedural: bool
    evidence: list[Evidence] = field(default_factory=list)
    participation: dict[str, int] = field(default_factory=dict)
    reading: list[tuple[SourceDocument, int]] = field(default_factory=list)  # the item's own pages, for a model

    @property
    def decisions(self) -> list[Evidence]:
        return [e for e in self.evidence if e.role in ("decision", "recommendation")]

    def of(self, *roles: str) -> list[Evidence]:
        return [e for e in self.evidence if e.role in roles]

    def context(self) -> list[tuple[SourceDocument, int]]:
        """The pages a model may read for this item: every page its evidence is on."""
        seen: list[tuple[SourceDocument, int]] = []
        for ev in self.evidence:
            for page in ev.pages:
                if (ev.document, page) not in seen:
                    seen.append((ev.document, page))
        return seen + [p for p in self.reading if p not in seen]


def text_before(evidence: Evidence, title: str) -> str:
    """The item's text on the evidence's page before it (the table of payments a decision approves)."""
    if not evidence.pages or not 0 < evidence.pages[0] <= len(evidence.document.pages):
        return ""
    page = normalise(evidence.document.pages[evidence.pages[0] - 1])
    at = page.find(normalise(evidence.text)[:40])
    before = page[:at] if at > 0 else ""
    start = before.lower().rfind(title.lower()[:30]) if title.strip() else -1
    return before[start:] if start >= 0 else before[-3000:]


def subheading(evidence: Evidence, title: str) -> str:
    """The sub-heading of the item the evidence is printed under: numbered ('8.4 Allotments.' → 'Allotments'),
    or a phrase and a dash ('A466 Road Closure – Notification received …'), as parish and community council
    minutes head the matters of one item. '' when there is none, or it is a sentence or a list entry."""
    found = headings(text_before(evidence, title))
    if not found:
        return ""
    heading = found[-1][2]
    return "" if heading.lower() in title.lower() else heading


def parts_of(evidence: Evidence, plan: ItemPlan) -> list[Part]:
    """The actions of a decision: an approved schedule of payments as its total, else its parsed parts."""
    told = minutes_part(plan.title, evidence.text) or payments_part(
        plan.title, evidence.text, text_before(evidence, plan.title)
    )
    return [told] if told is not None else decision_parts(evidence.text)


def split_sentences(text: str) -> list[str]:
    text = _BULLET.sub(". ", normalise(text))
    return [
        s.strip(" .") + "." if not s.strip().endswith((".", "!", "?")) else s.strip()
        for s in _SPLIT.split(text)
        if s.strip(" .")
    ]


def locate(document: SourceDocument, snippet: str, first: int = 1, last: int | None = None) -> tuple[int, ...]:
    """The pages a snippet of ``document`` starts and ends on (searching ``first``..``last`` first)."""
    pages = [normalise(p) for p in document.pages]
    target = normalise(snippet).removesuffix(" …")
    last = min(last or len(pages), len(pages))
    order = list(range(first, last + 1)) + [n for n in range(1, len(pages) + 1) if not first <= n <= last]

    def find(piece: str) -> int | None:
        for number in order:
            if piece and 1 <= number <= len(pages) and piece in pages[number - 1]:
                return number
        return None

    start = find(target[:60]) or find(target[:25])
    end = find(target[-40:]) or start
    if start is None:
        return (first,)
    return (start,) if end in (None, start) else (start, end)


def _decision_pages(decision) -> tuple[int, ...]:
    """The pages a decision runs over: from the page it starts on to the page its last words are on."""
    document, first = decision.document, decision.page or 1
    pages = [normalise(p) for p in document.pages]
    tail = normalise(decision.text)[-40:]
    for last in range(first, min(first + 3, len(pages) + 1)):
        if tail and tail in pages[last - 1]:
            return (first,) if last == first else (first, last)
    return (first, min(first + 1, len(pages))) if len(pages) > first else (first,)


def _standalone(sentence: str, most: int = 45) -> bool:
    """A sentence that says something by itself: prose of a sensible length, not a list entry or a question."""
    words = sentence.split()
    lower = sum(1 for w in words if w[:1].islower())
    return (
        8 <= len(words) <= most
        and lower >= 0.4 * len(words)
        and not CONTEXTUAL.match(sentence)
        and not sentence.endswith("?")
        and not sentence.isupper()
    )


def _worth(sentence: str, title_words: set[str]) -> float:
    """How much a sentence of the minutes tells: figures and dates, the item's own words, what was raised."""
    score = 2.0 * bool(re.search(r"£\s?\d|\d+(?:\.\d+)?\s?%|\b\d{2,}\b", sentence))
    score += 1.0 * bool(_DATE.search(sentence))
    score += 0.4 * len(title_words & set(re.findall(r"[a-z]{4,}", sentence.lower())))
    score += 0.8 * bool(re.search(r"\b(?:confirmed|highlighted|explained|asked|raised|concern|noted that)\b", sentence))
    return score


# "BMM A/C £7,117.48, Community A/C £4,341.32.": accounts and their sums, told under the item's title
_SUMS_ONLY = re.compile(r"^(?:[A-Z][\w/&'’ .-]{1,40}?\s+£\s?\d[\d,]*(?:\.\d+)?(?:,\s*|\.?$))+$")


def _tellable(sentence: str, lead: bool = False) -> bool:
    if _SUMS_ONLY.match(sentence):
        return True
    return (
        _standalone(sentence, 70 if lead else 45) and not _DECISIONISH.search(sentence) and not _NEXT.search(sentence)
    )


def _best(sentences: list[str], title: str, limit: int, lead: float = 0.0) -> list[str]:
    """The ``limit`` sentences that tell most; a matter's first sentence (``lead`` > 0) gains ``lead`` and may be
    longer. A list of sums is told under the title."""
    title_words = set(re.findall(r"[a-z]{4,}", title.lower()))
    scored = [
        (_worth(s, title_words) + (lead if i == 0 else 0.0) - 0.03 * i, i, s)
        for i, s in enumerate(sentences)
        if _tellable(s, lead=bool(lead) and i == 0)
    ]
    return [s for _, _, s in sorted(scored, reverse=True)[:limit]]


def _minutes_evidence(span: SpanEntry, title: str, limit: int, decided: tuple[str, ...] = ()) -> list[Evidence]:
    """What the minutes say was presented and raised: the report's purpose, then sentences with figures — one
    a matter where the item heads several ("Closed Footway opposite Prospect Cottage – MCC …"), told under its
    heading; never a sentence of the item's decisions (those are told as decisions)."""
    told = " ".join(normalise(d) for d in decided)

    def sentences_of(text: str) -> list[str]:
        said = named_speakers([_shorter(_LEADING.sub("", s)) for s in split_sentences(text)])
        return [s for s in said if normalise(s)[:50] not in told]

    everything = sentences_of(span.text)
    picked = [s for s in everything if _PRESENTED.search(s) and _standalone(s) and not _DECISIONISH.search(s)][:1]
    parts = matters(span.text)
    if len(parts) < 2:
        picked += _best([s for s in everything if s not in picked], title, max(0, limit - len(picked)))
        picked.sort(key=everything.index)
        return [_presented_evidence(s, span, title) for s in picked]
    out = [_presented_evidence(s, span, title) for s in picked]
    for heading, text in parts:
        for sentence in _best([s for s in sentences_of(text) if s not in picked], heading or title, 1, 1.5):
            out.append(_presented_evidence(sentence, span, heading or title, heading))
    return out


def _shorter(sentence: str) -> str:
    """A long sentence without its asides in brackets, where they make it long: '… was refused on the 17th
    September on the basis that there was a contravention of Policy H4 & T2 (structures being converted …).'"""
    if len(sentence.split()) <= 45:
        return sentence
    return re.sub(r"\s*\([^()]{3,}\)", "", sentence)


def _under(heading: str, sentence: str) -> str:
    """'Japanese Knotweed re-application: Second application was carried out …' (the heading, unless the
    sentence opens with it)."""
    if not heading:
        return sentence
    if sentence.startswith(heading):
        return f"{heading}: {sentence[len(heading) :].lstrip(' -–:')}"
    return f"{heading}: {sentence}"


def _presented_evidence(sentence: str, span: SpanEntry, title: str, heading: str = "") -> Evidence:
    """The sentence as told: under its matter's heading, a list of sums under the item's title."""
    pages = locate(span.document, sentence, span.page, span.page_end)
    if heading:  # a matter that runs on to the next page: its heading's page is cited too
        first = min(locate(span.document, heading, span.page, span.page_end)[0], pages[0])
        pages = (first,) if first == pages[-1] else (first, pages[-1])
    told = _under(heading or (title.strip(" .:-") if _SUMS_ONLY.match(sentence) else ""), sentence)
    return Evidence(told, span.document, pages, "presented")


def _next_steps(span: SpanEntry) -> list[Evidence]:
    out = []
    for sentence in split_sentences(span.text):
        if _NEXT.search(sentence) and _standalone(sentence):
            out.append(
                Evidence(sentence, span.document, locate(span.document, sentence, span.page, span.page_end), "next")
            )
    return out[:2]


def _next_meeting(span: SpanEntry) -> list[Evidence]:
    """'Date of next meeting: July 29th.' → 'The next meeting is on July 29th.' (the date as printed)."""
    first = next(iter(split_sentences(span.text)), "").strip()
    if not first or not _WHEN.search(first) or len(first.split()) > 25:
        return []
    if not re.match(r"^(?:the\s+)?next\b", first, re.I):
        first = f"The next meeting is on {first[:1].lower() + first[1:] if first[:4] == 'The ' else first}"
    first = first.rstrip(" .,;:") + "."
    pages = locate(span.document, split_sentences(span.text)[0], span.page, span.page_end)
    return [Evidence(first, span.document, pages, "next")]


def _report_evidence(span: SpanEntry, *, recommendations: bool, figures: int) -> list[Evidence]:
    structure = span.structure or {}
    out: list[Evidence] = []
    summary = structure.get("summary") or {}
    if summary.get("text"):
        first = next((s for s in split_sentences(summary["text"]) if _standalone(s) or len(s.split()) >= 6), "")
        if first:
            out.append(
                Evidence(_LEADING.sub("", first), span.document, (int(summary.get("page") or span.page),), "summary")
            )
    if recommendations:
        for rec in structure.get("recommendations") or []:
            out.append(
                Evidence(normalise(rec["text"]), span.document, (int(rec.get("page") or span.page),), "recommendation")
            )
    for figure in (structure.get("figures") or [])[:figures]:
        text = _LEADING.sub("", normalise(figure["text"]))
        if _standalone(text):
            out.append(Evidence(text, span.document, (int(figure.get("page") or span.page),), "figure"))
    return out


_ASKS = re.compile(r"^to\s+(?:consider|approve|agree|note|receive|adopt|endorse|decide|confirm)\b", re.I)


def _asked_on_the_agenda(sources: MeetingSources, number: str, title: str, procedural: bool) -> list[Evidence]:
    """Before a meeting, an item without a report's recommendations: what its agenda entry says it will be asked
    ("To consider and approve the minutes from the 23 March 2026 …"); for a procedural item only approving the
    minutes of a dated meeting."""
    entry = next((a for a in sources.agenda if a.number == number), None)
    text = normalise(entry.description) if entry else ""
    first = split_sentences(text)[0] if text else ""
    if not _ASKS.match(first) or len(first.split()) > 45:
        return []
    if procedural and not (re.search(r"\bminutes\b", title, re.I) and _WHEN.search(first)):
        return []
    for document in (d for d in sources.documents if d.kind in ("agenda", "page") and d.pages):
        if any(first[:40] in normalise(page) for page in document.pages):
            return [Evidence(first, document, locate(document, first), "recommendation")]
    return []


def _item_plan(sources: MeetingSources, number: str, title: str, kind: str) -> ItemPlan:
    plan = ItemPlan(number, title, bool(PROCEDURAL.match(title)))
    plan.participation = dict(sources.participation.get(number) or {})
    reports = sorted(sources.spans_for(number, "report"), key=lambda s: (s.page_end - s.page, s.document.title))
    if kind == "outcome":
        own = {d.id for d in sources.own_records()}
        for decision in sources.decisions:
            if decision.item_number != number:
                continue
            if decision.document is not None and decision.document.id not in own:
                continue  # another meeting's minutes never speak for this one
            if decision.document is None:
                continue
            plan.evidence.append(
                Evidence(normalise(decision.text), decision.document, _decision_pages(decision), "decision")
            )
        spans = {s.document.id: s for s in sources.spans_for(number, "minutes", "page", "decision")}
        for motion in sources.motions:
            if motion.item_number == number and motion.document is not None and motion.document.id in own:
                role = "amendment" if motion.kind == "amendment" else "vote"
                first = motion.page or 1
                span = spans.get(motion.document.id)
                last = min(first + 1, span.page_end) if span else first
                pages = (first,) if last == first else (first, last)  # a vote's names run on to the next page
                plan.evidence.append(Evidence(motion.label, motion.document, pages, role, motion))
        minutes = [s for s in sources.spans_for(number, "minutes", "page") if s.document.id in own and s.text]
        if minutes and plan.participation:
            span = minutes[0]
            pages = tuple(range(span.page, span.page_end + 1))
            plan.evidence.append(Evidence(span.heading, span.document, pages, "participation"))
        elif plan.participation:  # counted from papers of questions and statements: the pages of their last entries
            for document, page in sources.participation_pages.get(number, []):
                plan.evidence.append(Evidence(document.title, document, (page,), "participation"))
        if minutes and _NEXT_MEETING.match(title):
            plan.evidence.extend(_next_meeting(minutes[0]))
        if minutes and not plan.procedural:
            decided = tuple(e.text for e in plan.of("decision"))
            plan.evidence.extend(_minutes_evidence(minutes[0], title, 2 if plan.decisions else 3, decided))
            plan.evidence.extend(_next_steps(minutes[0]))
        if reports and not plan.procedural and not plan.of("presented"):
            plan.evidence[:0] = _report_evidence(reports[0], recommendations=False, figures=0)[:1]
    else:
        recommended = False
        for span in reports[:2]:
            found = _report_evidence(span, recommendations=not recommended, figures=2)
            recommended = recommended or any(e.role == "recommendation" for e in found)
            plan.evidence.extend(found)
        if not recommended:
            plan.evidence.extend(_asked_on_the_agenda(sources, number, title, plan.procedural))
    seen: set[str] = set()
    plan.evidence = [
        e
        for e in plan.evidence
        if e.motion is not None or not (e.text in seen or seen.add(e.text))  # type: ignore[func-returns-value]
    ]
    own_spans = [s for s in sources.spans_for(number, "minutes", "page") if kind == "outcome"] or reports[:1]
    for span in own_spans[:1]:
        plan.reading = [(span.document, p) for p in range(span.page, min(span.page_end, span.page + 5) + 1)]
    return plan


def plan_meeting(sources: MeetingSources, kind: str) -> list[ItemPlan]:
    """One plan per agenda item, in order; business the minutes record before the first item (the election
    of a chair for the meeting) is planned as a procedural item of its own."""
    plans = [_item_plan(sources, entry.number, entry.title, kind) for entry in sources.agenda]
    if kind == "outcome" and any(d.item_number is None and d.document for d in sources.decisions):
        heading = next((s.heading for s in sources.spans if s.item_number is None and s.role == "minutes"), "")
        before = _item_plan(sources, None, heading or "Before the agenda", kind)  # type: ignore[arg-type]
        before.procedural, before.number = True, ""
        plans.insert(0, before)
    return plans


def plan_transcript(sources: MeetingSources, per_item: int = 1) -> list[ItemPlan]:
    """Plans from a transcript filed per agenda item (e.g. QMSum topics): the most salient sentences."""
    plans = []
    for entry in sources.agenda:
        plan = ItemPlan(entry.number, entry.title, False)
        for document in (d for d in sources.documents if d.kind == "transcript" and d.item_number == entry.number):
            text = "\n".join(document.pages)
            span = SpanEntry(entry.number, document, "minutes", 1, len(document.pages), entry.title, text)
            plan.evidence.extend(_minutes_evidence(span, entry.title, per_item))
        plans.append(plan)
    return plans
