"""Ceasefire incidents: list with weekly counts and proposed duplicates, report form, detail with every
party's position side by side, position form, merge."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.errors import InputError, ValidationError
from sitroom.operations.services import incidents as svc

from ._base import get_visible, run_form, writes
from .forms import IncidentForm, PositionForm


@require_http_methods(["GET"])
def incident_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    kind = request.GET.get("kind") or ""
    qs = svc.incidents(user)
    if kind:
        qs = qs.filter(incident_kind=kind)
    weekly = svc.incident_weekly_counts(user=user)
    weeks = sorted({row.week for row in weekly})
    areas: dict = {}
    for row in weekly:
        key = (row.area.name if row.area else "—", row.incident_kind)
        areas.setdefault(key, {})[row.week] = row.count
    weekly_rows = [{"area": a, "kind": k, "counts": [counts.get(w, 0) for w in weeks], "total": sum(counts.values())}
                   for (a, k), counts in sorted(areas.items())]
    return render(request, "web/workflows/incident_list.html", {
        "incidents": qs.order_by("-date", "-id")[:200], "kind": kind, "kinds": svc.IncidentKind.choices,
        "weeks": weeks, "weekly_rows": weekly_rows, "duplicates": svc.incidents_likely_duplicates(user=user)[:30],
    })


@require_http_methods(["GET", "POST"])
@writes
def incident_new(request: HttpRequest) -> HttpResponse:
    form = IncidentForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.incident_create(
                user=request.user, incident_kind=d["incident_kind"], title=d["title"], date=d["date"], places=[d["place"]],
                description=d["description"], time_of_day=d["time_of_day"], reported_by=d["reported_by"],
                casualties={k: d[k] for k in svc.CASUALTY_FIELDS}, **f.record_fields(),
            )
        done = run_form(request, form, create, success=lambda e: reverse("incident_detail", args=[e.pk]), message="Incident recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "Report an incident", "back": reverse("incident_list")},
                  status=400 if request.method == "POST" else 200)


def _detail_context(request: HttpRequest, incident, position_form=None) -> dict:
    user = request.user
    return {
        "incident": incident,
        "positions": svc.incident_positions(user=user, incident=incident),
        "field_sources": svc.incident_field_sources(user=user, incident=incident),
        "duplicates": svc.incidents_likely_duplicates(user=user, incident=incident) if not incident.merged_into_id else [],
        "position_form": position_form or PositionForm(initial={"organization": getattr(user.organization, "key", None)}),
        "can_write": user.can_edit_records,
    }


@require_http_methods(["GET"])
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(svc.incident_records(request.user), pk, request.user, "incident")
    return render(request, "web/workflows/incident_detail.html", _detail_context(request, incident))


@require_POST
@writes
def incident_position(request: HttpRequest, pk: int) -> HttpResponse:
    incident = get_visible(svc.incident_records(request.user), pk, request.user, "incident")
    form = PositionForm(request.POST)
    done = run_form(
        request, form,
        lambda f: svc.incident_record_position(user=request.user, incident=incident, organization=f.cleaned_data["organization"],
                                               position=f.cleaned_data["position"], note=f.cleaned_data["note"],
                                               internal=f.cleaned_data["internal"]),
        success=reverse("incident_detail", args=[pk]), message="Position recorded.",
    )
    if done:
        return done
    return render(request, "web/workflows/incident_detail.html", _detail_context(request, incident, form), status=400)


@require_POST
@writes
def incident_merge(request: HttpRequest, pk: int) -> HttpResponse:
    survivor = get_visible(svc.incident_records(request.user), pk, request.user, "incident")
    raw = request.POST.getlist("duplicate")
    try:
        ids = [int(v) for v in raw]
    except ValueError:
        raise InputError("duplicate: expected incident ids", field="duplicate") from None
    duplicates = [get_visible(svc.incident_records(request.user), i, request.user, "incident") for i in ids]
    try:
        svc.incident_merge(user=request.user, survivor=survivor, duplicates=duplicates, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, exc.message)
        return redirect("incident_detail", pk=pk)
    messages.success(request, f"Merged {len(duplicates)} report(s) into this incident.")
    return redirect("incident_detail", pk=pk)


__all__ = ["incident_detail", "incident_list", "incident_merge", "incident_new", "incident_position"]
