"""Cross-cutting web rules: nothing but the login page for anonymous users; errors mapped to statuses."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from sitroom.errors import SitroomError

log = logging.getLogger(__name__)

# Paths an anonymous visitor may reach: the login page, static files and the API (which answers 401
# itself, so that token clients get JSON rather than a redirect).
PUBLIC_PREFIXES = ("/login/", "/static/", "/api/", "/healthz")


class LoginRequiredEverywhereMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect(f"{settings.LOGIN_URL and '/login/'}?next={request.path}")
        return self.get_response(request)


class SitroomErrorMiddleware:
    """A SitroomError becomes its HTTP status with the message; a database error never a bare 500 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, SitroomError):
            status, body = exception.http_status, exception.as_dict()
        elif isinstance(exception, DatabaseError):
            log.exception("database error on %s", request.path)
            status = 503
            body = {"code": "database_unavailable", "message": "The database could not complete the request; nothing was changed. Try again."}
        else:
            return None
        if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
            return JsonResponse(body, status=status)
        return render(request, "web/error.html", {"status": status, "error": body}, status=status)
