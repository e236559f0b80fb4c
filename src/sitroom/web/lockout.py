"""What a locked-out login sees (django-axes calls `lockout_response`): the login page again, with a message
saying why and for how long, and HTTP 429."""

from __future__ import annotations

from django.conf import settings
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sitroom.web.forms import LoginForm


def lockout_message() -> str:
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    return (f"Too many failed logins for this user from your address. Try again in {minutes} minutes, "
            f"or ask an administrator to unlock the account.")


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = LoginForm(request, initial={"username": username})
    # An unbound form carrying one message: no field is checked again while the lock lasts.
    form.cleaned_data, form._errors = {}, ErrorDict()
    form.add_error(None, lockout_message())
    return render(request, "web/login.html", {"form": form, "next": request.POST.get("next", "")}, status=429)
