"""Django's handler400: a request Django refuses before any view runs (a body over the size limit, a
malformed upload) gets a message naming the problem — JSON for the API, the error page for people."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse

from sitroom.web.middleware import error_response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        message = (f"The request is larger than the {settings.MAX_UPLOAD_MB} MB limit (SITROOM_MAX_UPLOAD_MB); "
                   f"send a smaller report or split it.")
        status = 413
    elif isinstance(exception, TooManyFieldsSent):
        message, status = "The form has too many fields.", 400
    else:
        message, status = "The request could not be read (malformed or incomplete).", 400
    return error_response(request, status, {"code": "bad_request", "message": message})
