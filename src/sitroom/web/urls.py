"""The pages of the situation room. Engineers O (workflow records) and A (exchange: imports/exports) add
theirs through `urls_workflows` and `urls_exchange`, included at the end."""

from __future__ import annotations

from importlib import import_module

from django.contrib.auth import views as auth_views
from django.urls import include, path

from sitroom.web import views
from sitroom.web.forms import LoginForm


def _optional(module: str) -> list:
    """Include `module` when it exists, so this file works before its owner has written it."""
    try:
        import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return []
        raise
    return [path("", include(module))]


urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("login/", auth_views.LoginView.as_view(template_name="web/login.html", authentication_form=LoginForm,
                                                redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", views.dashboard, name="dashboard"),
    # sources, claims, review
    path("sources/", views.source_list, name="source_list"),
    path("sources/new/", views.source_new, name="source_new"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/<int:pk>/original", views.source_original, name="source_original"),
    path("claims/<int:pk>/", views.claim_goto, name="claim_goto"),
    path("claims/<int:pk>/review/", views.claim_review, name="claim_review"),
    path("review/", views.review_queue, name="review_queue"),
    path("review/next/", views.review_next, name="review_next"),
    # the picture
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<str:code>/", views.indicator_detail, name="indicator_detail"),
    path("map/", views.map_page, name="map"),
    path("map/data/", views.map_data, name="map_data"),
    path("timeline/", views.timeline, name="timeline"),
    path("charts/", views.charts, name="charts"),
    # records (workflow records are engineer O's, in urls_workflows)
    path("records/observations/", views.observation_list, name="observation_list"),
    path("records/observations/<int:pk>/", views.observation_detail, name="observation_detail"),
    path("records/events/", views.event_list, name="event_list"),
    path("records/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("records/activities/", views.activity_list, name="activity_list"),
    path("records/activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    *_optional("sitroom.web.urls_workflows"),
    *_optional("sitroom.web.urls_exchange"),
]
