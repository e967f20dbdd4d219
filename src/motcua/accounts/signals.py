"""Sign-ins, sign-outs and failed attempts go into the audit trail (without the password, of course)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from motcua.accounts.models import User
from motcua.common.audit import audit_record, snapshot
from motcua.common.context import current_request_id
from motcua.common.models import AuditEvent

_SECRET = frozenset({"password"})


def _client(request: Any) -> dict[str, str]:
    return {"ip": str(getattr(request, "META", {}).get("REMOTE_ADDR", "")) if request is not None else ""}


@receiver(user_logged_in, dispatch_uid="motcua.audit.login")
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(actor=user, operation="accounts.login", target=user, after=_client(request))


@receiver(user_logged_out, dispatch_uid="motcua.audit.logout")
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(actor=user, operation="accounts.logout", target=user)


@receiver(post_save, sender=User, dispatch_uid="motcua.audit.user_saved")
def _user_saved(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    """Accounts made or passwords set outside the services (createsuperuser, changepassword, the admin's
    password form) still leave an event; the services and the admin record their own and mark the row."""
    if getattr(instance, "_motcua_audited", False):
        return
    if created:
        audit_record(
            actor=None,
            operation="accounts.user_create",
            target=instance,
            after=snapshot(instance, exclude=_SECRET),
        )
    elif getattr(instance, "_password", None) is not None:
        audit_record(actor=None, operation="accounts.password_change", target=instance)


@receiver(user_login_failed, dispatch_uid="motcua.audit.login_failed")
def _login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # No account may exist under the name typed, so the event names what was typed, not a row.
    username = str(credentials.get("username", ""))[:150]
    AuditEvent.objects.create(
        actor=None,
        actor_label=username or "?",
        operation="accounts.login_failed",
        object_type="accounts.user",
        object_repr=username,
        after=_client(request),
        request_id=current_request_id(),
    )
