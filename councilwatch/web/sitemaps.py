"""The sitemap: councils, meetings with a summary, committees and topics."""

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet
from django.urls import reverse

from councilwatch.councils.models import Committee, Council
from councilwatch.meetings.models import Meeting
from councilwatch.summaries.models import Topic
from councilwatch.web.formatting import committee_slug


class CouncilSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet:
        return Council.objects.order_by("code").only("code", "updated_at")

    def lastmod(self, obj: Council):
        return obj.updated_at


class MeetingSitemap(Sitemap):
    changefreq = "monthly"
    limit = 10000

    def items(self) -> QuerySet:
        return (
            Meeting.objects.filter(summaries__is_latest=True)
            .distinct()
            .select_related("council")
            .only("pk", "updated_at", "council__code")
            .order_by("pk")
        )

    def location(self, obj: Meeting) -> str:
        return reverse("web:meeting", args=[obj.council.code, obj.pk])

    def lastmod(self, obj: Meeting):
        return obj.updated_at


class CommitteeSitemap(Sitemap):
    def items(self) -> QuerySet:
        return Committee.objects.select_related("council").order_by("pk")

    def location(self, obj: Committee) -> str:
        return reverse("web:committee", args=[obj.council.code, committee_slug(obj)])


class TopicSitemap(Sitemap):
    def items(self) -> QuerySet:
        return Topic.objects.order_by("slug")

    def location(self, obj: Topic) -> str:
        return reverse("web:topic", args=[obj.slug])


SITEMAPS = {
    "councils": CouncilSitemap,
    "meetings": MeetingSitemap,
    "committees": CommitteeSitemap,
    "topics": TopicSitemap,
}
