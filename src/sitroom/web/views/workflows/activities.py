"""3W: the matrix organisations x sectors x places, its CSV (+HXL) export, the activity form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sitroom.errors import InputError
from sitroom.operations.models import ActivityStatus, Sector
from sitroom.operations.services import activities as svc

from ._base import run_form, writes
from .forms import ActivityForm


def _filters(request: HttpRequest) -> tuple[str, str]:
    sector, status = request.GET.get("sector") or "", request.GET.get("status") or ""
    if sector and sector not in Sector.values:
        raise InputError(f"sector: {sector!r} is not a sector", field="sector")
    if status and status not in ActivityStatus.values:
        raise InputError(f"status: {status!r} is not an activity status", field="status")
    return sector, status


@require_http_methods(["GET"])
def three_w(request: HttpRequest) -> HttpResponse:
    sector, status = _filters(request)
    matrix = svc.three_w_matrix(user=request.user, sector=sector or None, status=status or None)
    return render(request, "web/workflows/three_w.html", {
        "matrix": matrix, "rows": matrix.rows(), "sector": sector, "status": status,
        "sectors": Sector.choices, "statuses": ActivityStatus.choices, "query": request.GET.urlencode(),
    })


@require_http_methods(["GET"])
def three_w_csv(request: HttpRequest) -> HttpResponse:
    sector, status = _filters(request)
    response = HttpResponse(svc.three_w_csv(user=request.user, sector=sector or None, status=status or None), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sitroom-3w.csv"'
    return response


@require_http_methods(["GET", "POST"])
@writes
def activity_new(request: HttpRequest) -> HttpResponse:
    form = ActivityForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.activity_create(user=request.user, title=d["title"], organization=d["organization"], sector=d["sector"], place=d["place"],
                                       start=d["start"], end=d["end"], status=d["status"], progress_value=d["progress_value"],
                                       target_value=d["target_value"], progress_unit=d["progress_unit"], **f.record_fields())
        done = run_form(request, form, create, success=reverse("three_w"), message="Activity recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "New activity", "back": reverse("three_w")},
                  status=400 if request.method == "POST" else 200)
