"""The dashboard: headline figures, timeline, map, recent sources, review backlog — one set of filters."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sitroom.picture import selectors
from sitroom.web.evidence import evidence_url_for_point

from ._common import filter_choices, filter_query, picture_filter


def sparkline_points(values: list[float], *, width: int = 120, height: int = 30) -> str:
    """SVG polyline points for a sparkline (drawn server-side: no script, no inline style)."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = width / (len(values) - 1)
    return " ".join(f"{i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in enumerate(values))


def recorded_url(code: str, query: str = "", place: str = "") -> str:
    """The list of the observations the operation's own records fed for an indicator (same filters)."""
    params = QueryDict(query, mutable=True)
    for name in ("indicator", "origin", "page", "sort"):
        params.pop(name, None)
    params["indicator"], params["origin"] = code, "recorded"
    if place:
        params["place"] = place
    return f"{reverse('observation_list')}?{params.urlencode()}"


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    query = filter_query(request)
    cards = []
    for fig in selectors.headline_figures(request.user, filters):
        h = fig.headline
        cards.append({
            "figure": fig,
            "headline": h,
            "evidence_url": evidence_url_for_point(h.point) if h else "",
            "reconcile_url": f"{reverse('indicator_detail', args=[fig.indicator.code])}?{query}" if query else reverse("indicator_detail", args=[fig.indicator.code]),
            "sparkline": sparkline_points([v for _, v in fig.sparkline]),
            "recorded_url": recorded_url(fig.indicator.code, query) if fig.recorded else "",
        })
    events = list(selectors.timeline(request.user, filters)[:12])
    backlog_count, backlog = selectors.review_backlog(request.user)
    return render(request, "web/dashboard.html", {
        "cards": cards,
        "events": events,
        "sources": selectors.recent_sources(request.user, filters),
        "backlog_count": backlog_count,
        "backlog": backlog,
        "backlog_cap": selectors.events.BACKLOG_CAP,
        "filters": filters,
        "query": query,
        "map_config": {"dataUrl": reverse("map_data"), "query": query, "tileUrl": request_tile_url(), "small": True},
        **filter_choices(),
    })


def request_tile_url() -> str:
    from django.conf import settings

    return settings.MAP_TILE_URL
