"""The corpora of real meetings in data/ with their hand-written expected files, and how a reading is scored.

Every ``expected*.json`` under data/kent/ and data/papers/ describes one meeting as a person read it (the
format is data/EXPECTED.md): how to import it, its items, decisions, motions and votes, attendance, and the
facts a resident must learn (and those that would be wrong for it). ``import_meeting`` imports its files
with ``import_files``; ``compare_structure`` compares what reading the papers found with the expected file,
item by item; ``score_summary`` counts the facts a summary states.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from councilwatch.core.text import name_key
from councilwatch.councils.models import Council
from councilwatch.documents.structure.align import normal_number
from councilwatch.documents.structure.similarity import title_similarity
from councilwatch.ingest.files import import_files
from councilwatch.meetings.models import Meeting
from councilwatch.summaries.body import SummaryBody
from councilwatch.summaries.metrics import flesch_reading_ease

DATA = Path(settings.BASE_DIR) / "data"
CORPUS_DIRS = (DATA / "kent", DATA / "papers")


@dataclass(frozen=True)
class Expected:
    path: Path
    data: dict

    @property
    def name(self) -> str:
        rel = self.path.relative_to(DATA)
        suffix = "" if self.path.stem == "expected" else f" ({self.path.stem.removeprefix('expected_')})"
        return f"{rel.parent}{suffix}"

    @property
    def folder(self) -> Path:
        return self.path.parent


def expected_files() -> list[Expected]:
    found = []
    for base in CORPUS_DIRS:
        for path in sorted(base.rglob("expected*.json")):
            found.append(Expected(path, json.loads(path.read_text(encoding="utf-8"))))
    return found


def ensure_council(code: str, name: str) -> Council:
    council = Council.objects.filter(code__iexact=code).first()
    if council is None:  # a test database without the registry loaded
        council = Council.objects.create(code=code.upper(), official_name=name, name=name, nation="england")
    return council


def import_meeting(expected: Expected) -> Meeting:
    spec = expected.data["import"]
    ensure_council(spec["code"], expected.data.get("council") or spec["code"])
    paths = [expected.folder / name for name in spec["files"]]
    report = import_files(spec["code"], spec["committee"], spec["start"], paths)
    return report.meeting


def _person(name: str) -> str:
    return name_key(re.sub(r"\([^)]*\)", " ", name))


def _text(value: str) -> str:
    return re.sub(r"[^a-z0-9£%]+", " ", value.lower().replace("’", "'")).strip()


@dataclass
class StructureScore:
    name: str
    items: tuple[int, int] = (0, 0)  # found right, expected
    decisions: tuple[int, int] = (0, 0)
    motions: tuple[int, int] = (0, 0)
    present: tuple[int, int] = (0, 0)
    apologies: tuple[int, int] = (0, 0)
    participation: tuple[int, int] = (0, 0)  # kinds (questions, statements, …) counted right, kinds expected
    problems: list[str] = field(default_factory=list)
    participation_problems: list[str] = field(default_factory=list)  # reported, not yet part of "exact"

    @property
    def exact(self) -> bool:
        return not self.problems


def compare_structure(meeting: Meeting, expected: Expected) -> StructureScore:
    """What reading found against the expected file; every difference is a problem, named."""
    data = expected.data
    score = StructureScore(expected.name)
    items = [i for i in meeting.items.filter(gone_upstream_at=None).order_by("order")]
    by_number = {normal_number(i.number): i for i in items}
    wanted = data.get("items") or []
    right = 0
    for entry in wanted:
        item = by_number.get(normal_number(entry["number"]))
        if item is None:
            score.problems.append(f"item {entry['number']} {entry['title']!r} not found")
        elif title_similarity(item.title, entry["title"]) < 0.7:
            score.problems.append(f"item {entry['number']}: title {item.title!r}, expected {entry['title']!r}")
        else:
            right += 1
    extra = sorted(set(by_number) - {normal_number(e["number"]) for e in wanted})
    if extra:
        score.problems.append(f"items read that are not on the agenda: {', '.join(extra)}")
    score.items = (right, len(wanted))

    decisions = list(meeting.decisions.filter(gone_upstream_at=None).select_related("item"))
    right = 0
    for entry in data.get("decisions") or []:
        number = normal_number(entry.get("item") or "")
        texts = [_text(d.text) for d in decisions if normal_number(d.item.number if d.item else "") == number]
        if any(_text(entry["contains"]) in t for t in texts):
            right += 1
        else:
            score.problems.append(f"item {entry.get('item')}: no decision saying {entry['contains']!r}")
    expected_items = {normal_number(e.get("item") or "") for e in data.get("decisions") or []}
    for d in decisions:
        number = normal_number(d.item.number if d.item else "")
        if number not in expected_items:
            score.problems.append(f"item {number or '-'}: a decision no one expected: {d.text[:80]!r}")
    score.decisions = (right, len(data.get("decisions") or []))

    motions = list(
        meeting.motions.filter(gone_upstream_at=None).select_related("item").prefetch_related("recorded_votes")
    )
    right = 0
    used: set[int] = set()
    for entry in data.get("motions") or []:
        number = normal_number(entry.get("item") or "")
        candidates = [
            m for m in motions if normal_number(m.item.number if m.item else "") == number and m.pk not in used
        ]
        match = _match_motion(entry, candidates)
        if match is None:
            score.problems.append(
                f"item {entry.get('item')}: {entry.get('label') or entry.get('kind')} not read as expected"
            )
            continue
        used.add(match.pk)
        right += 1
    score.motions = (right, len(data.get("motions") or []))

    attendances = list(meeting.attendances.select_related("person"))
    for status, key in (("present", "present"), ("apologies", "apologies")):
        found = {
            _person(a.person.name)
            for a in attendances
            if a.status in ((status, "virtual") if status == "present" else (status,))
        }
        wanted_people = {_person(n) for n in data.get(key) or []}
        if key == "present":
            found = {
                _person(a.person.name)
                for a in attendances
                if a.status in ("present",) or (a.status == "virtual" and a.role == "Member")
            }
        hits = len(found & wanted_people)
        if found != wanted_people:
            missing, extra_people = sorted(wanted_people - found), sorted(found - wanted_people)
            score.problems.append(
                f"{key}: missing {missing[:8]}{'…' if len(missing) > 8 else ''}, not expected {extra_people[:8]}"
            )
        setattr(score, key, (hits if found == wanted_people else min(hits, len(found)), len(wanted_people)))
    _compare_participation(meeting, data, score)
    return score


def _compare_participation(meeting: Meeting, data: dict, score: StructureScore) -> None:
    """How many questions, statements, petitions and deputations were read (the counts the summary tells, summed
    over the items), against the expected counts."""
    got: dict[str, int] = {}
    for counts in (meeting.reading.get("participation") or {}).values():
        for kind, count in counts.items():
            got[kind] = got.get(kind, 0) + count
    wanted = {k: v for k, v in (data.get("participation") or {}).items() if k in _KINDS and v}
    right = sum(1 for kind, count in wanted.items() if got.get(kind) == count)
    for kind in sorted(set(wanted) | set(got)):
        if got.get(kind, 0) != wanted.get(kind, 0):
            score.participation_problems.append(f"{kind}: read {got.get(kind, 0)}, expected {wanted.get(kind, 0)}")
    score.participation = (right, len(wanted))


_KINDS = ("questions", "statements", "petitions", "deputations")


def _match_motion(entry: dict, candidates: list) -> object | None:
    mover = _person(entry.get("mover") or "")
    for motion in candidates:
        if mover and _person(motion.mover).split("-")[-1:] != mover.split("-")[-1:]:
            continue
        if (entry.get("outcome") or "") and motion.outcome != {"accepted": "accepted"}.get(
            entry["outcome"], entry["outcome"]
        ):
            continue
        counts = (entry.get("for"), entry.get("against"), entry.get("abstain"))
        if (
            any(v is not None for v in counts)
            and (motion.votes_for, motion.votes_against, motion.votes_abstain) != counts
        ):
            continue
        named = entry.get("named") or {}
        if named:
            got: dict[str, set[str]] = {}
            for vote in motion.recorded_votes.all():
                got.setdefault(vote.vote, set()).add(_person(vote.name))
            if any(
                {_person(n) for n in named.get(side) or []} != got.get(side, set())
                for side in ("for", "against", "abstain")
            ):
                continue
        return motion
    return None


@dataclass
class SummaryScore:
    name: str
    kind_right: bool
    facts: tuple[int, int]
    headline: tuple[int, int]
    wrong: int
    items: tuple[int, int]  # items with a section, of the agenda's
    stray_sections: int  # sections that match no agenda item
    present: tuple[int, int]  # members present told, expected
    flesch: float
    words: int
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)


def _found(fact: dict, text: str) -> bool:
    text = _text(text)
    every = [_text(s) for s in fact.get("all") or []]
    some = [_text(s) for s in fact.get("any") or []]
    return all(s in text for s in every) and (not some or any(s in text for s in some))


def prose_of(body: SummaryBody) -> str:
    """The summary's own sentences (quoted decisions excluded): what reading ease is measured on."""
    return " ".join(s.text for s in body.all_sentences())


def score_summary(body: SummaryBody, kind: str, expected: Expected, seconds: float = 0.0) -> SummaryScore:
    data = expected.data
    text = " ".join([prose_of(body), *(s.title for s in body.sections)])
    headline = body.headline_text
    facts = data.get("facts") or []
    found = [f for f in facts if _found(f, text)]
    lead = [f for f in facts if f.get("headline")]
    wrong = [f for f in data.get("wrong") or [] if _found(f, text)]
    agenda = {normal_number(i["number"]) for i in data.get("items") or []}
    covered = {normal_number(n) for s in body.sections for n in s.numbers} & agenda
    stray = sum(1 for s in body.sections if not any(normal_number(n) in agenda for n in s.numbers))
    present = [a for a in body.attendees if a.status in ("present",)]
    return SummaryScore(
        expected.name,
        kind == data.get("kind"),
        (len(found), len(facts)),
        (sum(1 for f in lead if _found(f, headline)), len(lead)),
        len(wrong),
        (len(covered), len(agenda)),
        stray,
        (len(present), len(data.get("present") or [])),
        flesch_reading_ease(prose_of(body)) if prose_of(body) else 0.0,
        len(prose_of(body).split()),
        seconds,
        [f["fact"] for f in facts if f not in found]
        + [f"NOT IN HEADLINE: {f['fact']}" for f in lead if f in found and not _found(f, headline)]
        + [f"WRONG: {f['fact']}" for f in wrong],
    )
