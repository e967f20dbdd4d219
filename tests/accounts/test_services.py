from __future__ import annotations

import pytest

from motcua.accounts.access import can
from motcua.accounts.models import Membership, Role, User
from motcua.accounts.services import membership_grant, membership_revoke
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.units.models import Unit
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_grant_revoke_and_grant_again(demo_units: dict[str, Unit]) -> None:
    user, role, commune = UserFactory(), Role.objects.get(code="one_stop_officer"), demo_units["2024:21523"]
    membership = membership_grant(actor=None, user=user, role=role, unit=commune)
    assert can(user, "units.view_unit", commune)
    with pytest.raises(ApplicationError) as twice:
        membership_grant(actor=None, user=user, role=role, unit=commune)
    assert twice.value.code == "membership_exists"

    membership_revoke(actor=None, membership=membership, reason="Chuyển công tác")
    assert not can(user, "units.view_unit", commune)
    assert Membership.objects.filter(pk=membership.pk, is_active=False).exists()
    with pytest.raises(ApplicationError) as ended:
        membership_revoke(actor=None, membership=membership)
    assert ended.value.code == "membership_inactive"

    again = membership_grant(actor=None, user=user, role=role, unit=commune, include_subtree=False)
    assert again.pk == membership.pk
    assert again.is_active
    assert can(user, "units.view_unit", commune)
    operations = list(
        AuditEvent.objects.filter(object_type="accounts.membership", object_id=str(membership.pk))
        .order_by("id")
        .values_list("operation", "reason")
    )
    assert operations == [
        ("accounts.membership_grant", ""),
        ("accounts.membership_revoke", "Chuyển công tác"),
        ("accounts.membership_grant", ""),
    ]


def test_commands_that_make_accounts_leave_an_event(db: None) -> None:
    from django.core.management import call_command

    call_command("createsuperuser", "--noinput", "--username", "root2", "--email", "r@example.vn")
    user = User.objects.get(username="root2")
    event = AuditEvent.objects.get(operation="accounts.user_create", object_id=str(user.pk))
    assert event.actor_label == "system"
    assert "password" not in event.after


def test_default_roles_exist_with_their_permissions(db: None) -> None:
    codes = set(Role.objects.values_list("code", flat=True))
    assert codes >= {
        "one_stop_officer",
        "specialist",
        "unit_head",
        "control_office",
        "leader",
        "administrator",
    }
    admin = Role.objects.get(code="administrator")
    assert {"add_unit", "change_unit", "view_unit", "view_auditevent"} <= set(
        admin.permissions.values_list("codename", flat=True)
    )


def test_the_database_refuses_usernames_that_differ_only_in_case(db: None) -> None:
    from django.db import IntegrityError, transaction

    User.objects.create_user("CanBo", password="x" * 12)
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("canbo", password="x" * 12)
