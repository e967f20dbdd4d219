"""Writes to accounts and memberships, each atomic and audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from motcua.accounts.access import forget
from motcua.accounts.models import Membership, Role, User
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.units.models import Unit

_USER_SNAPSHOT_EXCLUDE = frozenset({"password"})


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    password: str,
    full_name: str = "",
    email: str = "",
    job_title: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    """Create a sign-in account; the password must pass the validators and is stored as an Argon2 hash."""
    username = username.strip()
    if not username:
        raise ApplicationError(
            "user_username_required", "Tên đăng nhập không được để trống.", fields={"username": "required"}
        )
    if User.objects.filter(username__iexact=username).exists():
        raise ApplicationError(
            "user_username_taken", f"Tên đăng nhập “{username}” đã có.", fields={"username": "taken"}
        )
    user = User(
        username=username,
        full_name=full_name,
        email=email,
        job_title=job_title,
        is_staff=is_staff or is_superuser,
        is_superuser=is_superuser,
    )
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(
            "user_password_weak", " ".join(exc.messages), fields={"password": "weak"}
        ) from exc
    user.set_password(password)
    user._motcua_audited = True  # type: ignore[attr-defined]  # recorded below, with the actor
    user.save()
    audit_record(
        actor=actor,
        operation="accounts.user_create",
        target=user,
        after=snapshot(user, exclude=_USER_SNAPSHOT_EXCLUDE),
    )
    return user


@transaction.atomic
def membership_grant(
    *, actor: Any, user: User, role: Role, unit: Unit, include_subtree: bool = True
) -> Membership:
    """Give `user` the role `role` in `unit` (and, by default, the units under it)."""
    membership, created = Membership.objects.select_for_update().get_or_create(
        user=user, role=role, unit=unit, defaults={"include_subtree": include_subtree}
    )
    if not created:
        if membership.is_active and membership.include_subtree == include_subtree:
            raise ApplicationError(
                "membership_exists",
                f"{user} đã có vai trò {role} tại {unit.name}.",
                fields={"role": "exists"},
            )
        before = snapshot(membership)
        membership.is_active, membership.include_subtree = True, include_subtree
        membership.save(update_fields=["is_active", "include_subtree", "updated_at"])
        audit_record(
            actor=actor,
            operation="accounts.membership_grant",
            target=membership,
            unit_id=unit.pk,
            before=before,
            after=snapshot(membership),
        )
    else:
        audit_record(
            actor=actor,
            operation="accounts.membership_grant",
            target=membership,
            unit_id=unit.pk,
            after=snapshot(membership),
        )
    forget(user)
    return membership


@transaction.atomic
def membership_revoke(*, actor: Any, membership: Membership, reason: str = "") -> Membership:
    """End a membership; the row stays so that past actions still name the role they were done in."""
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if not locked.is_active:
        raise ApplicationError(
            "membership_inactive", "Phân công này đã chấm dứt.", fields={"membership": "inactive"}
        )
    before = snapshot(locked)
    locked.is_active = False
    locked.save(update_fields=["is_active", "updated_at"])
    audit_record(
        actor=actor,
        operation="accounts.membership_revoke",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
        reason=reason,
    )
    forget(locked.user)
    forget(membership.user)  # the caller's copy may carry cached scopes too
    return locked
