"""Heritage and religious sites: register, detail with inspection log and inspection form."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.operations.services import sites as svc

from ._base import get_visible, run_form, writes
from .forms import InspectionForm, SiteForm


@require_http_methods(["GET"])
def site_list(request: HttpRequest) -> HttpResponse:
    rows = [{"site": s, "names": svc.site_all_names(s)} for s in svc.sites(request.user)]
    return render(request, "web/workflows/site_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
@writes
def site_new(request: HttpRequest) -> HttpResponse:
    form = SiteForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            names = {"en": [d["name"]], **{lang: [d[f"name_{lang}"]] for lang in ("hy", "ru", "az") if d[f"name_{lang}"]}}
            return svc.site_create(user=request.user, name=d["name"], names=names, kind=d["kind"], religion=d["religion"], place=d["place"],
                                   protection_status=d["protection_status"], protected_by=d["protected_by"], **f.record_fields())
        done = run_form(request, form, create, success=lambda s: reverse("site_detail", args=[s.pk]), message="Site registered.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "Register a site", "back": reverse("site_list")},
                  status=400 if request.method == "POST" else 200)


def _site_page(request, site, form=None, status=200):
    return render(request, "web/workflows/site_detail.html", {
        "site": site, "names": svc.site_all_names(site), "inspections": svc.site_inspections(user=request.user, site=site),
        "form": form or InspectionForm(), "can_write": request.user.can_edit_records,
    }, status=status)


@require_http_methods(["GET"])
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _site_page(request, get_visible(svc.sites(request.user), pk, request.user, "site"))


@require_POST
@writes
def site_inspection(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_visible(svc.sites(request.user), pk, request.user, "site")
    form = InspectionForm(request.POST)
    done = run_form(request, form, lambda f: svc.site_record_inspection(user=request.user, site=site, **f.cleaned_data),
                    success=reverse("site_detail", args=[pk]), message="Inspection recorded.")
    return done or _site_page(request, site, form, status=400)
