"""The Django admin: superusers only, and every edit in it leaves the same audit trail."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from motcua.accounts.models import Membership, Role, User
from motcua.common.models import AuditEvent
from motcua.units.models import Unit
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _admin_client(demo_accounts: dict[str, User]) -> Client:
    client = Client()
    client.force_login(demo_accounts["quantri"])
    return client


def test_staff_who_are_not_superusers_are_kept_out(demo_units: dict[str, Unit]) -> None:
    staff = UserFactory(is_staff=True)
    staff.user_permissions.set(Permission.objects.filter(codename__in=["view_unit", "change_unit"]))
    grant(staff, "administrator", demo_units["2024:21484"])
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/units/unit/").status_code == 302
    assert client.get("/admin/").status_code == 302


def test_role_permission_change_is_audited_with_the_permissions(demo_accounts: dict[str, User]) -> None:
    role = Role.objects.get(code="one_stop_officer")
    before = sorted(role.permissions.values_list("pk", flat=True))
    added = Permission.objects.get(codename="change_unit")
    response = _admin_client(demo_accounts).post(
        f"/admin/accounts/role/{role.pk}/change/",
        {
            "code": role.code,
            "name": role.name,
            "description": role.description,
            "permissions": [*before, added.pk],
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(operation="admin.accounts.role.change").get()
    assert event.before["permissions"] == before
    assert event.after["permissions"] == sorted([*before, added.pk])
    assert event.actor == demo_accounts["quantri"]


def test_password_set_in_the_admin_is_audited(demo_accounts: dict[str, User]) -> None:
    target = demo_accounts["motcua.bato"]
    response = _admin_client(demo_accounts).post(
        f"/admin/accounts/user/{target.pk}/password/",
        {
            "password1": "mat-khau-moi-rat-dai-99",
            "password2": "mat-khau-moi-rat-dai-99",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.check_password("mat-khau-moi-rat-dai-99")
    event = AuditEvent.objects.get(operation="accounts.password_change", object_id=str(target.pk))
    assert event.actor == demo_accounts["quantri"]


def test_membership_is_ended_not_deleted_and_through_the_service(demo_accounts: dict[str, User]) -> None:
    membership = Membership.objects.get(user=demo_accounts["motcua.bato"])
    client = _admin_client(demo_accounts)
    assert client.get(f"/admin/accounts/membership/{membership.pk}/delete/").status_code == 403
    response = client.post(
        "/admin/accounts/membership/",
        {"action": "revoke", "_selected_action": [membership.pk]},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.is_active is False
    assert (
        AuditEvent.objects.filter(
            operation="accounts.membership_revoke", object_id=str(membership.pk)
        ).count()
        == 1
    )
