"""Reading a meeting's papers: one pure function from the papers to everything their structure says.

``read_meeting(meeting, papers)`` decides, for a meeting and all its papers:

1. each paper's kind (the one classifier), language, and — for minutes and decision records — whose
   proceedings it records: this meeting's only when its own printed date is the meeting's (or the platform
   says so and nothing printed contradicts it); another meeting's, or "cannot tell", is never an outcome;
2. the agenda items: the platform's, else a ModernGov meeting page's, else the agenda (a frontsheet or the
   front of a reports pack), else the headings of this meeting's own minutes;
3. the sections of the papers per item: a report filed under an item (by the platform, its name, or the
   "Agenda Item N" stamps of a reports pack), the item's part of this meeting's minutes, its decision form;
4. from this meeting's own records only: decisions, motions and votes, attendance, public participation.

Papers in two languages are read once, from the English; the other is linked to it as its translation.
Nothing here touches the database: ``ingest/reading.py`` loads the papers and saves what is read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from councilwatch.documents.classify import agenda_item_hint, classify_paper
from councilwatch.documents.structure.agenda import parse_agenda, report_stamps
from councilwatch.documents.structure.align import item_for_title, normal_number
from councilwatch.documents.structure.decisions import decision_blocks, find_decisions, outcome_of
from councilwatch.documents.structure.language import detect_language
from councilwatch.documents.structure.lines import Line, flat
from councilwatch.documents.structure.meeting_page import is_meeting_page, parse_meeting_page
from councilwatch.documents.structure.mentions import find_dates
from councilwatch.documents.structure.minutes import parse_minutes
from councilwatch.documents.structure.motions import find_motions
from councilwatch.documents.structure.notices import parse_decision_notice
from councilwatch.documents.structure.participation import PUBLIC_ITEM, paper_participation
from councilwatch.documents.structure.report import parse_report
from councilwatch.documents.structure.types import AgendaEntry, AttendanceEntry, Motion, Participation, Span

READER_VERSION = "2.4"
PROCEEDINGS_KINDS = ("minutes", "decision", "page")


@dataclass(frozen=True)
class Paper:
    """One paper of the meeting as the reader sees it."""

    key: str  # the document's identity (its primary key as text, or a file name)
    title: str
    pages: tuple[str, ...]
    emphasis: tuple[tuple[str, ...] | None, ...] | None = None
    url: str = ""
    media_type: str = ""
    markup: str = ""  # the HTML itself, for a meeting page
    kind: str = ""  # the kind the platform gave (ModernGov ?T=), trusted first
    item: str | None = None  # the agenda item the platform filed it under
    own_minutes: bool = False  # the platform says these are this meeting's printed minutes


@dataclass(frozen=True)
class MeetingFacts:
    date: str  # YYYY-MM-DD, local
    committee: str = ""
    items: tuple[AgendaEntry, ...] = ()  # the platform's agenda items, if it has them
    minutes_text: dict[str, str] = field(default_factory=dict)  # the platform's minutes text per item number


@dataclass(frozen=True)
class PaperRead:
    key: str
    kind: str
    language: str = ""
    translation_of: str | None = None
    proceedings: str = ""  # this | other | unknown | ""
    printed_date: str = ""
    item: str | None = None
    note: str = ""


@dataclass(frozen=True)
class SpanRead:
    """A part of a paper that belongs to one item: its report, its minute, its decision form entry."""

    item: str | None
    paper: str
    role: str  # report | minutes | decision | previous_minutes | agenda | page
    page: int
    page_end: int
    heading: str = ""
    text: str = ""
    structure: dict = field(default_factory=dict)  # a report's title, summary, recommendations, figures, terms


@dataclass(frozen=True)
class DecisionRead:
    item: str | None
    text: str
    outcome: str
    paper: str
    page: int
    source: str  # minutes | notice | page | platform
    key: str


@dataclass(frozen=True)
class MotionRead:
    item: str | None
    paper: str
    motion: Motion


@dataclass(frozen=True)
class AttendanceRead:
    entry: AttendanceEntry
    paper: str


@dataclass(frozen=True)
class ParticipationRead:
    item: str | None
    paper: str
    entry: Participation


@dataclass
class MeetingRead:
    papers: list[PaperRead] = field(default_factory=list)
    items: list[AgendaEntry] = field(default_factory=list)
    items_source: str = ""  # platform | page | agenda | minutes
    spans: list[SpanRead] = field(default_factory=list)
    decisions: list[DecisionRead] = field(default_factory=list)
    motions: list[MotionRead] = field(default_factory=list)
    attendance: list[AttendanceRead] = field(default_factory=list)
    participation: list[ParticipationRead] = field(default_factory=list)
    participation_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # item → {"questions": n}
    notes: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """'outcome' when this meeting's own proceedings were read, else 'preview'."""
        own = any(p.proceedings == "this" for p in self.papers)
        return "outcome" if own or any(d.source == "platform" for d in self.decisions) else "preview"


def _emphasis(paper: Paper) -> list[list[str] | None] | None:
    return [list(e) if e is not None else None for e in paper.emphasis] if paper.emphasis is not None else None


def _kind(paper: Paper) -> str:
    if paper.markup and is_meeting_page(paper.markup):
        return "page"
    text = "\n".join(paper.pages[:2])
    classified = classify_paper(paper.title, paper.url, paper.media_type, text)
    # The same rule whichever way the paper came; the platform's kind only where the papers say nothing.
    return paper.kind if classified == "other" and paper.kind else classified


def _printed_date(paper: Paper, kind: str) -> str:
    """The meeting date a record of proceedings prints near its top (minutes heading, decision form line)."""
    if kind == "minutes":
        return parse_minutes(list(paper.pages[:2]), _emphasis(paper)[:2] if paper.emphasis else None).date
    head = "\n".join("\n".join(page.splitlines()[:30]) for page in paper.pages[:1])
    dates = find_dates([head])
    return dates[0].iso if dates else ""


def _whose(paper: Paper, kind: str, meeting: MeetingFacts) -> tuple[str, str, str]:
    """(proceedings, printed date, note) for a record of proceedings."""
    if kind == "page":
        page = parse_meeting_page(paper.markup) if paper.markup else None
        printed = find_dates([page.title]) if page else []
        date = printed[0].iso if printed else ""
        if date and date != meeting.date:
            return "other", date, f"the meeting page is of {date}"
        if page is None or not any(item.decision or item.minutes for item in page.items):
            return "", date, "the platform's page of this meeting, with its agenda only (no minutes or decisions yet)"
        return "this", date, "the platform's page of this meeting"
    printed = _printed_date(paper, kind)
    if printed and printed == meeting.date:
        return "this", printed, "its printed date is the meeting's"
    if printed:
        return "other", printed, f"these are the proceedings of {printed}, not of this meeting ({meeting.date})"
    if paper.own_minutes:
        return "this", "", "the platform gives them as this meeting's printed minutes"
    return "unknown", "", "no printed date could be read, so they are not taken as this meeting's"


def _pair_translations(papers: list[Paper], reads: dict[str, PaperRead]) -> None:
    """A Welsh paper of the same kind as an English one (and of similar length) is its translation."""
    for paper in papers:
        read = reads[paper.key]
        if read.language != "cy":
            continue
        twins = [
            p
            for p in papers
            if reads[p.key].language == "en"
            and reads[p.key].kind == read.kind
            and abs(len(p.pages) - len(paper.pages)) <= max(1, len(p.pages) // 3)
        ]
        if twins:
            twin = reads[twins[0].key]
            reads[paper.key] = PaperRead(
                paper.key,
                read.kind,
                "cy",
                twins[0].key,
                twin.proceedings,
                twin.printed_date,
                read.item,
                f"the Welsh text of {twins[0].title}; read from the English",
            )


def _report_structure(pages: Sequence[str], offset: int = 0) -> dict:
    """What a preview needs of a report: title, its summary sentence, recommendations, figures, terms."""
    report = parse_report(list(pages))
    summary = next((s for s in report.sections if s.kind in ("summary", "purpose") and s.text.strip()), None)
    figures: list[dict] = []
    seen: set[str] = set()
    for money in sorted(report.money[:200], key=lambda m: -m.amount):
        page_text = flat(pages[money.page - 1]) if money.page <= len(pages) else ""
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", page_text):
            if money.text in sentence and 8 <= len(sentence.split()) <= 50 and sentence not in seen:
                seen.add(sentence)
                figures.append({"text": sentence, "page": money.page + offset, "amount": money.amount})
                break
        if len(figures) >= 8:
            break
    return {
        "title": report.title,
        "summary": {"text": summary.text[:1200], "page": summary.page + offset} if summary else None,
        "recommendations": [{"text": r.text, "page": r.page + offset} for r in report.recommendations],
        "figures": figures,
        "acronyms": report.acronyms,
    }


def _agenda(
    papers: list[Paper], reads: dict[str, PaperRead], meeting: MeetingFacts
) -> tuple[list[AgendaEntry], str, Paper | None]:
    if meeting.items:
        return list(meeting.items), "platform", None
    for paper in papers:
        if reads[paper.key].kind == "page" and paper.markup:
            page = parse_meeting_page(paper.markup)
            if page.items:
                entries = [AgendaEntry(i.number, i.title, 1, i.description) for i in page.items]
                return entries, "page", paper
    agendas = [p for p in papers if reads[p.key].kind == "agenda" and reads[p.key].translation_of is None]
    agendas.sort(key=lambda p: (len(p.pages) > 12, "pack" in p.title.lower(), len(p.pages)))
    for paper in agendas:
        entries = parse_agenda(list(paper.pages), _emphasis(paper))
        if len(entries) >= 2:
            return entries, "agenda", paper
    return [], "", None


def _minutes_items(paper: Paper) -> list[AgendaEntry]:
    minutes = parse_minutes(list(paper.pages), _emphasis(paper))
    return [
        AgendaEntry(m.agenda_item or m.minute_number, m.title, m.page)
        for m in minutes.items
        if m.agenda_item or m.minute_number
    ]


def _lines(text: str) -> list[Line]:
    return [Line(line.strip(), 1) for line in text.splitlines() if line.strip()]


def _add_decisions(read: MeetingRead, item: str | None, spans: list[Span], paper: str, source: str) -> None:
    for n, span in enumerate(spans):
        key = f"{source}:{paper}:{item or '-'}:{n}"
        read.decisions.append(DecisionRead(item, span.text, outcome_of(span.text), paper, span.page, source, key))


def _carried_motions(read: MeetingRead, number: str, motions: list[Motion], paper: str) -> None:
    """A motion carried (or lost) with no RESOLVED of its own is itself the decision (its words, as put)."""
    told = " ".join(flat(d.text).lower() for d in read.decisions if d.item == number)
    for n, motion in enumerate(motions):
        proposal = flat(motion.proposes)
        if "”" in proposal:  # the words put to the vote, as the minutes quote them
            proposal = proposal.split("”")[0]
        proposal = re.sub(r"^[“\"]?\s*Recommendations?\s+\w+\.?\s+", "", proposal).strip(' “”"')
        if len(proposal.split()) < 6 and motion.record and len(motion.record.split()) <= 60:
            # "Cllr A proposed approval; Cllr B seconded; Carried.": too short alone, the record is the decision
            proposal = motion.record
        if motion.kind not in ("motion", "recommendation") or len(proposal.split()) < 4 or motion.parent:
            continue
        if motion.outcome not in ("carried", "lost") or motion.label == "Substantive motion":
            continue
        if proposal.lower()[:40] in told:
            continue
        if motion.outcome == "lost":  # a recommendation voted down is a decision too: not to do it
            outcome = "rejected"
        else:
            outcome = outcome_of(proposal) if outcome_of(proposal) != "other" else "approved"
        key = f"motion:{paper}:{number}:{n}"
        read.decisions.append(DecisionRead(number, proposal, outcome, paper, motion.page, "minutes", key))


def _read_minutes(read: MeetingRead, paper: Paper, items: list[AgendaEntry], *, attendance: bool) -> None:
    minutes = parse_minutes(list(paper.pages), _emphasis(paper), items or None)
    if attendance:
        for entry in [*minutes.present, *minutes.in_attendance, *minutes.apologies]:
            read.attendance.append(AttendanceRead(entry, paper.key))
    for minute in minutes.items:
        number = minute.agenda_item or minute.minute_number or None
        read.spans.append(
            SpanRead(number, paper.key, "minutes", minute.page, minute.page_end, minute.title, minute.text)
        )
        _add_decisions(read, number, minute.resolved, paper.key, "minutes")
        _carried_motions(read, number, minute.motions, paper.key)
        read.motions.extend(MotionRead(number, paper.key, m) for m in minute.motions)
        read.participation.extend(ParticipationRead(number, paper.key, p) for p in minute.participation)
        if minute.participation_counts:
            read.participation_counts[number] = dict(minute.participation_counts)


_PARTICIPATION_PAPER = re.compile(r"\b(?:questions?|statements?|petitions?|deputations?)\b", re.I)


def _read_participation_papers(
    read: MeetingRead, papers: list[Paper], reads: dict[str, PaperRead], items: list[AgendaEntry]
) -> None:
    """Questions or statements published as papers of their own ("Public questions and Mayor's responses"):
    their entries and counts, for their item (or the agenda's public participation item), where this
    meeting's minutes did not already count them."""
    public = next((i.number for i in items if PUBLIC_ITEM.search(i.title)), None)
    counted: dict[str, dict[str, int]] = {}
    for paper in papers:
        info = reads[paper.key]
        if info.kind in PROCEEDINGS_KINDS or info.kind == "agenda" or not _PARTICIPATION_PAPER.search(paper.title):
            continue
        item = info.item or public
        if item is None or item in read.participation_counts:
            continue
        entries, counts = paper_participation(paper.pages)
        read.participation.extend(ParticipationRead(item, paper.key, entry) for entry in entries)
        for kind, count in counts.items():
            counted.setdefault(item, {})[kind] = counted.get(item, {}).get(kind, 0) + count
    read.participation_counts.update(counted)


def _read_reports(
    read: MeetingRead, papers: list[Paper], reads: dict[str, PaperRead], items: list[AgendaEntry]
) -> None:
    for paper in papers:
        info = reads[paper.key]
        if info.translation_of or not paper.pages:
            continue
        if info.kind in ("report", "supplement", "appendix") and info.item:
            structure = _report_structure(paper.pages) if info.kind != "appendix" else {}
            read.spans.append(SpanRead(info.item, paper.key, "report" if info.kind != "appendix" else "appendix",
                                       1, len(paper.pages), paper.title, "", structure))  # fmt: skip
        elif info.kind == "agenda" and len(paper.pages) > 4:
            for number, (first, last) in report_stamps(list(paper.pages)).items():
                item = next((i for i in items if normal_number(i.number) == number), None)
                if item is None:
                    continue
                section = paper.pages[first - 1 : last]
                role = (
                    "previous_minutes"
                    if re.match(r"(?:approval of |confirmation of )?minutes\b", item.title, re.I)
                    else "report"
                )
                structure = _report_structure(section, first - 1) if role == "report" else {}
                read.spans.append(SpanRead(item.number, paper.key, role, first, last, item.title, "", structure))


def _file_papers(papers: list[Paper], reads: dict[str, PaperRead], items: list[AgendaEntry]) -> None:
    """The item each report, supplement or appendix belongs to: the platform's filing, else its title."""
    for paper in papers:
        info = reads[paper.key]
        if info.kind not in ("report", "supplement", "appendix", "decision") or info.item:
            continue
        number, _decision = agenda_item_hint(paper.title)
        item = None
        if number:
            item = next((i for i in items if normal_number(i.number) == normal_number(number)), None)
        if item is None:
            item = item_for_title(paper.title, items)
        if item is None and info.kind in ("report", "supplement") and paper.pages:
            item = item_for_title(parse_report(list(paper.pages[:3])).title, items, threshold=0.85)
        if item is not None:
            reads[paper.key] = PaperRead(**{**info.__dict__, "item": item.number})


def read_meeting(meeting: MeetingFacts, papers: Sequence[Paper]) -> MeetingRead:
    """Everything the papers of one meeting say, in records (see the module docstring)."""
    papers = [p for p in papers if p.pages or p.markup]
    read = MeetingRead()
    reads: dict[str, PaperRead] = {}
    for paper in papers:
        kind = _kind(paper)
        language = detect_language(" ".join(paper.pages[:3]))
        reads[paper.key] = PaperRead(paper.key, kind, language, item=paper.item)
    for paper in papers:
        info = reads[paper.key]
        if info.kind in PROCEEDINGS_KINDS and info.language != "cy":
            proceedings, printed, note = _whose(paper, info.kind, meeting)
            reads[paper.key] = PaperRead(
                **{**info.__dict__, "proceedings": proceedings, "printed_date": printed, "note": note}
            )
    _pair_translations(papers, reads)
    items, source, _ = _agenda(papers, reads, meeting)
    own = [p for p in papers if reads[p.key].proceedings == "this" and reads[p.key].translation_of is None]
    own_minutes = [p for p in own if reads[p.key].kind == "minutes"]
    if not items and own_minutes:
        items, source = _minutes_items(own_minutes[0]), "minutes"
    read.items, read.items_source = items, source
    _file_papers(papers, reads, items)
    _read_reports(read, papers, reads, items)
    for n, paper in enumerate(own_minutes):
        _read_minutes(read, paper, items, attendance=n == 0)
    _read_participation_papers(read, papers, reads, items)
    decided = {d.item for d in read.decisions}
    for paper in own:
        kind = reads[paper.key].kind
        if kind == "decision":
            notice = parse_decision_notice(list(paper.pages), _emphasis(paper), items)
            if not read.attendance:
                read.attendance.extend(AttendanceRead(e, paper.key) for e in notice.attendance)
            for entry in notice.entries:
                read.spans.append(
                    SpanRead(entry.item, paper.key, "decision", entry.page, entry.page_end, entry.heading, entry.text)
                )
                if entry.item not in decided:
                    _add_decisions(read, entry.item, entry.decisions, paper.key, "notice")
        elif kind == "page" and paper.markup:
            for item in parse_meeting_page(paper.markup).items:
                lines = _lines(item.decision or item.minutes)
                if not lines:
                    continue
                blocks = [span for span, _, _ in decision_blocks(lines)] or find_decisions(lines)
                spans = blocks or [Span("\n".join(line.text for line in lines), 1)]
                read.spans.append(
                    SpanRead(item.number, paper.key, "page", 1, 1, item.title, "\n".join(x.text for x in lines))
                )
                if item.number not in decided:
                    _add_decisions(read, item.number, spans, paper.key, "page")
                read.motions.extend(MotionRead(item.number, paper.key, m) for m in find_motions(lines))
                if item.truncated:
                    read.notes.append(f"item {item.number}: the meeting page shows only the start of the decision")
    for number, text in meeting.minutes_text.items():
        lines = _lines(text)
        if lines and number not in {d.item for d in read.decisions}:
            _add_decisions(read, number, find_decisions(lines), "platform", "platform")
            read.motions.extend(MotionRead(number, "platform", m) for m in find_motions(lines))
    read.papers = [reads[p.key] for p in papers]
    for info in read.papers:
        if info.proceedings in ("other", "unknown"):
            read.notes.append(f"{info.key}: {info.note}")
    return read
