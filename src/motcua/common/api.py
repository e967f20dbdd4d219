"""API plumbing shared by every app: one error shape for refused and invalid requests."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from motcua.common.errors import ApplicationError

#: refusals with their own HTTP status; every other rule's refusal is 400
_STATUS_OF = {
    "forbidden": status.HTTP_403_FORBIDDEN,
    # someone acted first (stale revision) or the status no longer allows the action: reload, then retry
    "conflict": status.HTTP_409_CONFLICT,
    "illegal_transition": status.HTTP_409_CONFLICT,
}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Answer `{"error": {"code", "message", "fields"}}` for rule refusals and validation errors:
    403 "forbidden", 409 "conflict" and "illegal_transition", 400 any other refusal or invalid input."""
    if isinstance(exc, ApplicationError):
        refused = _STATUS_OF.get(exc.code, status.HTTP_400_BAD_REQUEST)
        return Response({"error": exc.as_dict()}, status=refused)
    if isinstance(exc, Http404):  # DRF answers it as NotFound; name it so, not "error"
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        fields = {
            key: " ".join(str(m) for m in (value if isinstance(value, list) else [value]))
            for key, value in detail.items()
        }
        body = {"code": "invalid", "message": "Dữ liệu không hợp lệ.", "fields": fields}
    else:
        code = getattr(exc, "default_code", "error")
        body = {"code": str(code), "message": str(getattr(exc, "detail", exc)), "fields": {}}
    response.data = {"error": body}
    return response
