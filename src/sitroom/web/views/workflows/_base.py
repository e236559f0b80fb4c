"""What the workflow pages share: loading a visible record or 404, running a service from a form and
showing its ValidationError on the field it names."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from sitroom.access import require_role, require_view
from sitroom.errors import NotFound, ValidationError


def writes(view: Callable) -> Callable:
    """A page whose POST writes: refused (403) before any parsing unless the user may enter records."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            require_role(request.user, "analyst", "Entering or changing records")
        return view(request, *args, **kwargs)

    return wrapper


def get_visible(qs: QuerySet, pk: int, user: Any, what: str):
    """The record `pk` from a visibility-filtered queryset; a hidden record is answered as missing."""
    record = qs.filter(pk=pk).first()
    if record is None:
        raise NotFound(f"No {what} with id {pk}")
    require_view(user, record)
    return record


def show_error(form: forms.Form, exc: ValidationError) -> None:
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)


def run_form(
    request: HttpRequest, form: forms.Form, action: Callable[[forms.Form], Any], *, success: str | Callable[[Any], str], message: str
) -> HttpResponse | None:
    """Validate the form and run the service; on success redirect (POST/redirect/GET), else return None and
    leave the errors on the form for the page to show again."""
    if not form.is_valid():
        return None
    try:
        result = action(form)
    except ValidationError as exc:
        show_error(form, exc)
        return None
    messages.success(request, message)
    return redirect(success(result) if callable(success) else success)
