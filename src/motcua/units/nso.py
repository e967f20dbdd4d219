"""Import of the current (from 1/7/2025) provinces and communes from the `vietnam-provinces` package.

The package carries the official NSO list of administrative units (GPL-3.0; see docs/adr/0003).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from motcua.common.errors import ApplicationError
from motcua.units.enums import Division, UnitKind
from motcua.units.models import Unit
from motcua.units.services import unit_ensure

REFORM_DATE = dt.date(2025, 7, 1)

_DIVISIONS = {
    "tỉnh": Division.TINH,
    "thành phố trung ương": Division.THANH_PHO_TW,
    "xã": Division.XA,
    "phường": Division.PHUONG,
    "đặc khu": Division.DAC_KHU,
}
_PREFIX: dict[str, str] = {Division.TINH: "Tỉnh", Division.THANH_PHO_TW: "Thành phố"}


@dataclass
class ImportReport:
    created: list[Unit] = field(default_factory=list)
    unchanged: list[Unit] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


@transaction.atomic
def import_nso_province(
    *, actor: Any, province_code: int, step: Callable[[str], None] | None = None
) -> ImportReport:
    """Create the province and its communes as valid from 1/7/2025; existing identical units are kept.

    A code already used on that date by a unit with another name is a conflict: it is reported and the
    whole import is rolled back, so a half-imported province never exists.
    """
    from vietnam_provinces import Province, ProvinceCode, Ward

    try:
        source = Province.from_code(ProvinceCode(province_code))
    except ValueError as exc:
        raise ApplicationError(
            "nso_province_unknown",
            f"Không có tỉnh mã {province_code} trong danh mục NSO.",
            fields={"province": "unknown"},
        ) from exc
    report = ImportReport()
    division = _DIVISIONS[source.division_type.value]
    province = _ensure(
        report,
        actor=actor,
        code=f"{int(source.code):02d}",
        name=_province_name(source.name, division),
        kind=UnitKind.PROVINCE,
        division=division,
        parent=None,
    )
    if province is None:
        raise ApplicationError(
            "nso_conflict",
            "Không nhập được vì trùng mã: " + "; ".join(report.conflicts),
            fields={"province": "conflict"},
        )
    wards = sorted(Ward.iter_by_province(source.code), key=lambda w: int(w.code))
    for ward in wards:
        _ensure(
            report,
            actor=actor,
            code=f"{int(ward.code):05d}",
            name=ward.name,
            kind=UnitKind.COMMUNE,
            division=_DIVISIONS[ward.division_type.value],
            parent=province,
        )
        if step:
            step(ward.name)
    if report.conflicts:
        raise ApplicationError(
            "nso_conflict",
            "Không nhập được vì trùng mã: " + "; ".join(report.conflicts),
            fields={"province": "conflict"},
        )
    return report


def _province_name(name: str, division: str) -> str:
    prefix = _PREFIX[division]
    return name if name.startswith(prefix) else f"{prefix} {name}"


def count_wards(province_code: int) -> int:
    from vietnam_provinces import ProvinceCode, Ward

    try:
        return sum(1 for _ in Ward.iter_by_province(ProvinceCode(province_code)))
    except ValueError:
        return 0


def _ensure(
    report: ImportReport, *, actor: Any, code: str, name: str, kind: str, division: str, parent: Unit | None
) -> Unit | None:
    try:
        unit, created = unit_ensure(
            actor=actor,
            code=code,
            name=name,
            kind=kind,
            division=division,
            parent=parent,
            valid_from=REFORM_DATE,
        )
    except ApplicationError as exc:
        if exc.code != "unit_code_taken":
            raise
        report.conflicts.append(f"{code} ({name}): {exc.message}")
        return None
    (report.created if created else report.unchanged).append(unit)
    return unit
