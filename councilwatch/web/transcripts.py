"""A meeting's transcript: every segment with its time, grouped by the agenda item it was aligned to.

Not page-cached: a transcript is rewritten in place when its recording is transcribed again."""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from councilwatch.documents.models import Document, DocumentKind
from councilwatch.webcasts.models import clock


def transcript(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.select_related("meeting__committee", "council"), pk=pk, kind=DocumentKind.TRANSCRIPT
    )
    recording = document.source_url or (document.meeting.webcast_url if document.meeting else "")
    segments = document.segments.select_related("item").order_by("index")
    parts = []
    for item, run in groupby(segments, key=lambda s: s.item):
        rows = [
            {"segment": s, "clock": clock(s.start), "anchor": f"t{int(s.start)}", "at": f"{recording}#t={int(s.start)}"}
            for s in run
        ]
        parts.append({"item": item, "rows": rows})
    context = {"document": document, "council": document.council, "parts": parts, "recording": recording}
    return render(request, "web/transcript.html", context)
