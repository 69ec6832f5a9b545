"""`councilwatch evaluate`: the backends and a lead-sentences baseline compared in one run.

* Kent (data/kent): outcome summaries of the two meetings; decision coverage = share of the items the printed
  minutes RESOLVED whose section states the decision (≥ 60 % of the RESOLVED text's content words).
* QMSum (data/qmsum): five committee transcripts, one item per annotated topic; ROUGE-1/2/L F1 against the
  human "summarise the whole meeting" answers.
* For every output: the rate of sentences with a fact not on their cited pages (as published, and as caught
  and dropped by the verifier), Flesch reading ease, seconds per meeting.
The lead baseline takes the first words of the source (the printed minutes, the transcript) up to the length
of the extractive summary.
"""

from __future__ import annotations

import importlib.util
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean

from django.conf import settings

from councilwatch.summaries.backends import get_backend
from councilwatch.summaries.compose import Composed, _evidence_text, compose
from councilwatch.summaries.inputs import AgendaEntry, MeetingSources, SourceDocument
from councilwatch.summaries.kent import MEETINGS, load_kent_meeting
from councilwatch.summaries.metrics import flesch_reading_ease, recall, rouge_l, rouge_n, tokens
from councilwatch.summaries.parsing import parse_minutes
from councilwatch.summaries.planning import split_sentences
from councilwatch.summaries.verifier import unsupported_facts

QMSUM_DIR = Path(settings.BASE_DIR) / "data" / "qmsum"
TURNS_PER_PAGE = 12
COVERED = 0.6


@dataclass
class Row:
    system: str
    coverage: list[float] = field(default_factory=list)
    rouge: list[tuple[float, float, float]] = field(default_factory=list)
    sentences: int = 0
    published_unsupported: int = 0
    checked: int = 0
    caught: int = 0
    flesch: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        r = list(zip(*self.rouge, strict=True)) if self.rouge else [[], [], []]
        return {
            "system": self.system,
            "decision_coverage": round(mean(self.coverage), 3) if self.coverage else None,
            "rouge1": round(mean(r[0]), 4) if self.rouge else None,
            "rouge2": round(mean(r[1]), 4) if self.rouge else None,
            "rougeL": round(mean(r[2]), 4) if self.rouge else None,
            "unsupported_published": round(self.published_unsupported / self.sentences, 4) if self.sentences else 0.0,
            "unsupported_caught": round(self.caught / self.checked, 4) if self.checked else 0.0,
            "flesch": round(mean(self.flesch), 1) if self.flesch else None,
            "seconds_per_meeting": round(mean(self.seconds), 2) if self.seconds else None,
            "notes": self.notes,
        }


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


def _summary_text(composed: Composed) -> str:
    return " ".join([composed.headline, *(s["text"] for s in composed.body["sections"])]).strip()


def _published_check(composed: Composed, sources: MeetingSources, row: Row) -> None:
    documents = {(d.id, d.title): d for d in sources.documents}
    for section in composed.body["sections"]:
        for sentence in section["sentences"]:
            row.sentences += 1
            if unsupported_facts(sentence["text"], _evidence_text(sentence["citations"], documents)):
                row.published_unsupported += 1
    row.checked += composed.verification.checked
    row.caught += len(composed.verification.unsupported)


def _lead(sources: MeetingSources, kinds: tuple[str, ...], words: int) -> str:
    text = " ".join(
        p
        for d in sources.documents
        if d.kind in kinds and d.item_number in (None, *[a.number for a in sources.agenda])
        for p in d.pages
    )
    kept, count = [], 0
    for sentence in split_sentences(text):
        if count >= words:
            break
        kept.append(sentence)
        count += len(tokens(sentence))
    return " ".join(kept)


def _coverage(sources: MeetingSources, text_for_item) -> float:
    minutes_doc = sources.minutes()
    resolved = [m for m in parse_minutes(list(minutes_doc.pages)).items if m.resolved]
    hits = [
        recall(" ".join(s.text for s in m.resolved), text_for_item(m.agenda_item or m.minute_number)) >= COVERED
        for m in resolved
    ]
    return sum(hits) / len(hits) if hits else 0.0


def _section_text(composed: Composed, number: str) -> str:
    return " ".join(
        s["text"] + " " + " ".join(s["decisions"])
        for s in composed.body["sections"]
        if number in s.get("item_numbers", [])
    )


def default_backends() -> list[str]:
    names = ["extractive"]
    if importlib.util.find_spec("llama_cpp") is not None:
        names.append("llama_cpp")
    if settings.SUMMARY_OPENAI_BASE_URL:
        names.append("openai")
    return names


def evaluate(backends: list[str] | None = None, *, qmsum_limit: int | None = None, progress=None) -> dict:
    backends = backends or default_backends()
    rows = {name: Row(name) for name in [*backends, "lead"]}
    kent = [load_kent_meeting(folder) for folder in MEETINGS]
    qmsum = [qmsum_meeting(p) for p in sorted(QMSUM_DIR.glob("*.json"))[:qmsum_limit]]
    for name in backends:
        try:
            backend = get_backend(name)
        except Exception as exc:
            rows[name].notes.append(f"not run: {exc}")
            continue
        if backend.generative:
            backend.context_chars, backend.max_tokens = 2000, 120
        for sources in kent:
            started = time.perf_counter()
            composed = compose(sources, backend, "outcome")
            rows[name].seconds.append(time.perf_counter() - started)
            rows[name].coverage.append(_coverage(sources, lambda n, c=composed: _section_text(c, n)))
            rows[name].flesch.append(flesch_reading_ease(_summary_text(composed)))
            _published_check(composed, sources, rows[name])
            if name == "extractive":
                lead = _lead(sources, ("minutes",), len(tokens(_summary_text(composed))))
                rows["lead"].coverage.append(_coverage(sources, lambda n, text=lead: text))
                rows["lead"].flesch.append(flesch_reading_ease(lead))
            if progress:
                progress(name, sources.committee)
        for sources, reference in qmsum:
            started = time.perf_counter()
            composed = compose(sources, backend, "transcript")
            rows[name].seconds.append(time.perf_counter() - started)
            text = _summary_text(composed)
            rows[name].rouge.append(
                (rouge_n(text, reference, 1), rouge_n(text, reference, 2), rouge_l(text, reference))
            )
            rows[name].flesch.append(flesch_reading_ease(text))
            _published_check(composed, sources, rows[name])
            if name == "extractive":
                lead = _lead(sources, ("transcript",), len(tokens(text)))
                rows["lead"].rouge.append(
                    (rouge_n(lead, reference, 1), rouge_n(lead, reference, 2), rouge_l(lead, reference))
                )
                rows["lead"].flesch.append(flesch_reading_ease(lead))
            if progress:
                progress(name, sources.documents[0].title)
    if "extractive" not in backends:
        rows["lead"].notes.append("lead is sized by the extractive summary: run with extractive")
    rows["lead"].notes.append("verbatim source text: nothing to verify, cites nothing")
    return {
        "kent_meetings": [f"{s.committee} {s.start:%Y-%m-%d}" for s in kent],
        "qmsum_meetings": len(qmsum),
        "rows": [r.as_dict() for r in rows.values()],
    }


def format_report(report: dict) -> str:
    head = "| system | decision coverage (Kent) | ROUGE-1 | ROUGE-2 | ROUGE-L (QMSum) | unsupported published | unsupported caught | Flesch | s/meeting |"
    lines = [head, "|" + " --- |" * 9]

    def cell(value: object) -> str:
        return "–" if value is None else str(value)

    for row in report["rows"]:
        lines.append(
            "| "
            + " | ".join(
                cell(row[k])
                for k in (
                    "system",
                    "decision_coverage",
                    "rouge1",
                    "rouge2",
                    "rougeL",
                    "unsupported_published",
                    "unsupported_caught",
                    "flesch",
                    "seconds_per_meeting",
                )
            )
            + " |"
        )
    notes = [f"- {row['system']}: {note}" for row in report["rows"] for note in row["notes"]]
    meetings = f"Kent: {', '.join(report['kent_meetings'])}; QMSum: {report['qmsum_meetings']} meetings."
    return "\n".join([*lines, "", meetings, *notes])
