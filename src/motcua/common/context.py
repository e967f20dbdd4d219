"""The request id of the work under way, shared by the audit trail and the logs."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

request_id_var: ContextVar[str] = ContextVar("motcua_request_id", default="")


#: the signed-in user of the request under way, for writes that no service attributes (signals)
actor_var: ContextVar[Any] = ContextVar("motcua_actor", default=None)


def current_request_id() -> str:
    return request_id_var.get()


def current_actor() -> Any:
    return actor_var.get()
