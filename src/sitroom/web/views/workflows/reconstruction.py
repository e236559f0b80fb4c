"""Reconstruction objects: list with status buttons for the legal moves only, registration form."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.errors import ValidationError
from sitroom.operations.services import reconstruction as svc

from ._base import get_visible, run_form, writes
from .forms import ReconstructionForm, TransitionForm


@require_http_methods(["GET"])
def reconstruction_list(request: HttpRequest) -> HttpResponse:
    rows = [{"o": o, "moves": svc.reconstruction_next_statuses(o)} for o in svc.reconstruction_objects(request.user)]
    return render(request, "web/workflows/reconstruction_list.html", {"rows": rows, "can_write": request.user.can_edit_records})


@require_http_methods(["GET", "POST"])
@writes
def reconstruction_new(request: HttpRequest) -> HttpResponse:
    form = ReconstructionForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.reconstruction_object_create(user=request.user, name=d["name"], kind=d["kind"], place=d["place"], units=d["units"],
                                                    damage=d["damage"], organization=d["organization"], **f.record_fields())
        done = run_form(request, form, create, success=reverse("reconstruction_list"), message="Object registered.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "Register a damaged object", "back": reverse("reconstruction_list")},
                  status=400 if request.method == "POST" else 200)


@require_POST
@writes
def reconstruction_status(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_visible(svc.reconstruction_objects(request.user), pk, request.user, "object")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a status and a valid date.")
        return redirect("reconstruction_list")
    try:
        svc.reconstruction_object_set_status(user=request.user, obj=obj, status=form.cleaned_data["to"], on=form.cleaned_data["on"])
    except ValidationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"{obj.name}: {form.cleaned_data['to'].replace('_', ' ')}.")
    return redirect("reconstruction_list")
