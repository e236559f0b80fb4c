"""Top-level URLs: each app brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("sitroom.api.urls")),
    path("", include("sitroom.web.urls")),
]
