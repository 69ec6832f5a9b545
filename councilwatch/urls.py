from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("councilwatch.api.urls")),
    path("", include("councilwatch.subscriptions.urls")),
    path("", include("councilwatch.web.urls")),
]
