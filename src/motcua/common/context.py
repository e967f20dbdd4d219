"""The request id of the work under way, shared by the audit trail and the logs."""

from __future__ import annotations

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("motcua_request_id", default="")


def current_request_id() -> str:
    return request_id_var.get()
