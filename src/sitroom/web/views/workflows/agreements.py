"""Agreements with their terms (status form per term) and meetings (list and form)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from sitroom.errors import NotFound
from sitroom.operations.models import TermStatus
from sitroom.operations.services import agreements as svc

from ._base import get_visible, run_form, writes
from .forms import MeetingForm, TermStatusForm


@require_http_methods(["GET"])
def agreement_list(request: HttpRequest) -> HttpResponse:
    rows = [{"a": a, "summary": svc.agreement_term_summary(a)} for a in svc.agreements(request.user)]
    return render(request, "web/workflows/agreement_list.html", {"rows": rows, "meetings": svc.meetings(request.user)[:100],
                                                                 "statuses": TermStatus.choices})


@require_http_methods(["GET"])
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_visible(svc.agreements(request.user), pk, request.user, "agreement")
    terms = [{"term": t, "form": TermStatusForm(initial={"status": t.status}, prefix=f"t{t.pk}")} for t in agreement.terms.all()]
    return render(request, "web/workflows/agreement_detail.html", {
        "a": agreement, "terms": terms, "meetings": svc.meetings(request.user).filter(agreement=agreement),
        "can_write": request.user.can_edit_records,
    })


@require_POST
@writes
def agreement_term_status(request: HttpRequest, pk: int, term_pk: int) -> HttpResponse:
    agreement = get_visible(svc.agreements(request.user), pk, request.user, "agreement")
    term = agreement.terms.filter(pk=term_pk).first()
    if term is None:
        raise NotFound(f"No term {term_pk} in this agreement")
    form = TermStatusForm(request.POST, prefix=f"t{term.pk}")
    done = run_form(request, form, lambda f: svc.agreement_term_set_status(user=request.user, term=term, **f.cleaned_data),
                    success=reverse("agreement_detail", args=[pk]), message=f"Term {term.number} updated.")
    if done:
        return done
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("agreement_detail", pk=pk)


@require_http_methods(["GET", "POST"])
@writes
def meeting_new(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST":
        def create(f):
            d = f.cleaned_data
            return svc.meeting_create(user=request.user, title=d["title"], kind=d["kind"], date=d["date"], place=d["place"],
                                      participants=list(d["participants"]), participants_text=d["participants_text"], outcome=d["outcome"],
                                      **f.record_fields())
        done = run_form(request, form, create, success=reverse("agreement_list"), message="Meeting recorded.")
        if done:
            return done
    return render(request, "web/workflows/form.html", {"form": form, "title": "New meeting", "back": reverse("agreement_list")},
                  status=400 if request.method == "POST" else 200)
