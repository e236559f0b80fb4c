"""Demining: hazardous areas with progress, clearance tasks."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.operations.services import demining as svc

from ._base import get_visible, run_form, writes
from .forms import ClearanceTaskForm, HazardousAreaForm


@require_http_methods(["GET"])
def demining_list(request: HttpRequest) -> HttpResponse:
    return render(request, "web/workflows/demining_list.html", {"progress": svc.hazardous_area_progress(user=request.user)})


@require_http_methods(["GET", "POST"])
@writes
def hazardous_area_new(request: HttpRequest) -> HttpResponse:
    form = HazardousAreaForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.hazardous_area_create(user=request.user, name=d["name"], place=d["place"], estimated_area_m2=d["estimated_area_m2"],
                                             contamination=d["contamination"], **f.record_fields())
        done = run_form(request, form, create, success=lambda a: reverse("hazardous_area_detail", args=[a.pk]), message="Hazardous area recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "New hazardous area", "back": reverse("demining_list")},
                  status=400 if request.method == "POST" else 200)


def _area_page(request, area, form=None, status=200):
    (progress,) = svc.hazardous_area_progress(user=request.user, area=area)
    return render(request, "web/workflows/hazardous_area_detail.html", {
        "area": area, "progress": progress, "tasks": svc.clearance_tasks(request.user).filter(area=area),
        "form": form or ClearanceTaskForm(), "can_write": request.user.can_edit_records,
    }, status=status)


@require_http_methods(["GET"])
def hazardous_area_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _area_page(request, get_visible(svc.hazardous_areas(request.user), pk, request.user, "hazardous area"))


@require_POST
@writes
def clearance_task_new(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_visible(svc.hazardous_areas(request.user), pk, request.user, "hazardous area")
    form = ClearanceTaskForm(request.POST)

    def create(f):
        d = f.cleaned_data
        return svc.clearance_task_create(
            user=request.user, area=area, organization=d["organization"], team=d["team"], start=d["start"], end=d["end"], status=d["status"],
            area_cleared_m2=d["area_cleared_m2"], items_found=f.parse_items(d["items_found"], "items_found"),
            items_destroyed=f.parse_items(d["items_destroyed"], "items_destroyed"), **f.record_fields())

    done = run_form(request, form, create, success=reverse("hazardous_area_detail", args=[pk]), message="Clearance task recorded.")
    return done or _area_page(request, area, form, status=400)
