"""From a meeting's sources to a plan per agenda item: the evidence (with document and page) a summary may use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from councilwatch.summaries.inputs import MeetingSources, SourceDocument
from councilwatch.summaries.parsing import parse_minutes, parse_report
from councilwatch.summaries.verifier import normalise

PROCEDURAL = re.compile(
    r"^(apologies|declarations? of\b|(approval of |confirmation of )?minutes\b|substitut|"
    r"chair(man)?'?s? announcements?|urgent business|exclusion of (the )?(press|public)|date of (the )?next meeting|"
    r"election of (a )?(vice[- ])?chair|appointment of (a )?(vice[- ])?chair|questions? from the public|webcasting)",
    re.I,
)
_ABBREV = r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)(?<!\bSt)(?<!\bCllr)(?<!\be\.g)(?<!\bi\.e)(?<!\bapprox)(?<!\bPara)(?<!\bpara)"
_SPLIT = re.compile(_ABBREV + r"(?<![A-Z])(?<=[.!?])\s+(?=[\"'(]?[A-Z0-9£])")
_BULLET = re.compile(r"\s+(?:[•▪●]|-(?=\s+[A-Z]))\s+")
_LEADING = re.compile(r"^(?:\d+(?:\.\d+)+\s+|\(?[a-zA-Z0-9]{1,3}[.)]\s+|[-•–]\s*)+")


@dataclass(frozen=True)
class Evidence:
    text: str
    document: SourceDocument
    pages: tuple[int, ...]
    role: str  # decision, recommendation, summary, salient, figure, procedural

    def citations(self) -> list[dict]:
        return [self.document.citation(p) for p in self.pages]


@dataclass
class ItemPlan:
    number: str
    title: str
    procedural: bool
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def decisions(self) -> list[Evidence]:
        return [e for e in self.evidence if e.role in ("decision", "recommendation")]

    def context(self) -> list[tuple[SourceDocument, int]]:
        """The pages a model may read for this item: every page its evidence is on."""
        seen: list[tuple[SourceDocument, int]] = []
        for ev in self.evidence:
            for page in ev.pages:
                if (ev.document, page) not in seen:
                    seen.append((ev.document, page))
        return seen


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
    last = last or len(pages)
    order = list(range(first, last + 1)) + [n for n in range(1, len(pages) + 1) if not first <= n <= last]

    def find(piece: str) -> int | None:
        for number in order:
            if piece and piece in pages[number - 1]:
                return number
        return None

    start = find(target[:60]) or find(target[:25])
    end = find(target[-40:]) or start
    if start is None:
        return (first,)
    return (start,) if end in (None, start) else (start, end)


def salient(text: str, title: str, limit: int = 2) -> list[str]:
    """The sentences that carry the most: figures, decisions, words of the title; kept in their order."""
    title_words = {w for w in re.findall(r"[a-z]{4,}", title.lower())}
    scored = []
    for index, sentence in enumerate(split_sentences(text)):
        sentence = _LEADING.sub("", sentence)
        words = sentence.split()
        if not 8 <= len(words) <= 60 or sentence.isupper():
            continue
        score = 2.0 * bool(re.search(r"£\s?\d|\d+(?:\.\d+)?\s?%", sentence))
        score += 1.0 * bool(re.search(r"\b(agreed|approved|decided|recommend|proposed|will|must)\b", sentence, re.I))
        score += 0.5 * len(title_words & set(re.findall(r"[a-z]{4,}", sentence.lower())))
        score -= 0.05 * index + 1.5 * sentence.endswith("?")
        scored.append((score, index, sentence))
    best = sorted(scored, key=lambda s: (-s[0], s[1]))[:limit]
    return [s for _, _, s in sorted(best, key=lambda s: s[1])]


# What follows the last recommendation on a Kent report's front page, not part of it.
_AFTER_RECOMMENDATIONS = re.compile(
    r"(?<=[.;])\s+(?:(?:Cabinet\s+)?Members are reminded that\b|Background Documents?\b|Contact details\b).*$", re.S
)
_HEADING_NUMBER = re.compile(r"(?<![£\d.,])\b\d+\.\d+\s+(?=[A-Z][a-z])")


def _after_heading(sentence: str) -> str:
    """ "2 Revenue and Capital … Report 2.1 The attached report …" → the sentence after the paragraph number."""
    tail = _HEADING_NUMBER.split(sentence)[-1]
    return tail if tail != sentence and len(tail.split()) >= 8 else sentence


def _clip(text: str, limit: int = 900) -> str:
    if len(text) <= limit:
        return text
    cut = max(text.rfind("; ", 0, limit), text.rfind(". ", 0, limit))
    return text[: cut + 1 if cut > limit // 2 else limit].rstrip() + " …"


def _agenda(sources: MeetingSources, minutes_items: list) -> list[tuple[str, str]]:
    if sources.agenda:
        return [(a.number, a.title) for a in sources.agenda]
    return [(m.agenda_item or m.minute_number, m.title) for m in minutes_items]


def plan_outcome(sources: MeetingSources) -> list[ItemPlan]:
    """Plans from this meeting's minutes (RESOLVED text, votes, salient sentences) or its decision records."""
    minutes_doc = sources.minutes()
    minutes = parse_minutes(list(minutes_doc.pages)) if minutes_doc else None
    by_item = {(m.agenda_item or m.minute_number): m for m in (minutes.items if minutes else [])}
    plans = []
    for number, title in _agenda(sources, minutes.items if minutes else []):
        plan = ItemPlan(number, title, bool(PROCEDURAL.match(title)))
        minute = by_item.get(number)
        reports = sources.reports_for(number)
        if minute is not None and minutes_doc is not None:
            for span in minute.resolved:
                text = _clip(normalise(span.text))
                plan.evidence.append(Evidence(text, minutes_doc, locate(minutes_doc, text, span.page), "decision"))
            for vote in minute.votes:
                plan.evidence.append(Evidence(normalise(vote.text), minutes_doc, (vote.page,), "vote"))
            if plan.procedural and not minute.resolved:
                first = split_sentences(minute.text)[:1]
                for sentence in first:
                    plan.evidence.append(
                        Evidence(sentence, minutes_doc, locate(minutes_doc, sentence, minute.page), "procedural")
                    )
            elif not plan.procedural:
                body = minute.text
                for span in minute.resolved:
                    body = body.replace(normalise(span.text)[:40], " ")
                for sentence in salient(body.split("RESOLVED")[0], title, limit=2 if minute.resolved else 4):
                    pages = locate(minutes_doc, sentence, minute.page, minute.page_end)
                    plan.evidence.append(Evidence(sentence, minutes_doc, pages, "salient"))
        for decision in sources.decisions:
            if decision.item_number == number and decision.document is not None and not plan.decisions:
                page = decision.page or locate(decision.document, decision.text)[0]
                plan.evidence.append(Evidence(_clip(normalise(decision.text)), decision.document, (page,), "decision"))
        if reports and not plan.procedural:
            plan.evidence[:0] = _report_summary(reports[0])
        seen: set[str] = set()
        plan.evidence = [e for e in plan.evidence if not (e.text in seen or seen.add(e.text))]
        plans.append(plan)
    return plans


def _recommendations(spans: list) -> list[tuple[str, int]]:
    """Recommendations as sentences: a lead-in ending in ':' is joined with the parts that follow it."""
    merged: list[tuple[str, int]] = []
    for span in spans:
        text = normalise(span.text)
        if (merged and merged[-1][0].endswith(":")) or (
            merged and len(merged[-1][0]) < 700 and re.match(r"^\(?[a-zA-Z0-9]{1,3}[.)]", text)
        ):
            joiner = " " if merged[-1][0].endswith(":") else "; "
            merged[-1] = (merged[-1][0].rstrip(";. ") + joiner + text, merged[-1][1])
        else:
            merged.append((text, span.page))
    return [(_clip(_AFTER_RECOMMENDATIONS.sub("", text) or text), page) for text, page in merged]


def _report_summary(report_doc: SourceDocument) -> list[Evidence]:
    report = parse_report(list(report_doc.pages))
    summary = next((s for s in report.sections if s.kind in ("summary", "purpose")), None)
    if summary is None:
        return []
    sentence = split_sentences(summary.text)[:1]
    return [Evidence(s, report_doc, locate(report_doc, s, summary.page), "summary") for s in sentence]


def plan_preview(sources: MeetingSources) -> list[ItemPlan]:
    """Plans from the agenda and the reports: what each report is about, recommends, and its key figures."""
    plans = []
    for number, title in _agenda(sources, []):
        plan = ItemPlan(number, title, bool(PROCEDURAL.match(title)))
        # The covering report (the shortest with recommendations) speaks for the item; others add figures.
        reports = sorted(sources.reports_for(number), key=lambda d: len(d.pages))[:2]
        recommended = False
        for report_doc in reports:
            report = parse_report(list(report_doc.pages))
            if report.recommendations and not recommended:
                recommended = True
                plan.evidence[:0] = _report_summary(report_doc)
                for text, page in _recommendations(report.recommendations):
                    plan.evidence.append(Evidence(text, report_doc, locate(report_doc, text, page), "recommendation"))
            for money in report.money[:40]:
                page_text = report_doc.pages[money.page - 1]
                for sentence in split_sentences(page_text):
                    if normalise(money.text) in sentence and 8 <= len(sentence.split()) <= 50:
                        sentence = _LEADING.sub("", _after_heading(sentence))
                        plan.evidence.append(Evidence(sentence, report_doc, (money.page,), "figure"))
                        break
                if sum(e.role == "figure" for e in plan.evidence) >= 2:
                    break
        if reports and not recommended:
            plan.evidence[:0] = _report_summary(reports[0])
        seen: set[str] = set()
        plan.evidence = [e for e in plan.evidence if not (e.text in seen or seen.add(e.text))]
        plans.append(plan)
    return plans


def plan_transcript(sources: MeetingSources, per_item: int = 1) -> list[ItemPlan]:
    """Plans from a transcript filed per agenda item (e.g. QMSum topics): the most salient sentences."""
    plans = []
    for entry in sources.agenda:
        plan = ItemPlan(entry.number, entry.title, False)
        for document in (d for d in sources.documents if d.kind == "transcript" and d.item_number == entry.number):
            for sentence in salient("\n".join(document.pages), entry.title, limit=per_item):
                plan.evidence.append(Evidence(sentence, document, locate(document, sentence), "salient"))
        plans.append(plan)
    return plans
