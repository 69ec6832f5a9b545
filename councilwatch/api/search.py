"""Search for the API: one function, ``search_hits``.

The full-text search app (``councilwatch.search``) had not landed when this was written, so this is a plain
case-insensitive containment search over meetings, agenda items and latest summaries. When the search app's
query function lands, ``search_hits`` should call it and map its results to ``SearchHit``; the endpoint and
its schema stay as they are.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from councilwatch.councils.models import Council
from councilwatch.meetings.models import AgendaItem, Meeting
from councilwatch.summaries.models import Summary

PER_KIND_LIMIT = 500
SNIPPET = 200


@dataclass(frozen=True)
class SearchHit:
    kind: str  # meeting, item or summary
    id: int
    meeting: int
    council: str
    title: str
    snippet: str
    start: datetime


def _snippet(text: str, needle: str) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[:SNIPPET]
    begin = max(0, at - SNIPPET // 2)
    return ("…" if begin else "") + text[begin : begin + SNIPPET] + ("…" if begin + SNIPPET < len(text) else "")


def search_hits(q: str, council: Council | None = None) -> list[SearchHit]:
    """Meetings, items and latest summaries containing ``q``, newest meeting first."""
    meetings = Meeting.objects.select_related("council", "committee").filter(
        Q(title__icontains=q) | Q(committee__name__icontains=q) | Q(location__icontains=q)
    )
    items = AgendaItem.objects.select_related("meeting__council").filter(
        Q(title__icontains=q) | Q(description__icontains=q) | Q(minutes_text__icontains=q)
    )
    summaries = Summary.objects.latest_per_meeting().select_related("meeting__council").filter(headline__icontains=q)
    if council is not None:
        meetings = meetings.filter(council=council)
        items = items.filter(meeting__council=council)
        summaries = summaries.filter(meeting__council=council)
    hits = [
        SearchHit("meeting", m.pk, m.pk, m.council.code, str(m), _snippet(m.title or str(m), q), m.start)
        for m in meetings.order_by("-start")[:PER_KIND_LIMIT]
    ]
    hits += [
        SearchHit(
            "item",
            i.pk,
            i.meeting_id,
            i.meeting.council.code,
            i.title,
            _snippet(" ".join(filter(None, [i.title, i.description, i.minutes_text])), q),
            i.meeting.start,
        )
        for i in items.order_by("-meeting__start", "order")[:PER_KIND_LIMIT]
    ]
    hits += [
        SearchHit(
            "summary", s.pk, s.meeting_id, s.meeting.council.code, s.headline, _snippet(s.headline, q), s.meeting.start
        )
        for s in summaries.order_by("-meeting__start")[:PER_KIND_LIMIT]
    ]
    hits.sort(key=lambda h: (h.start, h.meeting, h.kind, h.id), reverse=True)
    return hits
