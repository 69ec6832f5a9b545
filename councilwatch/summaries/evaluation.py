"""`councilwatch evaluate`: reading and summaries scored on every meeting of data/ against hand-written facts.

* Every corpus meeting with an ``expected*.json`` (data/kent, data/papers) is imported with ``import_files``
  inside a transaction that is rolled back afterwards, its reading compared with the expected file (items,
  decisions, motions and votes, members present, apologies), and its summary by each backend scored: key
  facts found, headline facts in the headline, wrong facts present, agenda items with a section, sections
  for things that are not items, members present, reading ease (Flesch, on the summary's own prose), words,
  seconds. A lead baseline (the first words of the meeting's own record, or its agenda) is scored the same.
* QMSum (data/qmsum): five committee transcripts, ROUGE-1/2/L F1 against the human "summarise the whole
  meeting" answers, against the same lead baseline.
"""

from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from statistics import mean, median

from django.conf import settings
from django.db import transaction

from councilwatch.summaries.backends import get_backend
from councilwatch.summaries.body import Said, SummaryBody
from councilwatch.summaries.compose import compose
from councilwatch.summaries.corpus import Expected, compare_structure, expected_files, import_meeting, score_summary
from councilwatch.summaries.inputs import AgendaEntry, MeetingSources, SourceDocument
from councilwatch.summaries.metrics import flesch_reading_ease, rouge_l, rouge_n, tokens
from councilwatch.summaries.planning import split_sentences
from councilwatch.summaries.sources import load_sources

QMSUM_DIR = Path(settings.BASE_DIR) / "data" / "qmsum"
TURNS_PER_PAGE = 12


class _Rollback(Exception):
    pass


@dataclass
class MeetingResult:
    meeting: str
    structure: dict
    systems: dict[str, dict] = field(default_factory=dict)


def qmsum_meeting(path: Path) -> tuple[MeetingSources, str]:
    """A QMSum meeting as sources (one transcript document per annotated topic) and its reference summary."""
    data = json.loads(path.read_text())
    turns = [f"{t['speaker']}: {t['content']}" for t in data["meeting_transcripts"]]
    agenda, documents = [], []
    for index, topic in enumerate(data["topic_list"], start=1):
        number = str(index)
        agenda.append(AgendaEntry(number=number, title=topic["topic"]))
        selected = [
            turns[i] for a, b in topic["relevant_text_span"] for i in range(int(a), int(b) + 1) if i < len(turns)
        ]
        pages = tuple("\n".join(selected[i : i + TURNS_PER_PAGE]) for i in range(0, len(selected), TURNS_PER_PAGE))
        documents.append(
            SourceDocument(
                id=index, title=f"{path.stem} transcript", kind="transcript", pages=pages, item_number=number
            )
        )
    sources = MeetingSources(
        None, "", "Children, Young People and Education Committee", None, "held", "", agenda, documents
    )
    return sources, data["general_query_list"][0]["answer"]


def _lead_body(sources: MeetingSources, kind: str, words: int) -> SummaryBody:
    """The lead baseline: the first sentences of the meeting's own record (or its agenda), as long as the summary."""
    wanted = [d for d in sources.own_records()] if kind == "outcome" else []
    wanted = wanted or [d for d in sources.documents if d.kind in ("agenda", "page")] or sources.documents[:1]
    kept, count = [], 0
    for sentence in split_sentences(" ".join(p for d in wanted for p in d.pages)):
        if count >= words:
            break
        kept.append(Said(sentence))
        count += len(tokens(sentence))
    body = SummaryBody(kind=kind, backend="lead")
    body.headline = kept[:1]
    from councilwatch.summaries.body import ItemSection

    body.sections = [ItemSection(numbers=[], title="", presented=kept[1:])]
    return body


def _evaluate_meeting(expected: Expected, backends: list, progress) -> MeetingResult:
    result = MeetingResult(expected.name, {})
    try:
        with transaction.atomic():
            meeting = import_meeting(expected)
            structure = compare_structure(meeting, expected)
            result.structure = asdict(structure)
            sources = load_sources(meeting)
            words = 0
            for name, backend in backends:
                started = time.perf_counter()
                composed = compose(sources, backend)
                seconds = time.perf_counter() - started
                score = score_summary(composed.typed, composed.kind, expected, seconds)
                result.systems[name] = {**asdict(score), "unsupported": len(composed.verification.unsupported)}
                words = words or score.words
                if progress:
                    progress(name, expected.name)
            lead = _lead_body(sources, expected.data.get("kind", "outcome"), words or 300)
            result.systems["lead"] = asdict(score_summary(lead, expected.data.get("kind", ""), expected))
            raise _Rollback
    except _Rollback:
        pass
    return result


def default_backends() -> list[str]:
    names = ["extractive"]
    if importlib.util.find_spec("llama_cpp") is not None:
        names.append("llama_cpp")
    if settings.SUMMARY_OPENAI_BASE_URL:
        names.append("openai")
    return names


def evaluate(
    backends: list[str] | None = None, *, qmsum_limit: int | None = None, only: str = "", progress=None
) -> dict:
    names = backends or default_backends()
    loaded, notes = [], []
    for name in names:
        try:
            backend = get_backend(name)
        except Exception as exc:
            notes.append(f"{name} not run: {exc}")
            continue
        if backend.generative:
            backend.context_chars, backend.max_tokens = 2000, 120
        loaded.append((name, backend))
    meetings = [_evaluate_meeting(e, loaded, progress) for e in expected_files() if only in e.name]
    qmsum = []
    for path in sorted(QMSUM_DIR.glob("*.json"))[:qmsum_limit]:
        sources, reference = qmsum_meeting(path)
        row: dict[str, dict] = {}
        for name, backend in loaded:
            started = time.perf_counter()
            composed = compose(sources, backend, "transcript")
            text = " ".join(s.text for s in composed.typed.all_sentences())
            row[name] = _rouge(text, reference) | {"seconds": time.perf_counter() - started}
            if name == "extractive":
                lead = " ".join(s.text for s in _lead_body(sources, "transcript", len(tokens(text))).all_sentences())
                row["lead"] = _rouge(lead, reference)
        qmsum.append({"meeting": path.stem, "systems": row})
    return {"meetings": [asdict(m) for m in meetings], "qmsum": qmsum, "notes": notes}


def _rouge(text: str, reference: str) -> dict:
    return {
        "rouge1": rouge_n(text, reference, 1),
        "rouge2": rouge_n(text, reference, 2),
        "rougeL": rouge_l(text, reference),
        "flesch": flesch_reading_ease(text) if text else 0.0,
    }


def _pair(value) -> str:
    return f"{value[0]}/{value[1]}"


def format_report(report: dict) -> str:
    lines = [
        "Reading the papers (found right / expected):",
        "| meeting | items | decisions | motions and votes | present | apologies | exact | public participation |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for m in report["meetings"]:
        s = m["structure"]
        exact = "yes" if not s["problems"] else f"no ({len(s['problems'])})"
        lines.append(
            f"| {m['meeting']} | {_pair(s['items'])} | {_pair(s['decisions'])} | {_pair(s['motions'])} | "
            f"{_pair(s['present'])} | {_pair(s['apologies'])} | {exact} | {_pair(s['participation'])} |"
        )
    lines += [
        "",
        "Summaries:",
        "| meeting | system | right kind | facts | headline | wrong | items | stray sections | present told | Flesch | words | s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    totals: dict[str, dict] = {}
    for m in report["meetings"]:
        for system, r in m["systems"].items():
            lines.append(
                f"| {m['meeting']} | {system} | {'yes' if r['kind_right'] else 'no'} | {_pair(r['facts'])} | "
                f"{_pair(r['headline'])} | {r['wrong']} | {_pair(r['items'])} | {r['stray_sections']} | "
                f"{_pair(r['present'])} | {r['flesch']:.1f} | {r['words']} | {r['seconds']:.2f} |"
            )
            t = totals.setdefault(
                system, {"facts": [0, 0], "headline": [0, 0], "wrong": 0, "items": [0, 0], "stray": 0, "flesch": []}
            )
            for key in ("facts", "headline", "items"):
                t[key][0] += r[key][0]
                t[key][1] += r[key][1]
            t["wrong"] += r["wrong"]
            t["stray"] += r["stray_sections"]
            t["flesch"].append(r["flesch"])
    for system, t in totals.items():
        lines.append(
            f"| **total** | {system} | | {_pair(t['facts'])} | {_pair(t['headline'])} | {t['wrong']} | "
            f"{_pair(t['items'])} | {t['stray']} | | median {median(t['flesch']):.1f} | | |"
        )
    if report["qmsum"]:
        lines += [
            "",
            "QMSum (ROUGE F1 against the human summaries):",
            "| system | ROUGE-1 | ROUGE-2 | ROUGE-L | Flesch |",
            "| --- | --- | --- | --- | --- |",
        ]
        systems = sorted({s for q in report["qmsum"] for s in q["systems"]})
        for system in systems:
            rows = [q["systems"][system] for q in report["qmsum"] if system in q["systems"]]
            lines.append(
                f"| {system} | {mean(r['rouge1'] for r in rows):.4f} | {mean(r['rouge2'] for r in rows):.4f} | "
                f"{mean(r['rougeL'] for r in rows):.4f} | {mean(r['flesch'] for r in rows):.1f} |"
            )
    lines += [f"- {note}" for note in report["notes"]]
    return "\n".join(lines)


def problems_text(report: dict) -> str:
    """Every difference between reading and the expected files, and every fact missed."""
    out = []
    for m in report["meetings"]:
        out.append(f"{m['meeting']}:")
        out += [f"  - {p}" for p in m["structure"]["problems"]]
        out += [f"  - public participation: {p}" for p in m["structure"].get("participation_problems", [])]
        extractive = m["systems"].get("extractive")
        if extractive:
            out += [f"  x {p}" for p in extractive["missed"]]
    return "\n".join(out)
