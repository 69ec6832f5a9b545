"""The weekly digest of one council: build (skipped when empty), queue one delivery per subscriber, render.

A digest for week W lists the meetings held in W (headline of the latest summary, decisions) and the meetings
of W+1. It is built once; rebuilding refreshes it only while nobody has been sent it yet.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape

from councilwatch.councils.models import Council
from councilwatch.meetings.models import Decision, Meeting, MeetingStatus
from councilwatch.subscriptions import links
from councilwatch.subscriptions.models import (
    Delivery,
    DeliveryKind,
    DeliveryState,
    Digest,
    Frequency,
    Subscription,
)
from councilwatch.subscriptions.weeks import LONDON, last_complete_week, parse_week, week_bounds
from councilwatch.summaries.models import Summary

UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/__cw__"
PREFERENCES_PLACEHOLDER = "https://preferences.invalid/__cw__"


class DigestError(ValueError):
    """A digest asked for a council that does not exist or has no digests."""


@dataclass
class BuildReport:
    week: str
    built: list[Digest] = field(default_factory=list)
    updated: list[Digest] = field(default_factory=list)
    unchanged: list[Digest] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def digests(self) -> list[Digest]:
        return [*self.built, *self.updated, *self.unchanged]

    def __str__(self) -> str:
        return (
            f"week {self.week}: {len(self.built)} built, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.skipped)} skipped (nothing to say)"
        )


def _meeting_name(meeting: Meeting) -> str:
    if meeting.committee_id and meeting.committee:
        return meeting.committee.name
    return meeting.title or "Meeting"


def _meetings(council: Council, start, end) -> list[Meeting]:
    latest = Summary.objects.filter(is_latest=True).order_by("-version")
    return list(
        Meeting.objects.filter(council=council, start__gte=start, start__lt=end)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("committee")
        .prefetch_related(
            Prefetch("summaries", queryset=latest, to_attr="latest_summaries"),
            Prefetch("decisions", queryset=Decision.objects.select_related("item").order_by("item__order", "id")),
        )
        .order_by("start", "id")
    )


def _decisions(meeting: Meeting, summary: Summary | None) -> list[str]:
    texts = [d.text.strip() for d in meeting.decisions.all() if d.text.strip()]
    if texts or summary is None:
        return texts
    for section in (summary.body or {}).get("sections", []):
        texts.extend(str(t).strip() for t in section.get("decisions", []) if str(t).strip())
    return texts


def _meeting_entry(meeting: Meeting, council: Council, week: str, held: bool) -> dict:
    summary = meeting.latest_summaries[0] if meeting.latest_summaries else None
    local = timezone.localtime(meeting.start, LONDON)
    entry = {
        "id": meeting.pk,
        "name": _meeting_name(meeting),
        "start": local.isoformat(),
        "when": f"{local:%A} {local.day} {local:%B %Y}, {local:%H:%M}",
        "location": meeting.location,
        "status": meeting.get_status_display(),
        "url": links.meeting_url(meeting, council.code, week),
        "source_url": meeting.web_url or meeting.source_url,
    }
    if held:
        entry["headline"] = summary.headline if summary else ""
        entry["decisions"] = _decisions(meeting, summary)
    return entry


def digest_content(council: Council, week: str) -> dict | None:
    """What the digest of ``council`` for ``week`` says, or None when there is nothing to say."""
    start, end = week_bounds(week)
    held = _meetings(council, start, end)
    upcoming = _meetings(council, end, end + timedelta(days=7))
    if not held and not upcoming:
        return None
    return {
        "council": {"code": council.code, "name": council.name, "official_name": council.official_name},
        "week": week,
        "week_label": f"{parse_week(week):%-d %B %Y}",
        "held": [_meeting_entry(m, council, week, held=True) for m in held],
        "upcoming": [_meeting_entry(m, council, week, held=False) for m in upcoming],
    }


def _subject(content: dict) -> str:
    held, upcoming = len(content["held"]), len(content["upcoming"])
    parts = []
    if held:
        parts.append(f"{held} meeting{'s' if held != 1 else ''} held")
    if upcoming:
        parts.append(f"{upcoming} coming up")
    return f"{content['council']['name']} council, week of {content['week_label']}: {' and '.join(parts)}"


def _councils(council_code: str | None) -> list[Council]:
    if council_code is None:
        return list(Council.objects.fully_supported().order_by("code"))
    council = Council.objects.filter(code=council_code.strip().upper()).first()
    if council is None:
        raise DigestError(f"no council with code {council_code!r}")
    if not council.is_fully_supported:
        raise DigestError(
            f"{council} has limited support: it gets no digest until `councilwatch enable {council.code}`"
        )
    return [council]


def build_digests(week: str | None = None, council_code: str | None = None) -> BuildReport:
    """Build the digest of ``week`` (default: last complete week) for every fully supported council or one."""
    week = week or last_complete_week()
    parse_week(week)
    report = BuildReport(week=week)
    for council in _councils(council_code):
        content = digest_content(council, week)
        if content is None:
            report.skipped.append(council.code)
            continue
        with transaction.atomic():
            digest, created = Digest.objects.select_for_update().get_or_create(
                council=council, week=week, defaults={"subject": _subject(content), "content": content}
            )
            if created:
                report.built.append(digest)
            elif digest.content == content:
                report.unchanged.append(digest)
            elif digest.deliveries.filter(state__in=[DeliveryState.SENDING, DeliveryState.SENT]).exists():
                report.unchanged.append(digest)  # what people were sent stays the record
            else:
                digest.content, digest.subject = content, _subject(content)
                digest.save(update_fields=["content", "subject", "updated_at"])
                report.updated.append(digest)
    return report


def queue_digest(digest: Digest) -> int:
    """One delivery per confirmed, weekly, not-bounced subscriber of the council; returns how many are new."""
    recipients = Subscription.objects.filter(
        council_id=digest.council_id, subscriber__bounced_at__isnull=True, subscriber__frequency=Frequency.WEEKLY
    ).values_list("subscriber_id", flat=True)
    key = f"digest:{digest.pk}"
    before = Delivery.objects.filter(digest=digest).count()
    ids = list(recipients)
    with transaction.atomic():  # one commit, not one per 5,000 rows
        for start in range(0, len(ids), 5000):
            Delivery.objects.bulk_create(
                [
                    Delivery(subscriber_id=sid, kind=DeliveryKind.DIGEST, key=key, digest=digest)
                    for sid in ids[start : start + 5000]
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
    return Delivery.objects.filter(digest=digest).count() - before


@lru_cache(maxsize=32)
def _rendered(digest_id: int, updated_at: str) -> tuple[str, str, str, str, str]:
    digest = Digest.objects.select_related("council").get(pk=digest_id)
    code = digest.council.code
    context = {
        "digest": digest,
        "content": digest.content,
        "web_url": links.digest_url(code, digest.week),
        "archive_url": links.archive_url(code),
        "council_url": links.council_url(code),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
        "preferences_url": PREFERENCES_PLACEHOLDER,
    }
    text = render_to_string("subscriptions/email/digest.txt", context)
    html = render_to_string("subscriptions/email/digest.html", context)
    return digest.subject, text, html, code, f"<digest.{code.lower()}.{links.mail_list_host()}>"


def digest_mail_parts(digest: Digest, unsubscribe_url: str, preferences_url: str) -> tuple[str, str, str, str]:
    """Subject, text, HTML and List-Id of ``digest`` for one recipient (rendered once per digest)."""
    subject, text, html, _code, list_id = _rendered(digest.pk, digest.updated_at.isoformat())
    text = text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url).replace(PREFERENCES_PLACEHOLDER, preferences_url)
    html = html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)).replace(
        PREFERENCES_PLACEHOLDER, escape(preferences_url)
    )
    return subject, text, html, list_id
