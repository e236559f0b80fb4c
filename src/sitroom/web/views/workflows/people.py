"""Shelters (occupancy updates, overcrowding flag), evacuations and return movements."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.operations.services import people as svc

from ._base import get_visible, run_form, writes
from .forms import EvacuationForm, OccupancyForm, ReturnForm, ShelterForm


@require_http_methods(["GET"])
def shelter_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(request, "web/workflows/shelter_list.html", {
        "shelters": svc.shelters(user), "evacuations": svc.evacuations(user)[:100],
        "returns": svc.return_movements(user)[:100], "returns_per_place": svc.returns_per_place(user=user),
    })


def _form_page(request, form_class, create, *, title, success, message):
    form = form_class(request.POST or None)
    if request.method == "POST":
        done = run_form(request, form, create, success=success, message=message)
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": title, "back": reverse("shelter_list")},
                  status=400 if request.method == "POST" else 200)


@require_http_methods(["GET", "POST"])
@writes
def shelter_new(request: HttpRequest) -> HttpResponse:
    def create(f):
        d = f.cleaned_data
        return svc.shelter_create(user=request.user, name=d["name"], place=d["place"], operator=d["operator"], capacity=d["capacity"],
                                  has_accommodation=d["has_accommodation"], has_meals=d["has_meals"], has_medical=d["has_medical"],
                                  **f.record_fields())
    return _form_page(request, ShelterForm, create, title="New shelter", success=lambda s: reverse("shelter_detail", args=[s.pk]),
                      message="Shelter registered.")


def _shelter_page(request, shelter, form=None, status=200):
    return render(request, "web/workflows/shelter_detail.html", {
        "shelter": shelter, "updates": svc.shelter_occupancy_updates(user=request.user, shelter=shelter)[:60],
        "form": form or OccupancyForm(), "can_write": request.user.can_edit_records,
        "evacuations": svc.evacuations(request.user).filter(shelter=shelter)[:50],
    }, status=status)


@require_http_methods(["GET"])
def shelter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _shelter_page(request, get_visible(svc.shelters(request.user), pk, request.user, "shelter"))


@require_POST
@writes
def shelter_occupancy(request: HttpRequest, pk: int) -> HttpResponse:
    shelter = get_visible(svc.shelters(request.user), pk, request.user, "shelter")
    form = OccupancyForm(request.POST)

    def record(f):
        result = svc.shelter_record_occupancy(user=request.user, shelter=shelter, date=f.cleaned_data["date"],
                                              occupancy=f.cleaned_data["occupancy"], note=f.cleaned_data["note"])
        return result

    done = run_form(request, form, record, success=reverse("shelter_detail", args=[pk]), message="Occupancy recorded.")
    return done or _shelter_page(request, shelter, form, status=400)


@require_http_methods(["GET", "POST"])
@writes
def evacuation_new(request: HttpRequest) -> HttpResponse:
    def create(f):
        d = f.cleaned_data
        return svc.evacuation_create(user=request.user, date=d["date"], origin=d["origin"], destination=d["destination"], people=d["people"],
                                     children=d["children"], organization=d["organization"], status=d["status"], note=d["note"],
                                     **f.record_fields())
    return _form_page(request, EvacuationForm, create, title="New evacuation", success=reverse("shelter_list"), message="Evacuation recorded.")


@require_http_methods(["GET", "POST"])
@writes
def return_new(request: HttpRequest) -> HttpResponse:
    def create(f):
        d = f.cleaned_data
        return svc.return_movement_create(user=request.user, destination=d["destination"], origin=d["origin"], date=d["date"],
                                          people=d["people"], escorted_by=d["escorted_by"], note=d["note"], **f.record_fields())
    return _form_page(request, ReturnForm, create, title="New return movement", success=reverse("shelter_list"), message="Return recorded.")
