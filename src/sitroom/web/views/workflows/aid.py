"""Consignments: list, form with items, detail with buttons for the legal status moves only; needs vs delivered."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.errors import ValidationError
from sitroom.operations.models import ConsignmentStatus
from sitroom.operations.services import aid as svc

from ._base import get_visible, run_form, writes
from .forms import ConsignmentForm, NeedForm, TransitionForm

STATUS_VERBS = {"in_transit": "Dispatch (in transit)", "delivered": "Mark delivered", "distributed": "Mark distributed", "cancelled": "Cancel"}


@require_http_methods(["GET"])
def consignment_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    qs = svc.consignments(request.user)
    if status:
        qs = qs.filter(status=status)
    return render(request, "web/workflows/consignment_list.html", {
        "consignments": qs[:300], "status": status, "statuses": ConsignmentStatus.choices,
        "needs": svc.needs_vs_delivered(user=request.user),
    })


@require_http_methods(["GET", "POST"])
@writes
def consignment_new(request: HttpRequest) -> HttpResponse:
    form = ConsignmentForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.consignment_create(
                user=request.user, donor=d["donor"], destination=d["destination"], origin=d["origin"], items=f.items(),
                reference=d["reference"], convoy=d["convoy"], escort=d["escort"], sector=d["sector"], planned_on=d["planned_on"],
                note=d["note"], **f.record_fields(),
            )
        done = run_form(request, form, create, success=lambda c: reverse("consignment_detail", args=[c.pk]), message="Consignment recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "New consignment", "back": reverse("consignment_list")},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET"])
def consignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consignment = get_visible(svc.consignments(request.user), pk, request.user, "consignment")
    moves = [(status, STATUS_VERBS.get(status, status)) for status in svc.consignment_next_statuses(consignment)]
    return render(request, "web/workflows/consignment_detail.html", {
        "c": consignment, "moves": moves, "can_write": request.user.can_edit_records,
        "history": consignment.history.select_related("history_user").order_by("-history_date")[:50],
    })


@require_POST
@writes
def consignment_transition(request: HttpRequest, pk: int) -> HttpResponse:
    consignment = get_visible(svc.consignments(request.user), pk, request.user, "consignment")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status and a valid date.")
        return redirect("consignment_detail", pk=pk)
    try:
        svc.consignment_transition(user=request.user, consignment=consignment, to=form.cleaned_data["to"], on=form.cleaned_data["on"])
    except ValidationError as exc:
        messages.error(request, exc.message)
        return redirect("consignment_detail", pk=pk)
    messages.success(request, f"Consignment is now {form.cleaned_data['to'].replace('_', ' ')}.")
    return redirect("consignment_detail", pk=pk)


@require_http_methods(["GET", "POST"])
@writes
def need_new(request: HttpRequest) -> HttpResponse:
    form = NeedForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.needs_assessment_create(
                user=request.user, place=d["place"], sector=d["sector"], item_kind=d["item_kind"], quantity_requested=d["quantity_requested"],
                unit=d["unit"], assessed_on=d["assessed_on"], assessed_by=d["assessed_by"], **f.record_fields())
        done = run_form(request, form, create, success=reverse("consignment_list"), message="Needs assessment recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "New needs assessment", "back": reverse("consignment_list")},
                  status=400 if request.method == "POST" else 200)
