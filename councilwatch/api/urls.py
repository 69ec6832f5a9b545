"""The API at /api/: version 1 under /api/v1/ (docs at /api/v1/docs, schema at /api/v1/openapi.json).

URL names live in the ``api-v1`` namespace (django-ninja's), e.g. ``reverse("api-v1:openapi-json")``.
"""

from django.urls import path

from councilwatch.api.api import api

urlpatterns = [path("v1/", api.urls)]
