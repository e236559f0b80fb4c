"""Record lists (filters, sorting, pages) and details (evidence and audit history) for observations, events
and activities. Workflow records (consignments, shelters, ...) are engineer O's pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sitroom.access import require_view
from sitroom.errors import InputError, NotFound
from sitroom.operations.models import ActivityStatus, EventKind, Sector
from sitroom.picture import selectors
from sitroom.reference.models import Indicator
from sitroom.web.evidence import claim_url, evidence_url_for_observation

from ._common import filter_choices, paginate, picture_filter, sort_param

HISTORY_ROWS = 50


def _history(record) -> list:
    return list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[:HISTORY_ROWS])


def _get(qs, pk: int, user, what: str):
    record = qs.filter(pk=pk).first()
    if record is None:
        raise NotFound(f"No {what} with id {pk}")
    require_view(user, record)
    return record


OBSERVATION_SORTS = {"date": ("date", "id"), "value": ("value", "id"), "indicator": ("indicator__code", "date", "id"), "entered": ("created_at", "id")}


@require_GET
def observation_list(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    qs = selectors.observations_for(request.user, filters)
    code = request.GET.get("indicator") or ""
    if code:
        qs = qs.filter(indicator__code=code)
    verification = request.GET.get("verification") or ""
    if verification:
        if verification not in ("proposed", "verified"):
            raise InputError(f"verification: '{verification}' is not proposed or verified", field="verification")
        qs = qs.filter(verification=verification)
    # Reported figures (what a source or a person stated) or amounts recorded by the operation's records.
    origin = request.GET.get("origin") or ""
    if origin:
        if origin not in ("reported", "recorded"):
            raise InputError(f"origin: '{origin}' is not reported or recorded", field="origin")
        qs = qs.filter(derived_type__isnull=(origin == "reported"))
    sort, order = sort_param(request, OBSERVATION_SORTS, "-date")
    qs = qs.select_related("indicator", "place", "organization", "source").defer("source__original", "source__text").order_by(*order)
    page = paginate(request, qs)
    rows = [{"o": o, "evidence": evidence_url_for_observation(o)} for o in page.items]
    return render(request, "web/observation_list.html", {
        "page": page, "rows": rows, "sort": sort, "indicator": code, "verification": verification, "origin": origin,
        "indicators": Indicator.objects.order_by("code").values_list("code", flat=True), **filter_choices(),
    })


@require_GET
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    qs = selectors.observations_for(request.user).model.objects.select_related(
        "indicator", "place", "organization", "source", "claim", "created_by", "derived_type")
    obs = _get(qs, pk, request.user, "observation")
    derived = obs.derived_from if obs.derived_type_id else None
    return render(request, "web/observation_detail.html", {
        "o": obs, "evidence_url": evidence_url_for_observation(obs), "derived": derived,
        "derived_url": derived.get_absolute_url() if derived is not None and hasattr(derived, "get_absolute_url") else "",
        "claim_url": claim_url(obs.source_id or obs.claim.source_id, obs.claim_id) if obs.claim_id else "",
        "history": _history(obs),
    })


EVENT_SORTS = {"date": ("date", "id"), "kind": ("kind", "date", "id"), "title": ("title", "id")}


@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    qs = selectors.events_for(request.user, filters)
    kind = request.GET.get("kind") or ""
    if kind:
        if kind not in EventKind.values:
            raise InputError(f"kind: '{kind}' is not an event kind", field="kind")
        qs = qs.filter(kind=kind)
    sort, order = sort_param(request, EVENT_SORTS, "-date")
    page = paginate(request, qs.select_related("source", "reported_by").prefetch_related("places").order_by(*order))
    return render(request, "web/event_list.html", {"page": page, "sort": sort, "kind": kind, "kind_choices": EventKind.choices, **filter_choices()})


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from sitroom.access import can_see_note
    from sitroom.operations.models import Event

    event = _get(Event.objects.select_related("source", "claim", "reported_by", "merged_into", "created_by"), pk, request.user, "event")
    positions = [{"p": p, "show_note": can_see_note(request.user, note_org_id=p.organization_id, internal=p.note_internal)}
                 for p in event.positions.select_related("organization")]
    return render(request, "web/event_detail.html", {
        "e": event, "places": list(event.places.all()), "actors": list(event.actors.all()), "positions": positions,
        "merged": list(event.merged.all()[:50]),
        "claim_url": claim_url(event.source_id or event.claim.source_id, event.claim_id) if event.claim_id else "",
        "history": _history(event),
    })


ACTIVITY_SORTS = {"start": ("start", "id"), "title": ("title", "id"), "status": ("status", "id"), "sector": ("sector", "id")}


@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    filters = picture_filter(request)
    qs = selectors.activities_for(request.user, filters)
    sector, status = request.GET.get("sector") or "", request.GET.get("status") or ""
    if sector:
        qs = qs.filter(sector=sector)
    if status:
        qs = qs.filter(status=status)
    sort, order = sort_param(request, ACTIVITY_SORTS, "-start")
    page = paginate(request, qs.select_related("organization", "place").order_by(*order))
    return render(request, "web/activity_list.html", {"page": page, "sort": sort, "sector": sector, "status": status,
                                                      "sectors": Sector.choices, "statuses": ActivityStatus.choices, **filter_choices()})


@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    from sitroom.operations.models import Activity

    activity = _get(Activity.objects.select_related("organization", "place", "created_by"), pk, request.user, "activity")
    return render(request, "web/activity_detail.html", {"a": activity, "history": _history(activity)})
