"""The picture: figures reconciled per indicator, the map (page and aggregated data), timeline, charts."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from sitroom.errors import InputError, NotFound
from sitroom.operations.models.common import LEVEL_INDICATORS
from sitroom.picture import selectors
from sitroom.reference.models import Indicator, Place
from sitroom.web.evidence import evidence_url_for_observation, evidence_url_for_point

from ._common import filter_choices, filter_query, paginate, picture_filter
from .dashboard import recorded_url


@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/indicator_list.html", {"indicators": Indicator.objects.order_by("code"), "query": filter_query(request)})


def _window_days(request: HttpRequest) -> int:
    raw = request.GET.get("window", "3")
    if not raw.isdigit() or not 1 <= int(raw) <= 90:
        raise InputError(f"window: '{raw}' is not a number of days between 1 and 90", field="window")
    return int(raw)


@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise NotFound(f"No indicator with code {code!r}")
    filters = picture_filter(request)
    window_days = _window_days(request)
    rec = selectors.reconciliation(request.user, indicator, filters, window_days=window_days)
    places = []
    chart = {"unit": indicator.unit, "datasets": []}
    for group in rec.by_place:
        windows = []
        for w in reversed(group.result.windows):
            rows = []
            for _key, points in sorted(w.by_source().items()):
                rows.append({"label": points[0].source_label, "points": [
                    {"p": p, "url": evidence_url_for_point(p), "flags": group.result.flags.get(p.observation_id, [])} for p in points
                ]})
            windows.append({"w": w, "sources": rows})
        places.append({"group": group, "windows": windows, "headline": group.result.headline,
                       "headline_url": evidence_url_for_point(group.result.headline.point) if group.result.headline else ""})
        by_source: dict[str, list] = {}
        for p in group.result.points:
            by_source.setdefault(p.source_label, []).append(
                {"x": p.date.isoformat(), "y": p.value, "verified": p.verified, "url": evidence_url_for_point(p)})
        if len(rec.by_place) <= 6:
            for label, data in by_source.items():
                chart["datasets"].append({"label": f"{label} · {group.place_name}", "data": data})
    query = filter_query(request)
    recorded = [{"r": r, "url": recorded_url(indicator.code, query, r.place_key)} for r in rec.recorded]
    return render(request, "web/indicator_detail.html", {
        "indicator": indicator, "rec": rec, "places": places, "filters": filters, "window_days": window_days,
        "chart": chart, "recorded": recorded, "recorded_all_url": recorded_url(indicator.code, query) if rec.recorded else "",
        "level": indicator.code in LEVEL_INDICATORS, **filter_choices(),
    })


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    picture_filter(request)  # a bad filter is reported here, not as a silent empty map
    return render(request, "web/map.html", {
        "map_config": {"dataUrl": reverse("map_data"), "query": filter_query(request), "tileUrl": settings.MAP_TILE_URL, "small": False},
        **filter_choices(),
    })


@require_GET
def map_data(request: HttpRequest) -> JsonResponse:
    """GeoJSON-like list of markers aggregated by place (or grid cell for ?zoom= below 10); with ?place=
    the popup data of one place: its latest accepted figures (each with its evidence link) and events."""
    filters = picture_filter(request)
    place_key = request.GET.get("detail")
    if place_key:
        place = Place.objects.filter(pk=int(place_key)).first() if place_key.isdigit() else Place.objects.filter(key=place_key).first()
        if place is None:
            raise NotFound(f"No place {place_key!r}")
        detail = selectors.map_place_detail(request.user, place, filters)
        return JsonResponse({
            "place": {"id": place.pk, "name": place.name, "names": place.all_names},
            "figures": [{"indicator": o.indicator.name, "value": o.value, "unit": o.unit or o.indicator.unit, "date": o.date.isoformat(),
                         "source": o.source.label if o.source else "", "url": evidence_url_for_observation(o)} for o in detail["figures"]],
            "events": [{"date": e.date.isoformat(), "title": e.title, "kind": e.get_kind_display(), "url": reverse("event_detail", args=[e.pk])}
                       for e in detail["events"]],
            "timelineUrl": f"{reverse('timeline')}?place={place.key}",
        })
    zoom = request.GET.get("zoom")
    if zoom is not None and not zoom.isdigit():
        raise InputError(f"zoom: '{zoom}' is not a zoom level", field="zoom")
    cell = selectors.cell_for_zoom(int(zoom) if zoom else None)
    markers = selectors.map_places(request.user, filters, cell_degrees=cell, only_active=request.GET.get("active") == "1")
    return JsonResponse({"markers": markers, "cell": cell})


@require_GET
def timeline(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    kinds = [k for k in request.GET.getlist("kind") if k]
    page = paginate(request, selectors.timeline(request.user, filters, kinds=kinds or None))
    from sitroom.operations.models import EventKind

    return render(request, "web/timeline.html", {"page": page, "filters": filters, "kinds": kinds,
                                                 "kind_choices": EventKind.choices, **filter_choices()})


@require_GET
def charts(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    code = request.GET.get("indicator") or "people.returned"
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        raise InputError(f"indicator: no indicator {code!r}", field="indicator")
    series = selectors.indicator_series(request.user, indicator, filters, limit=2000)
    by_source: dict[str, list] = {}
    for p in series:
        by_source.setdefault(p.source_label, []).append({"x": p.date.isoformat(), "y": p.value, "verified": p.verified})
    weeks = selectors.incidents_per_week(request.user, filters)
    aid = selectors.aid_tonnage_by_month(request.user, filters)
    data = {
        "series": {"label": indicator.name, "unit": indicator.unit,
                   "datasets": [{"label": k, "data": v} for k, v in sorted(by_source.items(), key=lambda kv: -len(kv[1]))[:12]]},
        "incidents": {"labels": [w["week"].isoformat() for w in weeks], "incidents": [w["incidents"] for w in weeks],
                      "killed": [w["killed"] for w in weeks], "injured": [w["injured"] for w in weeks]},
        "aid": {"labels": [a["month"].strftime("%Y-%m") for a in aid], "tons": [round(a["tons"], 2) for a in aid],
                "total": [round(a["total"], 2) for a in aid]},
    }
    return render(request, "web/charts.html", {"chart_data": data, "indicator": indicator, "weeks": weeks, "aid": aid,
                                               "series": series, "indicators": Indicator.objects.order_by("code"), **filter_choices()})
