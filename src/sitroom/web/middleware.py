"""Cross-cutting web rules: nothing but the login page for anonymous users; errors mapped to statuses."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from sitroom.errors import PermissionDenied, SitroomError

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


# Where a signed-in viewer may still send a write: logging in and out, and obtaining an API token.
AUTH_PATHS = ("/login/", "/logout/", "/api/token/")
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


class ViewersOnlyReadMiddleware:
    """Viewers read: any write they send (POST, PUT, PATCH, DELETE) is refused with 403 before a view parses
    it, on every page and API endpoint, present and future (the services check the role again)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (request.method not in SAFE_METHODS and user.is_authenticated and not user.has_role("analyst")
                and not request.path.startswith(AUTH_PATHS)):
            error = PermissionDenied(f"{request.method} {request.path}: viewers can read but not change anything")
            return error_response(request, error.http_status, error.as_dict())
        return self.get_response(request)


def error_response(request: HttpRequest, status: int, body: dict) -> HttpResponse:
    """JSON for the API and JSON clients, the error page for people."""
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse(body, status=status)
    return render(request, "web/error.html", {"status": status, "error": body}, status=status)


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
        return error_response(request, status, body)
