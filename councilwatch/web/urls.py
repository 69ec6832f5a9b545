from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from councilwatch.web import documents, feeds, ical, search_views, transcripts, views
from councilwatch.web.sitemaps import SITEMAPS

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "web:sitemap"},
        name="sitemap_index",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("search/", search_views.search, name="search"),
    path("councils/", views.council_list, name="council_list"),
    path("councils/<str:code>/", views.council_detail, name="council"),
    path("councils/<str:code>/feed.atom", feeds.CouncilFeed(), name="council_feed"),
    path("councils/<str:code>/meetings.ics", ical.council_calendar, name="council_ical"),
    path("councils/<str:code>/meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("councils/<str:code>/committees/<slug:slug>/", views.committee_detail, name="committee"),
    path("councils/<str:code>/committees/<slug:slug>/feed.atom", feeds.CommitteeFeed(), name="committee_feed"),
    path("councils/<str:code>/committees/<slug:slug>/meetings.ics", ical.committee_calendar, name="committee_ical"),
    path("councils/<str:code>/people/<int:pk>/", views.person_detail, name="person"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed.atom", feeds.TopicFeed(), name="topic_feed"),
    path("documents/<int:pk>/", documents.serve_document, name="document"),
    path("documents/<int:pk>/pages/<int:number>/", documents.document_page, name="document_page"),
    path("documents/<int:pk>/transcript/", transcripts.transcript, name="transcript"),
]
