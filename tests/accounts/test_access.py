"""Scoping: an officer of one commune sees nothing of another; roles reach down the tree."""

from __future__ import annotations

import pytest

from motcua.accounts.access import can, restrict, restrict_by_unit_id, scope_for, units_visible
from motcua.accounts.models import Membership, User
from motcua.common.models import AuditEvent
from motcua.units.models import Unit
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def test_commune_officer_sees_only_their_commune(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    officer = demo_accounts["motcua.thitran"]
    commune_a, commune_b = demo_units["2024:21484"], demo_units["2024:21523"]
    assert can(officer, "units.view_unit", commune_a)
    assert not can(officer, "units.view_unit", commune_b)
    assert not can(officer, "units.view_unit", demo_units["district"])
    assert list(units_visible(officer)) == [commune_a]
    assert not can(officer, "units.change_unit", commune_a)
    assert not can(officer, "common.view_auditevent", commune_a)


def test_district_role_reaches_communes_and_agencies_but_not_2025_units(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    office = demo_accounts["vanphong"]
    visible = set(units_visible(office))
    assert demo_units["2024:21523"] in visible
    assert demo_units["535-TP"] in visible
    assert demo_units["district"] in visible
    assert demo_units["province_2024"] not in visible
    assert demo_units["2025:21484"] not in visible
    assert len(visible) == 1 + 19 + 12


def test_membership_without_subtree_stays_on_its_unit(demo_units: dict[str, Unit]) -> None:
    user = UserFactory()
    grant(user, "unit_head", demo_units["district"], include_subtree=False)
    assert list(units_visible(user)) == [demo_units["district"]]
    assert not can(user, "units.view_unit", demo_units["2024:21484"])


def test_inactive_membership_and_inactive_user_see_nothing(demo_units: dict[str, Unit]) -> None:
    user = UserFactory()
    membership = grant(user, "specialist", demo_units["district"])
    Membership.objects.filter(pk=membership.pk).update(is_active=False)
    assert scope_for(User.objects.get(pk=user.pk), "units.view_unit").empty
    other = UserFactory(is_active=False)
    grant(other, "specialist", demo_units["district"])
    assert not units_visible(other).exists()


def test_superuser_sees_everything(demo_units: dict[str, Unit]) -> None:
    admin = UserFactory(is_superuser=True)
    assert units_visible(admin).count() == Unit.objects.count()
    assert can(admin, "anything.at_all", None)


def test_no_unit_means_superuser_only(demo_accounts: dict[str, User]) -> None:
    assert not can(demo_accounts["vanphong"], "units.view_unit", None)


def test_restrict_filters_rows_pointing_at_units(demo_accounts: dict[str, User]) -> None:
    officer = demo_accounts["motcua.bato"]
    memberships = restrict(Membership.objects.all(), officer, "units.view_unit")
    assert {m.unit.code for m in memberships} == {"21523"}
    assert restrict(Membership.objects.all(), UserFactory(), "units.view_unit").count() == 0


def test_audit_rows_are_scoped_by_unit(demo_accounts: dict[str, User], demo_units: dict[str, Unit]) -> None:
    head = demo_accounts["tuphap.truongphong"]
    seen = restrict_by_unit_id(AuditEvent.objects.all(), head, "common.view_auditevent")
    assert seen.exists()
    assert set(seen.values_list("unit_id", flat=True)) == {demo_units["535-TP"].pk}


def test_scope_follows_a_moved_subtree(demo_units: dict[str, Unit]) -> None:
    from motcua.units.enums import UnitKind
    from motcua.units.services import unit_create, unit_update

    district = demo_units["district"]
    justice, finance = demo_units["535-TP"], demo_units["535-TCKH"]
    team = unit_create(
        actor=None,
        code="535-TP-HT",
        name="Tổ hộ tịch",
        kind=UnitKind.AGENCY,
        parent=justice,
        valid_from=justice.valid_from,
        valid_to=justice.valid_to,
    )
    head_of_finance = UserFactory()
    grant(head_of_finance, "unit_head", finance)
    assert not can(head_of_finance, "units.view_unit", team)
    unit_update(actor=None, unit=team, parent=finance)
    team.refresh_from_db()
    assert can(User.objects.get(pk=head_of_finance.pk), "units.view_unit", team)
    assert team.path.startswith(finance.path)
    assert district.pk in team.ancestor_ids()
