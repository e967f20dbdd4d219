"""Loading the Ba Tơ demo tree (2024 and after 1/7/2025) through the services, so it is audited too.

Idempotent: units and links already there (from an earlier load or an NSO import) are kept.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from motcua.units.data import ba_to
from motcua.units.enums import Division, SuccessionKind, UnitKind
from motcua.units.models import Unit, UnitSuccession
from motcua.units.services import unit_ensure, unit_succession_link

Progress = Callable[[str], None]


@transaction.atomic
def load_demo_units(*, actor: Any = None, progress: Progress | None = None) -> dict[str, Unit]:
    """Create what is missing of the demo tree; returns the units by a readable key."""
    say = progress or (lambda _msg: None)
    created = 0

    def ensure(key: str, **fields: Any) -> Unit:
        nonlocal created
        unit, new = unit_ensure(actor=actor, **fields)
        created += new
        keys[key] = unit
        return unit

    keys: dict[str, Unit] = {}
    old = {"valid_from": ba_to.OLD_FROM, "valid_to": ba_to.OLD_TO}
    province_old = ensure(
        "province_2024",
        code=ba_to.PROVINCE_OLD[0],
        name=ba_to.PROVINCE_OLD[1],
        kind=UnitKind.PROVINCE,
        division=Division.TINH,
        **old,
    )
    district = ensure(
        "district",
        code=ba_to.DISTRICT[0],
        name=ba_to.DISTRICT[1],
        kind=UnitKind.DISTRICT,
        parent=province_old,
        division=Division.HUYEN,
        **old,
    )
    for code, name, division in ba_to.COMMUNES_2024:
        ensure(
            f"2024:{code}",
            code=code,
            name=name,
            kind=UnitKind.COMMUNE,
            division=division,
            parent=district,
            **old,
        )
    for code, name, kind, note in ba_to.AGENCIES_2024:
        ensure(code, code=code, name=name, kind=kind, parent=district, note=note, **old)
    say(
        f"Năm 2024: tỉnh, huyện Ba Tơ, {len(ba_to.COMMUNES_2024)} xã, thị trấn và {len(ba_to.AGENCIES_2024)} cơ quan"
    )
    province_new = ensure(
        "province_2025",
        code=ba_to.PROVINCE_NEW[0],
        name=ba_to.PROVINCE_NEW[1],
        kind=UnitKind.PROVINCE,
        division=Division.TINH,
        valid_from=ba_to.NEW_FROM,
    )
    links: list[tuple[Unit, Unit, str, str]] = [
        (province_old, province_new, SuccessionKind.MERGED_WHOLE, ba_to.PROVINCE_MERGER_BASIS)
    ]
    for code, name, sources in ba_to.COMMUNES_2025:
        commune = ensure(
            f"2025:{code}",
            code=code,
            name=name,
            kind=UnitKind.COMMUNE,
            division=Division.XA,
            parent=province_new,
            valid_from=ba_to.NEW_FROM,
        )
        links += [
            (keys[f"2024:{old_code}"], commune, kind, ba_to.COMMUNE_MERGER_BASIS)
            for old_code, kind in sources
        ]
    existing = set(UnitSuccession.objects.values_list("predecessor_id", "successor_id"))
    for predecessor, successor, kind, basis in links:
        if (predecessor.pk, successor.pk) not in existing:
            unit_succession_link(
                actor=actor,
                predecessor=predecessor,
                successor=successor,
                kind=kind,
                effective_on=ba_to.NEW_FROM,
                legal_basis=basis,
            )
    say(f"Từ 01/07/2025: {len(ba_to.COMMUNES_2025)} xã mới với liên kết kế thừa")
    say(f"{created} đơn vị mới, {len(keys) - created} đơn vị đã có")
    return keys
