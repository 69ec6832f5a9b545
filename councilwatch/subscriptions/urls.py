from django.urls import path

from councilwatch.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", views.confirm, name="confirm"),
    path("subscribe/<str:code>/", views.subscribe_page, name="subscribe_page"),
    path("subscriptions/<str:token>/", views.preferences, name="preferences"),
    path("subscriptions/<str:token>/export/", views.export, name="export"),
    path("subscriptions/<str:token>/delete/", views.delete, name="delete"),
    path("subscriptions/<str:token>/unsubscribe/", views.unsubscribe, name="unsubscribe"),
    path("alerts/<str:token>/", views.alerts, name="alerts"),
    path("councils/<str:code>/digests/", views.digest_archive, name="digest_archive"),
    path("councils/<str:code>/digests/<str:week>/", views.digest_week, name="digest_week"),
]
