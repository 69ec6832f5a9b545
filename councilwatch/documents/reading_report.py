"""What reading a set of papers found, for a person onboarding a council: as text, or as JSON.

``read_files(paths, date)`` extracts each file in the sandbox and reads them as one meeting's papers (no
database is touched); ``describe`` and ``as_json`` show the result.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path

from councilwatch.documents.extract import sniff
from councilwatch.documents.extract.office import decode_text
from councilwatch.documents.services import extraction_worker
from councilwatch.documents.structure.reader import MeetingFacts, MeetingRead, Paper, read_meeting


def read_files(paths: Sequence[Path], date: str, committee: str = "") -> MeetingRead:
    papers = []
    with extraction_worker() as worker:
        for path in paths:
            data = path.read_bytes()
            result = worker.extract(data)
            markup = decode_text(data) if result.media_type == sniff.HTML else ""
            papers.append(
                Paper(
                    key=path.name,
                    title=path.stem,
                    pages=tuple(p.text for p in result.pages),
                    emphasis=tuple(p.emphasis for p in result.pages),
                    media_type=result.media_type,
                    markup=markup,
                )
            )
    return read_meeting(MeetingFacts(date=date, committee=committee), papers)


def as_json(read: MeetingRead) -> dict:
    data = dataclasses.asdict(read)
    data["kind"] = read.kind
    return data


def describe(read: MeetingRead) -> str:
    lines = [f"kind: {read.kind} (items from {read.items_source or 'nowhere'})", "", "papers:"]
    for paper in read.papers:
        whose = f", {paper.proceedings} meeting's record" if paper.proceedings else ""
        lines.append(
            f"  {paper.kind:<10} {paper.language or '?':<3} {paper.key}{whose}"
            + (f" — {paper.note}" if paper.note else "")
            + (f" (translation of {paper.translation_of})" if paper.translation_of else "")
            + (f" [item {paper.item}]" if paper.item else "")
        )
    lines += ["", f"items ({len(read.items)}):"]
    for item in read.items:
        lines.append(f"  {item.number:>5}. {item.title}")
        for d in (d for d in read.decisions if d.item == item.number):
            lines.append(f"         decision ({d.outcome}, {d.paper} p.{d.page}): {d.text[:160]}")
        for m in (m.motion for m in read.motions if m.item == item.number):
            counts = "/".join("–" if v is None else str(v) for v in (m.votes_for, m.votes_against, m.votes_abstain))
            named = f", {len(m.named)} named votes" if m.named else ""
            lines.append(
                f"         {m.kind} {m.label!r}: moved {m.mover or '?'}, seconded {m.seconder or '?'}; "
                f"{m.outcome or 'no result'}{' unanimously' if m.unanimous else ''}; for/against/abstain {counts}{named}"
            )
        counts = read.participation_counts.get(item.number)
        if counts:
            lines.append("         public participation: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    lines += ["", "attendance:"]
    for status in ("present", "virtual", "in_attendance", "apologies", "absent"):
        people = [a.entry for a in read.attendance if a.entry.status == status]
        if people:
            names = ", ".join(p.name + (f" ({p.role})" if p.role not in ("Member", "") else "") for p in people)
            lines.append(f"  {status} ({len(people)}): {names}")
    if read.notes:
        lines += ["", "notes:", *(f"  {n}" for n in read.notes)]
    return "\n".join(lines)
