"""Loading the Ba Tơ demo tree (2024 and after 1/7/2025) through the services, so it is audited too."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from motcua.units.data import ba_to
from motcua.units.enums import Division, SuccessionKind, UnitKind
from motcua.units.models import Unit
from motcua.units.services import unit_create, unit_succession_link

Progress = Callable[[str], None]


@transaction.atomic
def load_demo_units(*, actor: Any = None, progress: Progress | None = None) -> dict[str, Unit]:
    """Create the demo tree unless it is there; returns the units by a readable key."""
    say = progress or (lambda _msg: None)
    existing = Unit.objects.filter(code=ba_to.DISTRICT[0], kind=UnitKind.DISTRICT).first()
    if existing is not None:
        say("Cây đơn vị Ba Tơ đã có, bỏ qua.")
        return _existing_keys()
    keys: dict[str, Unit] = {}
    province_old = unit_create(
        actor=actor,
        code=ba_to.PROVINCE_OLD[0],
        name=ba_to.PROVINCE_OLD[1],
        kind=UnitKind.PROVINCE,
        division=Division.TINH,
        valid_from=ba_to.OLD_FROM,
        valid_to=ba_to.OLD_TO,
    )
    district = unit_create(
        actor=actor,
        code=ba_to.DISTRICT[0],
        name=ba_to.DISTRICT[1],
        kind=UnitKind.DISTRICT,
        parent=province_old,
        division=Division.HUYEN,
        valid_from=ba_to.OLD_FROM,
        valid_to=ba_to.OLD_TO,
    )
    keys.update({"province_2024": province_old, "district": district})
    say("Tỉnh Quảng Ngãi và huyện Ba Tơ (2024)")
    for code, name, division in ba_to.COMMUNES_2024:
        keys[f"2024:{code}"] = unit_create(
            actor=actor,
            code=code,
            name=name,
            kind=UnitKind.COMMUNE,
            division=division,
            parent=district,
            valid_from=ba_to.OLD_FROM,
            valid_to=ba_to.OLD_TO,
        )
    say(f"{len(ba_to.COMMUNES_2024)} xã, thị trấn (2024)")
    for code, name, kind, note in ba_to.AGENCIES_2024:
        keys[code] = unit_create(
            actor=actor,
            code=code,
            name=name,
            kind=kind,
            parent=district,
            note=note,
            valid_from=ba_to.OLD_FROM,
            valid_to=ba_to.OLD_TO,
        )
    say(f"{len(ba_to.AGENCIES_2024)} cơ quan của huyện (2024)")
    province_new = unit_create(
        actor=actor,
        code=ba_to.PROVINCE_NEW[0],
        name=ba_to.PROVINCE_NEW[1],
        kind=UnitKind.PROVINCE,
        division=Division.TINH,
        valid_from=ba_to.NEW_FROM,
    )
    unit_succession_link(
        actor=actor,
        predecessor=province_old,
        successor=province_new,
        kind=SuccessionKind.MERGED_WHOLE,
        effective_on=ba_to.NEW_FROM,
        legal_basis=ba_to.PROVINCE_MERGER_BASIS,
    )
    keys["province_2025"] = province_new
    for code, name, sources in ba_to.COMMUNES_2025:
        commune = unit_create(
            actor=actor,
            code=code,
            name=name,
            kind=UnitKind.COMMUNE,
            division=Division.XA,
            parent=province_new,
            valid_from=ba_to.NEW_FROM,
        )
        keys[f"2025:{code}"] = commune
        for old_code, kind in sources:
            unit_succession_link(
                actor=actor,
                predecessor=keys[f"2024:{old_code}"],
                successor=commune,
                kind=kind,
                effective_on=ba_to.NEW_FROM,
                legal_basis=ba_to.COMMUNE_MERGER_BASIS,
            )
    say(f"{len(ba_to.COMMUNES_2025)} xã mới từ 01/07/2025, với liên kết kế thừa")
    return keys


def _existing_keys() -> dict[str, Unit]:
    keys: dict[str, Unit] = {}
    for unit in Unit.objects.filter(path__startswith="/"):
        if unit.kind == UnitKind.PROVINCE:
            keys["province_2024" if unit.valid_to else "province_2025"] = unit
        elif unit.kind == UnitKind.DISTRICT:
            keys["district"] = unit
        elif unit.kind == UnitKind.COMMUNE:
            keys[f"{'2024' if unit.valid_to else '2025'}:{unit.code}"] = unit
        else:
            keys[unit.code] = unit
    return keys
