"""What to queue next: after a stage succeeds, and what is stale for a council.

The plan follows the stage table's dependencies: a crawl plans its council; a meeting's linked webcast is
fetched (the webcast stage) and the recording it stores is transcribed; a fetched document is extracted (a
recording transcribed); an extracted, transcribed (or given-up) document lets its meeting's papers be read once
all of them (and its linked webcast) are settled; a read meeting is summarised; a summarised meeting is indexed.
``enqueue`` drops whatever is already up to date, so planning the same thing twice queues it once.
"""

from datetime import date

from django.db.models import F, Q

from councilwatch.councils.models import Council, SupportLevel
from councilwatch.documents.models import Document
from councilwatch.meetings.models import Meeting
from councilwatch.pipeline import fingerprints
from councilwatch.pipeline.backlog import enqueue
from councilwatch.webcasts.services import recording_id


def _meeting_of(document_id: int) -> int | None:
    return fingerprints.value_of(Document, document_id, "meeting_id")


def plan_meeting(meeting_id: int) -> int:
    """Queue the meeting's reading, or else its summary, or else its index entry: the first that is stale.

    While any of its documents is on its way none of them can be (their fingerprints are all None then): that
    is checked once, not three times, after each of its documents is fetched or extracted."""
    if not fingerprints.meeting_settled(meeting_id):
        return 0
    if enqueue("read", meeting_id) is not None:
        return 1  # the summary follows the reading
    if enqueue("summarise", meeting_id) is not None:
        return 1  # indexing follows the summary
    return int(enqueue("index", meeting_id) is not None)


def after_success(stage_name: str, object_id: int, params: dict) -> None:
    if stage_name == "crawl":
        plan_council(object_id, since=params.get("since"), until=params.get("until"))
    elif stage_name == "fetch":
        # a paper is extracted, a recording transcribed (the other says no); while either is queued the meeting
        # cannot be ready, so it is planned after that stage instead
        if enqueue("extract", object_id) is None and enqueue("transcribe", object_id) is None:
            meeting_id = _meeting_of(object_id)
            if meeting_id:
                plan_meeting(meeting_id)
    elif stage_name == "webcast":
        # the recording is stored: the meeting is planned once it is transcribed
        recording = recording_id(object_id)
        if recording is None or enqueue("transcribe", recording) is None:
            plan_meeting(object_id)
    elif stage_name in ("extract", "transcribe"):
        meeting_id = _meeting_of(object_id)
        if meeting_id:
            plan_meeting(meeting_id)
    elif stage_name == "read":
        plan_meeting(object_id)
    elif stage_name == "summarise":
        enqueue("index", object_id)
        schedule_alerts()


def after_parked(stage_name: str, object_id: int) -> None:
    """A document (or a meeting's linked webcast) given up on no longer holds its meeting's summary back."""
    if stage_name == "webcast":
        plan_meeting(object_id)
    elif stage_name in ("fetch", "extract", "transcribe"):
        meeting_id = _meeting_of(object_id)
        if meeting_id:
            plan_meeting(meeting_id)


def plan_council(council_id: int, *, since: str | None = None, until: str | None = None) -> int:
    """Queue everything of a council that is missing or stale, within a date window of meetings if given."""
    documents = Document.objects.filter(council_id=council_id)
    meetings = Meeting.objects.filter(council_id=council_id)
    if since:
        documents = documents.filter(Q(meeting__isnull=True) | Q(meeting__start__date__gte=date.fromisoformat(since)))
        meetings = meetings.filter(start__date__gte=date.fromisoformat(since))
    if until:
        documents = documents.filter(Q(meeting__isnull=True) | Q(meeting__start__date__lte=date.fromisoformat(until)))
        meetings = meetings.filter(start__date__lte=date.fromisoformat(until))
    queued = 0
    to_fetch = documents.filter(Q(sha256="") | ~Q(fetch_error=""))
    for document_id in to_fetch.values_list("pk", flat=True).iterator():
        queued += enqueue("fetch", document_id) is not None
    to_extract = documents.exclude(sha256="").exclude(extracted_sha256=F("sha256"))
    for document_id in to_extract.values_list("pk", flat=True).iterator():
        queued += enqueue("extract", document_id) is not None
        queued += enqueue("transcribe", document_id) is not None
    for meeting_id in meetings.exclude(webcast_url="").values_list("pk", flat=True).iterator():
        queued += enqueue("webcast", meeting_id) is not None  # before its plan: the meeting waits for it
    for meeting_id in meetings.values_list("pk", flat=True).iterator():
        queued += plan_meeting(meeting_id)
    return queued


def enabled_councils() -> "list[Council]":
    """Councils the pipeline crawls on its own: fully supported ones with a platform base URL."""
    return list(Council.objects.filter(support_level=SupportLevel.FULL).exclude(platform_base_url="").order_by("code"))


def schedule_crawls(
    councils: "list[Council] | None" = None,
    *,
    since: date | None = None,
    until: date | None = None,
    base_url: str | None = None,
    force: bool = False,
) -> list:
    """Queue today's crawl of each council (every enabled council by default); a window or force re-crawls."""
    params = {
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "base_url": base_url,
    }
    params = {key: value for key, value in params.items() if value}
    fingerprint = "|".join([date.today().isoformat(), *(f"{k}={v}" for k, v in sorted(params.items()))])
    queued = []
    for council in enabled_councils() if councils is None else councils:
        item = enqueue("crawl", council.pk, params=params, fingerprint=fingerprint, force=force)
        if item is not None:
            queued.append(item)
    return queued


def schedule_digests() -> int:
    """Queue this week's digest of every enabled council (built once per ISO week)."""
    return sum(enqueue("digest", council.pk) is not None for council in enabled_councils())


ALERTS = 0  # the alerts stage works on everything at once: its one work item has object id 0


def schedule_alerts() -> bool:
    """Queue matching and sending alerts, at most once per ``PIPELINE_ALERT_MINUTES``."""
    return enqueue("alerts", ALERTS) is not None
