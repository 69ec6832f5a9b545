"""Professionals' alerts: match new summaries on keywords and topics, say why, and batch matches into mails.

A summary matches an alert when (the alert has no keywords or one of them appears as a phrase) and (the alert
has no topics or one of its topics is the summary's or a section's) and it is in one of the alert's councils
(none chosen = every council). Each match keeps its reasons with a snippet around the hit.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from councilwatch.subscriptions import links
from councilwatch.subscriptions.models import Alert, AlertFrequency, AlertMatch, Delivery, DeliveryKind, Digest
from councilwatch.subscriptions.weeks import LONDON, week_label
from councilwatch.summaries.models import Summary

SNIPPET_CHARS = 90
BACKFILL = timedelta(days=7)


@dataclass(frozen=True)
class Passage:
    where: str
    text: str
    topics: frozenset[str]


def _passages(summary: Summary) -> list[Passage]:
    passages = [Passage("headline", summary.headline, frozenset())]
    for section in (summary.body or {}).get("sections", []):
        number = str(section.get("item_number") or "").strip()
        title = str(section.get("title") or "").strip()
        where = f"item {number}: {title}" if number else (title or "summary")
        decisions = " ".join(str(d) for d in section.get("decisions", []))
        text = " ".join(part for part in (title, str(section.get("text") or ""), decisions) if part)
        passages.append(Passage(where, text, frozenset(str(t) for t in section.get("topics", []))))
    return passages


def keyword_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _snippet(text: str, start: int, end: int) -> dict:
    """The hit with up to SNIPPET_CHARS of context each side, cut at word boundaries."""
    left, right = max(0, start - SNIPPET_CHARS), min(len(text), end + SNIPPET_CHARS)
    before, after = text[left:start], text[end:right]
    if left > 0:
        before = "…" + before.split(" ", 1)[-1]
    if right < len(text):
        after = after.rsplit(" ", 1)[0] + "…"
    return {"before": before, "hit": text[start:end], "after": after}


def match_reasons(keywords: list[str], topic_slugs: set[str], summary: Summary, summary_topics: set[str]) -> list[dict]:
    """Why ``summary`` matches (empty when it does not): one reason per keyword found and per shared topic."""
    passages = _passages(summary)
    reasons: list[dict] = []
    for phrase in keywords:
        pattern = keyword_pattern(phrase)
        for passage in passages:
            found = pattern.search(passage.text)
            if found:
                reasons.append(
                    {"kind": "keyword", "term": phrase, "where": passage.where}
                    | _snippet(passage.text, found.start(), found.end())
                )
                break
    if keywords and not reasons:
        return []
    if topic_slugs:
        section_topics = set().union(*(p.topics for p in passages))
        shared = sorted(topic_slugs & (summary_topics | section_topics))
        if not shared:
            return []
        reasons.extend({"kind": "topic", "term": slug, "where": "topics"} for slug in shared)
    return reasons


def match_alerts(now: datetime | None = None) -> int:
    """Record matches of every active professional alert against summaries made since it last looked."""
    now = now or timezone.now()
    created = 0
    alerts = Alert.objects.filter(is_active=True, subscriber__is_professional=True, subscriber__bounced_at__isnull=True)
    for alert in alerts.prefetch_related("topics", "councils"):
        since = alert.checked_until or (alert.created_at - BACKFILL)
        summaries = Summary.objects.filter(is_latest=True, created_at__gt=since, created_at__lte=now)
        council_ids = [c.pk for c in alert.councils.all()]
        if council_ids:
            summaries = summaries.filter(meeting__council_id__in=council_ids)
        seen_meetings = set(alert.matches.values_list("summary__meeting_id", flat=True))
        topic_slugs = {t.slug for t in alert.topics.all()}
        keywords = [k for k in alert.keywords if str(k).strip()]
        for summary in summaries.select_related("meeting").prefetch_related("topics").order_by("created_at", "id"):
            if summary.meeting_id in seen_meetings:
                continue
            reasons = match_reasons(keywords, topic_slugs, summary, {t.slug for t in summary.topics.all()})
            if reasons:
                _, made = AlertMatch.objects.get_or_create(alert=alert, summary=summary, defaults={"reasons": reasons})
                created += made
                seen_meetings.add(summary.meeting_id)
        alert.checked_until = now
        alert.save(update_fields=["checked_until", "updated_at"])
    return created


def _period(moment: datetime, frequency: str) -> str:
    local = timezone.localtime(moment, LONDON)
    if frequency == AlertFrequency.DAILY:
        return local.date().isoformat()
    if frequency == AlertFrequency.WEEKLY:
        return week_label(local.date())
    return ""


def queue_alert_deliveries(now: datetime | None = None) -> int:
    """Gather each alert's unsent matches into one delivery when its frequency says one is due."""
    now = now or timezone.now()
    queued = 0
    pending = AlertMatch.objects.filter(delivery__isnull=True, alert__is_active=True).values_list("alert_id", flat=True)
    for alert in Alert.objects.filter(pk__in=set(pending)).select_related("subscriber"):
        if alert.frequency != AlertFrequency.IMMEDIATE:
            last = alert.deliveries.order_by("-created_at").first()
            if last is not None and _period(last.created_at, alert.frequency) == _period(now, alert.frequency):
                continue  # already had this day's / week's mail
        with transaction.atomic():
            matches = list(alert.matches.select_for_update().filter(delivery__isnull=True).order_by("id"))
            if not matches:
                continue
            delivery, made = Delivery.objects.get_or_create(
                subscriber=alert.subscriber,
                key=f"alert:{alert.pk}:{matches[0].pk}",
                defaults={"kind": DeliveryKind.ALERT, "alert": alert},
            )
            AlertMatch.objects.filter(pk__in=[m.pk for m in matches]).update(delivery=delivery)
            queued += made
    return queued


def alert_mail_parts(delivery: Delivery, unsubscribe_url: str, preferences_url: str) -> tuple[str, str, str]:
    """Subject, text and HTML of one alert delivery: its matches, each with why and a link."""
    alert = delivery.alert
    matches = []
    for match in delivery.alert_matches.select_related("summary__meeting__council", "summary__meeting__committee"):
        meeting = match.summary.meeting
        local = timezone.localtime(meeting.start, LONDON)
        week = week_label(local.date())
        has_digest = Digest.objects.filter(council_id=meeting.council_id, week=week).exists()
        matches.append(
            {
                "council": meeting.council.name,
                "meeting": str(meeting.committee.name if meeting.committee_id else meeting.title or "Meeting"),
                "when": f"{local.day} {local:%B %Y}",
                "headline": match.summary.headline,
                "url": links.meeting_url(meeting, meeting.council.code, week if has_digest else None),
                "reasons": match.reasons,
            }
        )
    n = len(matches)
    subject = f"Alert “{alert.name}”: {n} new match{'es' if n != 1 else ''}"
    context = {
        "alert": alert,
        "matches": matches,
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
    }
    text = render_to_string("subscriptions/email/alert.txt", context)
    html = render_to_string("subscriptions/email/alert.html", context)
    return subject, text, html
