"""The shipped Kent papers (data/kent) as meeting sources, read straight from the PDFs with pypdfium2.

Used by ``councilwatch evaluate`` and the tests, so both run on real council papers without a crawl.
Each PDF is filed under the agenda item whose decision number ("24/00108") or title it carries.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2
from django.conf import settings

from councilwatch.documents import structure
from councilwatch.summaries.inputs import AgendaEntry, MeetingSources, SourceDocument

KENT_DIR = Path(settings.BASE_DIR) / "data" / "kent"
MEETINGS = {
    "cabinet_2025-01-30": ("Cabinet", datetime(2025, 1, 30, 10, 0, tzinfo=ZoneInfo("Europe/London"))),
    "full_council_2025-01-09": ("County Council", datetime(2025, 1, 9, 10, 0, tzinfo=ZoneInfo("Europe/London"))),
}


def pdf_pages(path: Path) -> tuple[str, ...]:
    document = pypdfium2.PdfDocument(str(path))
    try:
        return tuple(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()


def parse_agenda(pages: tuple[str, ...]) -> list[AgendaEntry]:
    """Agenda items from a frontsheet, by the documents app's parser (it drops '(Pages 11 - 84)')."""
    return [AgendaEntry(number=e.number, title=e.title) for e in structure.parse_agenda(list(pages))]


def _item_for(filename: str, agenda: list[AgendaEntry]) -> str | None:
    match = re.match(r"Item (\d+)\b", filename)
    if match:
        return match.group(1)
    match = re.match(r"(\d\d)-(\d{5})\b", filename)
    if match:
        ref = f"{match.group(1)}/{match.group(2)}"
        return next((a.number for a in agenda if ref in a.title), None)
    words = set(re.findall(r"[a-z]{4,}", filename.lower()))
    best = max(agenda, key=lambda a: len(words & set(re.findall(r"[a-z]{4,}", a.title.lower()))), default=None)
    if best and len(words & set(re.findall(r"[a-z]{4,}", best.title.lower()))) >= 4:
        return best.number
    return None


def _kind(filename: str, category: str, pages: tuple[str, ...]) -> str:
    name = filename.lower()
    front = "\n".join(pages[:2])
    if category in ("", "other", "budget") and re.search(r"^\s*Summary:", front, re.M) and "Recommendation" in front:
        return "report"
    if category == "agenda_frontsheet" or name.startswith("agenda frontsheet"):
        return "agenda"
    if category == "minutes":
        return "minutes"
    if "supplementary" in name and "appendix" not in name:
        return "supplement"
    if category == "appendix" or "appendix" in name:
        return "appendix"
    if category == "report" or name.endswith("report.pdf") or "report" in name:
        return "report"
    return "other"


@functools.cache
def load_kent_meeting(folder: str) -> MeetingSources:
    """The meeting in data/kent/<folder>, with every original PDF read page by page."""
    base = KENT_DIR / folder
    metadata = {m["filename"]: m for m in json.loads((base / "metadata.json").read_text())}
    files = sorted((base / "originals").glob("*.pdf"))
    agenda_file = next(f for f in files if f.name.lower().startswith("agenda frontsheet"))
    agenda = parse_agenda(pdf_pages(agenda_file))
    documents = []
    for index, path in enumerate(files, start=1):
        meta = metadata.get(path.name, {})
        pages = pdf_pages(path)
        kind = _kind(path.name, meta.get("document_category", ""), pages)
        item = (
            None
            if kind in ("agenda",) or path.name.lower().startswith("printed minutes")
            else _item_for(path.stem, agenda)
        )
        data = path.read_bytes()
        documents.append(
            SourceDocument(
                id=index,
                title=path.stem,
                kind=kind,
                pages=pages,
                source_url=meta.get("url", ""),
                item_number=item,
                sha256=hashlib.sha256(data).hexdigest(),
            )
        )
    committee, start = MEETINGS[folder]
    return MeetingSources(
        id=None,
        council="Kent County Council",
        committee=committee,
        start=start,
        status="held",
        url="https://democracy.kent.gov.uk/",
        agenda=agenda,
        documents=documents,
    )


def without_minutes(sources: MeetingSources) -> MeetingSources:
    """The same meeting as it stood before it was held: agenda and reports only."""
    return MeetingSources(
        id=sources.id,
        council=sources.council,
        committee=sources.committee,
        start=sources.start,
        status="confirmed",
        url=sources.url,
        agenda=sources.agenda,
        documents=[d for d in sources.documents if not (d.kind == "minutes" and d.item_number is None)],
    )
