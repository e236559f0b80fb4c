"""Top-level URLs: each app brings its own urls module."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("sitroom.api.urls")),
    path("", include("sitroom.web.urls")),
]

# A request refused before any view runs (e.g. over SITROOM_MAX_UPLOAD_MB) still gets a message naming the problem.
handler400 = "sitroom.web.http_errors.bad_request"
