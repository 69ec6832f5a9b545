"""Atom feeds of new summaries per council, committee and topic.

Text constructs are plain text (``<title>``, the feed's title and subtitle), except the entry's ``<summary>``,
which Django writes with ``type="html"``: a reader renders it as HTML, so the plain-text headline (which names
scraped committees and items) is HTML-escaped before it goes in. The XML writer then escapes it once more.
"""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from councilwatch.summaries.models import Summary, Topic
from councilwatch.web import queries
from councilwatch.web.formatting import committee_slug, meeting_title

FEED_SIZE = 30


class SummaryFeed(Feed):
    feed_type = Atom1Feed

    def summaries(self, obj: object) -> QuerySet:
        raise NotImplementedError

    def items(self, obj: object) -> QuerySet:
        return (
            self.summaries(obj)
            .filter(is_latest=True)
            .select_related("meeting__council", "meeting__committee")
            .order_by("-created_at")[:FEED_SIZE]
        )

    def item_title(self, item: Summary) -> str:
        return f"{item.meeting.council.name}: {meeting_title(item.meeting)}"

    def item_description(self, item: Summary) -> str:
        return escape(item.headline)  # <summary type="html">: the headline is text, never markup

    def item_link(self, item: Summary) -> str:
        return reverse("web:meeting", args=[item.meeting.council.code, item.meeting_id])

    def item_guid(self, item: Summary) -> str:
        return f"summary-{item.meeting_id}-v{item.version}"

    def item_updateddate(self, item: Summary):
        return item.updated_at

    def item_pubdate(self, item: Summary):
        return item.created_at


class CouncilFeed(SummaryFeed):
    def get_object(self, request: HttpRequest, code: str):
        return queries.get_council(code)

    def title(self, obj) -> str:
        return f"{obj.name}: meeting summaries – councilwatch"

    def link(self, obj) -> str:
        return reverse("web:council", args=[obj.code])

    def summaries(self, obj) -> QuerySet:
        return Summary.objects.filter(meeting__council=obj)


class CommitteeFeed(SummaryFeed):
    def get_object(self, request: HttpRequest, code: str, slug: str):
        return queries.get_committee(queries.get_council(code), slug)

    def title(self, obj) -> str:
        return f"{obj.council.name} {obj.name}: meeting summaries – councilwatch"

    def link(self, obj) -> str:
        return reverse("web:committee", args=[obj.council.code, committee_slug(obj)])

    def summaries(self, obj) -> QuerySet:
        return Summary.objects.filter(meeting__committee=obj)


class TopicFeed(SummaryFeed):
    def get_object(self, request: HttpRequest, slug: str):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj) -> str:
        return f"{obj.name}: council meeting summaries – councilwatch"

    def link(self, obj) -> str:
        return reverse("web:topic", args=[obj.slug])

    def summaries(self, obj) -> QuerySet:
        return obj.summaries.all()
