from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.common.errors import ApplicationError
from motcua.units.enums import UnitKind
from motcua.units.models import Unit
from motcua.units.nso import import_nso_province
from motcua.units.services import unit_create

pytestmark = pytest.mark.django_db


def test_import_creates_province_and_communes_from_reform_date() -> None:
    report = import_nso_province(actor=None, province_code=51)
    province = Unit.objects.get(kind=UnitKind.PROVINCE)
    assert province.name == "Tỉnh Quảng Ngãi"
    assert province.valid_from == dt.date(2025, 7, 1)
    communes = Unit.objects.filter(parent=province)
    assert communes.count() == len(report.created) - 1 == 96
    assert communes.get(code="21520").name == "Xã Đặng Thùy Trâm"
    assert {c.division for c in communes} <= {"xa", "phuong", "dac_khu"}


def test_import_keeps_the_demo_units_it_already_has(demo_units: dict[str, Unit]) -> None:
    report = import_nso_province(actor=None, province_code=51)
    assert len(report.unchanged) == 1 + 8
    assert Unit.objects.valid_on(dt.date(2025, 7, 1)).filter(kind=UnitKind.COMMUNE).count() == 96


def test_a_code_held_by_another_name_rolls_the_whole_import_back() -> None:
    province = unit_create(
        actor=None, code="51", name="Tỉnh Quảng Ngãi", kind=UnitKind.PROVINCE, valid_from=dt.date(2025, 7, 1)
    )
    unit_create(
        actor=None,
        code="21484",
        name="Xã Sai Tên",
        kind=UnitKind.COMMUNE,
        parent=province,
        valid_from=dt.date(2025, 7, 1),
    )
    with pytest.raises(ApplicationError) as refused:
        import_nso_province(actor=None, province_code=51)
    assert refused.value.code == "nso_conflict"
    assert "Mã “21484” đã dùng cho “Xã Sai Tên”" in refused.value.message
    assert Unit.objects.count() == 2


def test_unknown_province_via_command_exits_2() -> None:
    with pytest.raises(CommandError) as refused:
        call_command("units", "import-nso", "--province", "99")
    assert refused.value.returncode == 2
    assert "Không có tỉnh mã 99" in str(refused.value)
    assert Unit.objects.count() == 0
