"""Sign-ins, sign-outs and failed attempts go into the audit trail (without the password, of course)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from motcua.common.context import current_request_id
from motcua.common.models import AuditEvent


def _client(request: Any) -> str:
    return str(getattr(request, "META", {}).get("REMOTE_ADDR", "")) if request is not None else ""


@receiver(user_logged_in, dispatch_uid="motcua.audit.login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username(),
        operation="accounts.login",
        object_type="accounts.user",
        object_id=str(user.pk),
        object_repr=str(user),
        after={"ip": _client(request)},
        request_id=current_request_id(),
    )


@receiver(user_logged_out, dispatch_uid="motcua.audit.logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    AuditEvent.objects.create(
        actor=user,
        actor_label=user.get_username(),
        operation="accounts.logout",
        object_type="accounts.user",
        object_id=str(user.pk),
        object_repr=str(user),
        request_id=current_request_id(),
    )


@receiver(user_login_failed, dispatch_uid="motcua.audit.login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))[:150]
    AuditEvent.objects.create(
        actor=None,
        actor_label=username or "?",
        operation="accounts.login_failed",
        object_type="accounts.user",
        object_repr=username,
        after={"ip": _client(request)},
        request_id=current_request_id(),
    )
