"""API errors are JSON with a code and a message (DRF's own errors included)."""

from __future__ import annotations

from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from sitroom.errors import SitroomError


def exception_handler(exc, context):
    if isinstance(exc, SitroomError):
        return Response(exc.as_dict(), status=exc.http_status)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    code = getattr(exc, "default_code", "error")
    if isinstance(detail, dict) and "detail" in detail and len(detail) == 1:
        message = str(detail["detail"])
        response.data = {"code": code, "message": message}
    else:
        response.data = {"code": code, "message": "The request has invalid fields.", "fields": detail}
    return response
