"""Printed minutes: attendance, one section per item, and in each its decisions, motions, votes and public
participation — whatever the council's layout.

Sections are found from the numbered headings of the minutes (``numbering``), by one of two rules:

* with the meeting's agenda at hand, the headings are *aligned* to the agenda's items in order, by title and
  by number (or the "(Item N)" line ModernGov councils print under each minute), so "84. Apologies (Item 1)"
  is item 1 and a numbered line inside an item (a statement in a public-forum list) matches nothing;
* without it, the minutes' own best run of headings is taken: numbers rising one by one, set apart by the
  layout, titles rather than list entries.

The lists at the top (PRESENT, IN ATTENDANCE, Apologies …) give attendance; an "Apologies" item adds the
apologies and substitutes it records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from councilwatch.core.text import name_key
from councilwatch.documents.structure.agenda import title_of
from councilwatch.documents.structure.align import Titled, align, normal_number
from councilwatch.documents.structure.attendance import LABEL, apologies_in_item, parse_header, substitutes_in_text
from councilwatch.documents.structure.decisions import find_decisions
from councilwatch.documents.structure.lines import Line, flat, join_lines, page_lines, split_sentences
from councilwatch.documents.structure.mentions import find_dates
from councilwatch.documents.structure.motions import find_motions
from councilwatch.documents.structure.numbering import (
    Candidate,
    best_run,
    candidates,
    dominant_style,
    heading_likeness,
    is_anchor,
    style_penalty,
    uses_emphasis,
)
from councilwatch.documents.structure.participation import find_participation
from councilwatch.documents.structure.similarity import title_similarity
from councilwatch.documents.structure.types import AttendanceEntry, Declaration, MinuteItem, Minutes, Motion, Vote

_GLUED = re.compile(r"^(?P<before>.*[.!?])\s+(?P<heading>\d{1,4}\.\s+[A-Z][^.]{2,60})$")
_ITEM_REF = re.compile(r"\b(?:agenda\s+)?(?:items?|minute)\s+(?:no\.?\s*)?(\d{1,4}[a-z]?)\b", re.IGNORECASE)
_APOLOGIES_TITLE = re.compile(r"apolog|absence|ymddiheuriadau", re.I)


def _unglue(lines: list[Line]) -> list[Line]:
    """'… six members of the public. 1. Apologies': a heading run on at the end of a paragraph gets its line."""
    out: list[Line] = []
    for line in lines:
        match = _GLUED.match(line.text)
        if match and len(match["heading"].split()) <= 8:
            out.append(Line(match["before"], line.page, line.strong))
            out.append(Line(match["heading"], line.page, line.strong))
        else:
            out.append(line)
    return out


def _full_title(c: Candidate, lines: Sequence[Line], stop: int) -> tuple[str, int]:
    """The minute's title and the first line of its body: up to a "(Item N)" line where there is one."""
    if c.anchor:
        end = next((k for k in range(c.index + 1, min(stop, c.index + 5)) if is_anchor(lines[k].text)), c.index)
        parts = [c.title] + [lines[k].text for k in range(c.index + 1, end)]
        return flat(" ".join(parts)).strip(" -–"), end + 1
    return title_of(c, lines, stop)


def _headings(
    lines: Sequence[Line], found: list[Candidate], agenda: Sequence[Titled] | None
) -> list[tuple[Candidate, str | None]]:
    """The candidates that head the minutes' sections, each with the agenda item it records (if known)."""
    emphasis = uses_emphasis(lines)

    def likeness(c: Candidate) -> float:
        return heading_likeness(c, lines, emphasis, in_minutes=True)

    if agenda:

        def score(item: Titled, c: Candidate) -> float:
            similarity = title_similarity(item.title, f"{c.title} {c.rest}" if len(c.title.split()) < 3 else c.title)
            number = normal_number(item.number)
            same = (
                3.0
                if c.anchor and normal_number(c.anchor) == number
                else 1.5
                if normal_number(c.number) == number
                else 0.0
            )
            if c.anchor and normal_number(c.anchor) != number:
                same -= 2.0
            return 3.0 * similarity + same + 0.6 * likeness(c) - 1.8

        matched = align(agenda, found, score)
        if matched:
            return [(found[j], agenda[i].number) for j, i in sorted(matched.items())]
    start = lambda c: 0.3 if c.value <= 1 else 0.0  # noqa: E731
    anchored = [c for c in found if c.anchor]
    if len(anchored) >= 2:  # ModernGov prints "(Item N)" under every minute: those are the headings
        return [(c, c.anchor) for c in anchored]
    run = best_run(found, likeness, start_bonus=start)
    style = dominant_style(run)
    if style is not None:  # a second pass, knowing how this paper numbers its headings
        run = best_run(found, lambda c: likeness(c) + style_penalty(c, style), start_bonus=start)
    if len(run) < 2 and not any(c.anchor for c in run):
        return []
    return [(c, c.anchor) for c in run]


def _before_the_first(lines: Sequence[Line], header_end: int) -> MinuteItem | None:
    """Business before the first numbered minute ("Election of Chair", when the chair was absent), if any."""
    labels = [i for i, line in enumerate(lines[:header_end]) if LABEL.match(line.text)]
    if not labels:
        return None
    rest = list(lines[labels[-1] + 1 : header_end])
    for k, line in enumerate(rest):
        text = line.text.strip()
        if len(text.split()) <= 8 and "," not in text and not text.endswith((")", ".", ";")) and text[:1].isupper():
            body = rest[k + 1 :]
            decisions, motions = find_decisions(body), find_motions(body)
            if not decisions and not motions:
                return None
            return MinuteItem(
                minute_number="", agenda_item=None, title=text, text=join_lines(body), resolved=decisions,
                votes=_votes(motions), page=line.page, page_end=body[-1].page if body else line.page, motions=motions,
            )  # fmt: skip
    return None


def _settled(motions: list[Motion], decisions: list) -> list[Motion]:
    """A motion whose result the minutes do not print was carried when a RESOLVED after it records the decision."""
    out = []
    for motion in motions:
        later = [d for d in decisions if d.page >= motion.page and re.match(r"^(?:\S+\s+)?RESOLVED\b", d.text)]
        if not motion.outcome and motion.kind in ("motion", "recommendation") and later:
            motion = replace(motion, outcome="carried")
        out.append(motion)
    return out


def _declarations(item: MinuteItem, body: Sequence[Line]) -> list[Declaration]:
    out: list[Declaration] = []
    is_declarations_minute = "declaration" in item.title.lower() or "interest" in item.title.lower()
    text = flat(" ".join(line.text for line in body))
    page = body[0].page if body else item.page
    for sentence in split_sentences(text):
        lower = sentence.lower()
        if re.search(r"\bno (?:declarations|interests)\b|\bnone\b|\bwere no\b|\bthere were none\b", lower):
            continue
        declared = re.search(r"\bdeclared\b|\bdeclaration\b", lower) and "interest" in lower
        if not declared and not (is_declarations_minute and "interest" in lower):
            continue
        member_match = re.match(
            r"^(?P<who>.+?)\s+(?:again\s+)?(?:declared|made a declaration|had an interest)", sentence
        )
        member = member_match["who"] if member_match else ""
        ref = _ITEM_REF.search(sentence)
        out.append(Declaration(member=member, item=ref.group(1) if ref else None, text=sentence, page=page))
    return out


def _votes(motions: list[Motion]) -> list[Vote]:
    """The counted votes, in the simpler shape earlier readers use."""
    votes = []
    for motion in motions:
        if motion.votes_for is None and motion.votes_against is None:
            continue
        text = f"{motion.label}: For ({motion.votes_for}), Against ({motion.votes_against})"
        if motion.votes_abstain is not None:
            text += f", Abstain ({motion.votes_abstain})"
        outcome = f"{motion.label} {motion.outcome}." if motion.outcome else ""
        votes.append(Vote(motion.votes_for, motion.votes_against, motion.votes_abstain, text, motion.page, outcome))
    return votes


_TITLE_LINE = re.compile(r"\bminutes\b|\bmeeting\b|\bheld\b|\bcofnodion\b|\bcyfarfod\b", re.I)


def _printed(lines: Sequence[Line], header_end: int) -> tuple[str, str]:
    """The minutes' printed heading and the meeting's date as printed at the top: the first date on a line that
    says minutes or meeting (a web page's menus come first), else the first date near the top."""
    top = list(lines[: max(min(header_end, 60), 14)])
    for n, line in enumerate(top):
        if _TITLE_LINE.search(line.text):
            dates = find_dates([" ".join(x.text for x in top[n : n + 2])])
            if dates:
                return flat(" ".join(x.text for x in top[max(0, n - 3) : n + 2]))[:300], dates[0].iso
    dates = find_dates(["\n".join(line.text for line in top[:14])])
    return flat(" ".join(line.text for line in top[:6]))[:300], (dates[0].iso if dates else "")


def parse_minutes(
    pages: list[str], emphasis: list[list[str] | None] | None = None, agenda: Sequence[Titled] | None = None
) -> Minutes:
    """Parse printed minutes given page by page (index 0 is page 1), aligned to ``agenda`` when given."""
    lines = _unglue(page_lines(pages, emphasis))
    found = candidates(lines)
    headings = _headings(lines, found, agenda)
    header_end = headings[0][0].index if headings else len(lines)
    lists = parse_header(lines[:header_end])
    items: list[MinuteItem] = []
    first = _before_the_first(lines, header_end) if headings else None
    if first is not None:
        items.append(first)
    declarations: list[Declaration] = []
    apologies = list(lists["apologies"])
    present = list(lists["present"])
    for n, (heading, agenda_item) in enumerate(headings):
        end = headings[n + 1][0].index if n + 1 < len(headings) else len(lines)
        title, body_start = _full_title(heading, lines, end)
        body = ([Line(heading.rest, heading.line.page)] if heading.rest else []) + list(lines[body_start:end])
        decisions = find_decisions(body)
        motions = _settled(find_motions(body), decisions)
        participation, counts = find_participation(title, body)
        item = MinuteItem(
            minute_number=heading.number,
            agenda_item=agenda_item,
            title=title,
            text=join_lines(body),
            resolved=decisions,
            votes=_votes(motions),
            page=heading.line.page,
            page_end=(body[-1].page if body else heading.line.page),
            motions=motions,
            participation=participation,
            participation_counts=counts,
        )
        items.append(item)
        declarations.extend(_declarations(item, body))
        if _APOLOGIES_TITLE.search(title) and body:
            text = " ".join(x.text for x in body)
            known = {a.name for a in apologies}
            apologies.extend(a for a in apologies_in_item(text, body[0].page) if a.name not in known)
            present = _with_substitutes(present, substitutes_in_text(text, body[0].page), apologies)
    title, date = _printed(lines, header_end)
    return Minutes(
        present=present,
        in_attendance=lists["in_attendance"],
        apologies=apologies,
        items=items,
        declarations=declarations,
        title=title,
        date=date,
    )


def _with_substitutes(
    present: list[AttendanceEntry], substitutes: list[AttendanceEntry], apologies: list[AttendanceEntry]
) -> list[AttendanceEntry]:
    """Mark the present members who attended as substitutes (for whom, when only one member sent apologies)."""
    if not substitutes:
        return present
    by_key = {name_key(s.name): s for s in substitutes}
    sole = apologies[0].name if len(apologies) == 1 else ""
    out = []
    for entry in present:
        sub = by_key.pop(name_key(entry.name), None)
        if sub is not None:
            entry = AttendanceEntry(entry.name, "Substitute", entry.status, entry.page, sub.substitute_for or sole)
        out.append(entry)
    for sub in by_key.values():
        out.append(AttendanceEntry(sub.name, "Substitute", "present", sub.page, sub.substitute_for or sole))
    return out
