"""Summarising meetings: the entry points the pipeline, the commands and the web call."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import transaction

from councilwatch.ingest.reading import read_meeting_papers
from councilwatch.meetings.models import Meeting
from councilwatch.summaries.backends import get_backend
from councilwatch.summaries.body import SummaryBody
from councilwatch.summaries.compose import compose
from councilwatch.summaries.models import Summary, Topic
from councilwatch.summaries.sources import fingerprint, inputs_fingerprint, load_sources

SUMMARISER_VERSION = "2.0"
log = logging.getLogger(__name__)


def summary_inputs(meeting: Meeting, backend: str | None = None) -> tuple[str, str, str]:
    """What the meeting's latest summary must have been made from to be current: its sources' fingerprint
    (``sources.inputs_fingerprint``), the summariser version and the backend. The one staleness rule:
    ``summarise_meeting``, ``pending_meetings`` and the pipeline's summarise stage all compare it."""
    return inputs_fingerprint(meeting), SUMMARISER_VERSION, backend or settings.SUMMARY_BACKEND


def is_current(meeting: Meeting, backend: str | None = None) -> bool:
    """Whether the meeting's latest summary was made from what it would be made from now."""
    latest = meeting.summaries.filter(is_latest=True).first()
    made_from = (latest.sources_fingerprint, latest.summariser_version, latest.backend) if latest else None
    return made_from == summary_inputs(meeting, backend)


def summarise_meeting(meeting_id: int, *, backend: str | None = None) -> Summary | None:
    """Make (or keep) the meeting's latest summary; None when it has no extracted papers to summarise.

    A new version is made when the sources' fingerprint, the summariser version or the backend changed;
    earlier versions are kept with ``is_latest`` cleared.
    """
    read_meeting_papers(meeting_id)  # the structure is current before anything is written from it
    meeting = Meeting.objects.select_related("council", "committee").get(pk=meeting_id)
    sources = load_sources(meeting)
    if not any(d.pages for d in sources.documents) and not sources.decisions:
        return None
    name = backend or settings.SUMMARY_BACKEND
    print_ = fingerprint(sources, str(meeting.reading.get("fingerprint", "")))  # = inputs_fingerprint(meeting)
    if is_current(meeting, name):
        return meeting.summaries.get(is_latest=True)
    composed = compose(sources, get_backend(name))
    with transaction.atomic():
        version = (meeting.summaries.order_by("-version").values_list("version", flat=True).first() or 0) + 1
        meeting.summaries.filter(is_latest=True).update(is_latest=False)
        summary = Summary.objects.create(
            meeting=meeting,
            version=version,
            is_latest=True,
            kind=composed.kind,
            backend=composed.backend,
            summariser_version=SUMMARISER_VERSION,
            sources_fingerprint=print_,
            headline=composed.headline,
            body=composed.body,
            verification=composed.verification.as_json(),
        )
        summary.topics.set(Topic.objects.filter(slug__in=composed.topic_slugs))
    return summary


def pending_meetings(backend: str | None = None) -> Iterator[Meeting]:
    """Meetings with extracted papers whose latest summary (by ``backend``) is missing or out of date."""
    candidates = (
        Meeting.objects.filter(documents__extraction_status__in=("done", "partial")).distinct().order_by("start")
    )
    for meeting in candidates:
        if not is_current(meeting, backend):
            yield meeting


def summarise_many(meeting_ids: Iterable[int], *, backend: str | None = None) -> dict[str, list]:
    """Summarise each meeting; a failure is recorded with its reason and the rest go on."""
    report: dict[str, list] = {"summarised": [], "skipped": [], "failed": []}
    for meeting_id in meeting_ids:
        try:
            summary = summarise_meeting(meeting_id, backend=backend)
        except Exception as exc:
            log.exception("summarising meeting %s failed", meeting_id)
            report["failed"].append((meeting_id, f"{type(exc).__name__}: {exc}"))
            continue
        report["summarised" if summary else "skipped"].append(meeting_id)
    return report


def meeting_json(meeting_id: int) -> dict:
    """The meeting and its latest summary in the shape `councilwatch show_meeting ID --json` prints."""
    meeting = Meeting.objects.select_related("council", "committee").get(pk=meeting_id)
    summary = meeting.summaries.filter(is_latest=True).first()
    data: dict = {
        "meeting": {
            "id": meeting.pk,
            "council": meeting.council.name,
            "committee": meeting.committee.name if meeting.committee_id else meeting.title,
            "start": meeting.start.isoformat(),
            "status": meeting.status,
            "url": meeting.web_url or meeting.source_url,
        },
        "summary": None,
    }
    if summary is not None:
        body = SummaryBody.from_json(summary.body).to_json()
        data["summary"] = {
            "kind": summary.kind,
            "backend": summary.backend,
            "version": summary.version,
            "body_version": body["version"],
            "headline": summary.headline,
            "headline_citations": body.get("headline_citations", []),
            "headline_sentences": body.get("headline_sentences", []),
            "sections": body.get("sections", []),
            "attendees": body.get("attendees", []),
            "topics": body.get("topics", []),
            "footnotes": body.get("footnotes", []),
            "verification": {
                "checked": summary.verification.get("checked", 0),
                "unsupported": summary.verification.get("unsupported", []),
            },
        }
    return data
