from __future__ import annotations

import datetime as dt

import pytest

from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.units.enums import UnitKind
from motcua.units.models import Unit, UnitSuccession
from motcua.units.services import unit_create, unit_succession_link, unit_update

pytestmark = pytest.mark.django_db

D2020 = dt.date(2020, 2, 1)


def _province(code: str = "51", **extra: object) -> Unit:
    return unit_create(
        actor=None, code=code, name="Tỉnh Quảng Ngãi", kind=UnitKind.PROVINCE, valid_from=D2020, **extra
    )


def _unchanged(counts: tuple[int, int, int]) -> None:
    assert (Unit.objects.count(), UnitSuccession.objects.count(), AuditEvent.objects.count()) == counts


def _counts() -> tuple[int, int, int]:
    return Unit.objects.count(), UnitSuccession.objects.count(), AuditEvent.objects.count()


def test_create_sets_path_depth_and_audits() -> None:
    province = _province()
    district = unit_create(
        actor=None, code="535", name="Huyện  Ba Tơ", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    assert district.name == "Huyện Ba Tơ"
    assert district.path == f"/{province.pk}/{district.pk}/"
    assert district.depth == 1
    assert district.name_folded == "huyen ba to"
    assert district.name_core_folded == "ba to"
    event = AuditEvent.objects.get(object_type="units.unit", object_id=str(district.pk))
    assert event.operation == "units.unit_create"
    assert event.actor_label == "system"
    assert event.unit_id == district.pk
    assert event.before is None
    assert event.after["code"] == "535"
    assert event.after["parent_id"] == province.pk


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"code": "5", "kind": UnitKind.PROVINCE}, "unit_code_invalid"),
        ({"code": "ABC", "kind": UnitKind.COMMUNE}, "unit_code_invalid"),
        ({"code": "21484", "kind": UnitKind.COMMUNE}, "unit_parent_required"),
        ({"code": "535-tp", "kind": UnitKind.AGENCY}, "unit_code_invalid"),
        ({"code": "51", "kind": UnitKind.PROVINCE, "name": "   "}, "unit_name_required"),
        ({"code": "51", "kind": "planet"}, "unit_kind_unknown"),
        ({"code": "51", "kind": UnitKind.PROVINCE, "edoc_code": "54"}, "unit_edoc_code_invalid"),
        (
            {"code": "51", "kind": UnitKind.PROVINCE, "valid_to": dt.date(2019, 1, 1)},
            "unit_validity_reversed",
        ),
    ],
)
def test_create_refuses_bad_input_and_changes_nothing(kwargs: dict[str, object], code: str) -> None:
    values: dict[str, object] = {"name": "Đơn vị thử", "valid_from": D2020, **kwargs}
    before = _counts()
    with pytest.raises(ApplicationError) as refused:
        unit_create(actor=None, **values)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert refused.value.message
    _unchanged(before)


def test_parent_kind_rules() -> None:
    province = _province()
    commune = unit_create(
        actor=None, code="21484", name="Xã Ba Tơ", kind=UnitKind.COMMUNE, parent=province, valid_from=D2020
    )
    with pytest.raises(ApplicationError) as refused:
        unit_create(
            actor=None, code="535", name="Huyện X", kind=UnitKind.DISTRICT, parent=commune, valid_from=D2020
        )
    assert refused.value.code == "unit_parent_kind"
    assert "Huyện" in refused.value.message


def test_duplicate_code_in_overlapping_validity_is_refused() -> None:
    _province(valid_to=dt.date(2025, 6, 30))
    before = _counts()
    with pytest.raises(ApplicationError) as refused:
        unit_create(
            actor=None, code="51", name="Tỉnh khác", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 6, 30)
        )
    assert refused.value.code == "unit_code_taken"
    assert "Tỉnh Quảng Ngãi" in refused.value.message
    _unchanged(before)
    # The day after the old unit ends, the code may be used again (codes were reused in 2025).
    reused = unit_create(
        actor=None, code="51", name="Tỉnh Quảng Ngãi", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    assert reused.pk is not None


def test_open_ended_unit_blocks_any_later_reuse() -> None:
    _province()
    with pytest.raises(ApplicationError) as refused:
        unit_create(
            actor=None, code="51", name="Tỉnh mới", kind=UnitKind.PROVINCE, valid_from=dt.date(2030, 1, 1)
        )
    assert refused.value.code == "unit_code_taken"


def test_child_must_lie_within_parent_validity() -> None:
    province = _province(valid_to=dt.date(2025, 6, 30))
    with pytest.raises(ApplicationError) as refused:
        unit_create(
            actor=None, code="21484", name="Xã A", kind=UnitKind.COMMUNE, parent=province, valid_from=D2020
        )
    assert refused.value.code == "unit_outside_parent_validity"
    assert "30/06/2025" in refused.value.message


def test_cycle_is_refused_and_nothing_changes() -> None:
    province = _province()
    district = unit_create(
        actor=None, code="535", name="Huyện Ba Tơ", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    agency = unit_create(
        actor=None,
        code="535-TP",
        name="Phòng Tư pháp",
        kind=UnitKind.AGENCY,
        parent=district,
        valid_from=D2020,
    )
    sub = unit_create(
        actor=None, code="535-TP-1", name="Tổ một cửa", kind=UnitKind.AGENCY, parent=agency, valid_from=D2020
    )
    before = _counts()
    with pytest.raises(ApplicationError) as refused:
        unit_update(actor=None, unit=agency, parent=sub)
    assert refused.value.code == "unit_cycle"
    with pytest.raises(ApplicationError) as self_parent:
        unit_update(actor=None, unit=agency, parent=agency)
    assert self_parent.value.code == "unit_cycle"
    _unchanged(before)
    agency.refresh_from_db()
    assert agency.parent_id == district.pk


def test_move_carries_the_subtree_and_audits_before_and_after() -> None:
    province = _province()
    district_a = unit_create(
        actor=None, code="535", name="Huyện A", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    district_b = unit_create(
        actor=None, code="536", name="Huyện B", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    agency = unit_create(
        actor=None,
        code="535-TP",
        name="Phòng Tư pháp",
        kind=UnitKind.AGENCY,
        parent=district_a,
        valid_from=D2020,
    )
    team = unit_create(
        actor=None, code="535-TP-1", name="Tổ 1", kind=UnitKind.AGENCY, parent=agency, valid_from=D2020
    )

    unit_update(actor=None, unit=agency, parent=district_b, reason="Chuyển phòng")

    team.refresh_from_db()
    agency.refresh_from_db()
    assert agency.path == f"/{province.pk}/{district_b.pk}/{agency.pk}/"
    assert team.path == f"/{province.pk}/{district_b.pk}/{agency.pk}/{team.pk}/"
    assert team.depth == 3
    event = AuditEvent.objects.filter(operation="units.unit_update").get()
    assert event.before["parent_id"] == district_a.pk
    assert event.after["parent_id"] == district_b.pk
    assert event.reason == "Chuyển phòng"


def test_shrinking_validity_below_a_child_is_refused() -> None:
    province = _province()
    unit_create(
        actor=None, code="535", name="Huyện A", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    with pytest.raises(ApplicationError) as refused:
        unit_update(actor=None, unit=province, valid_to=dt.date(2024, 12, 31))
    assert refused.value.code == "unit_children_outside_validity"


def test_update_refuses_unknown_fields() -> None:
    province = _province()
    with pytest.raises(ApplicationError) as refused:
        unit_update(actor=None, unit=province, path="/x/")
    assert refused.value.code == "unit_field_unknown"


def test_succession_rules() -> None:
    old = _province(valid_to=dt.date(2025, 6, 30))
    new = unit_create(
        actor=None, code="51", name="Tỉnh Quảng Ngãi", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    with pytest.raises(ApplicationError) as refused:
        unit_succession_link(
            actor=None, predecessor=new, successor=old, kind="merged_whole", effective_on=dt.date(2025, 7, 1)
        )
    assert refused.value.code == "succession_predecessor_still_valid"
    with pytest.raises(ApplicationError) as self_link:
        unit_succession_link(
            actor=None, predecessor=old, successor=old, kind="merged_whole", effective_on=dt.date(2025, 7, 1)
        )
    assert self_link.value.code == "succession_self"
    with pytest.raises(ApplicationError) as bad_kind:
        unit_succession_link(
            actor=None, predecessor=old, successor=new, kind="teleported", effective_on=dt.date(2025, 7, 1)
        )
    assert bad_kind.value.code == "succession_kind_unknown"
    link = unit_succession_link(
        actor=None, predecessor=old, successor=new, kind="merged_whole", effective_on=dt.date(2025, 7, 1)
    )
    assert str(link) == "Tỉnh Quảng Ngãi → Tỉnh Quảng Ngãi (01/07/2025)"
    with pytest.raises(ApplicationError) as twice:
        unit_succession_link(
            actor=None, predecessor=old, successor=new, kind="merged_whole", effective_on=dt.date(2025, 7, 1)
        )
    assert twice.value.code == "succession_exists"
    assert UnitSuccession.objects.count() == 1


def test_a_stale_parent_cannot_make_a_cycle() -> None:
    province = _province()
    x = unit_create(
        actor=None, code="535-X", name="Phòng X", kind=UnitKind.AGENCY, parent=province, valid_from=D2020
    )
    y = unit_create(
        actor=None, code="535-Y", name="Phòng Y", kind=UnitKind.AGENCY, parent=province, valid_from=D2020
    )
    y_stale = Unit.objects.get(pk=y.pk)
    unit_update(actor=None, unit=y, parent=x)
    with pytest.raises(ApplicationError) as refused:
        unit_update(actor=None, unit=x, parent=y_stale)
    assert refused.value.code == "unit_cycle"
    x.refresh_from_db()
    assert x.parent_id == province.pk


def test_a_stale_parent_still_gives_the_right_path() -> None:
    province = _province()
    d = unit_create(
        actor=None, code="535", name="Huyện D", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    e = unit_create(
        actor=None, code="536", name="Huyện E", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    a = unit_create(
        actor=None, code="535-A", name="Phòng A", kind=UnitKind.AGENCY, parent=d, valid_from=D2020
    )
    a_stale = Unit.objects.get(pk=a.pk)
    unit_update(actor=None, unit=a, parent=e)
    c = unit_create(
        actor=None, code="535-A-1", name="Tổ C", kind=UnitKind.AGENCY, parent=a_stale, valid_from=D2020
    )
    assert c.path == f"/{province.pk}/{e.pk}/{a.pk}/{c.pk}/"


def test_changing_kind_may_not_strand_children() -> None:
    province = _province()
    district = unit_create(
        actor=None, code="535", name="Huyện A", kind=UnitKind.DISTRICT, parent=province, valid_from=D2020
    )
    unit_create(
        actor=None, code="21484", name="Xã B", kind=UnitKind.COMMUNE, parent=district, valid_from=D2020
    )
    with pytest.raises(ApplicationError) as refused:
        unit_update(actor=None, unit=district, kind=UnitKind.ONE_STOP, code="535-MC")
    assert refused.value.code == "unit_children_kind"
    district.refresh_from_db()
    assert district.kind == UnitKind.DISTRICT


@pytest.mark.parametrize(
    ("kind", "division", "ok"),
    [
        (UnitKind.PROVINCE, "tinh", True),
        (UnitKind.PROVINCE, "xa", False),
        (UnitKind.AGENCY, "xa", False),
        (UnitKind.PROVINCE, "", True),
    ],
)
def test_division_must_fit_the_kind(kind: str, division: str, ok: bool) -> None:
    code = "51" if kind == UnitKind.PROVINCE else "AG-1"
    if ok:
        assert unit_create(
            actor=None, code=code, name="Đơn vị", kind=kind, division=division, valid_from=D2020
        ).pk
    else:
        with pytest.raises(ApplicationError) as refused:
            unit_create(actor=None, code=code, name="Đơn vị", kind=kind, division=division, valid_from=D2020)
        assert refused.value.code == "unit_division_invalid"


def test_validity_edits_may_not_break_succession_links(demo_units: dict[str, Unit]) -> None:
    with pytest.raises(ApplicationError) as late_start:
        unit_update(actor=None, unit=demo_units["2025:21484"], valid_from=dt.date(2026, 1, 1))
    assert late_start.value.code == "unit_breaks_succession"
    old = unit_create(
        actor=None,
        code="40",
        name="Tỉnh Cũ",
        kind=UnitKind.PROVINCE,
        valid_from=D2020,
        valid_to=dt.date(2025, 6, 30),
    )
    new = unit_create(
        actor=None, code="41", name="Tỉnh Mới", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    unit_succession_link(
        actor=None, predecessor=old, successor=new, kind="merged_whole", effective_on=dt.date(2025, 7, 1)
    )
    with pytest.raises(ApplicationError) as late_end:
        unit_update(actor=None, unit=old, valid_to=None)
    assert late_end.value.code == "unit_breaks_succession"
