"""Reads for plans: the units a plan's text may name, and the plans and tasks a user may see."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from motcua.core.plan_units import UnitRef
from motcua.units.enums import UnitKind
from motcua.units.models import Unit


def plan_unit_refs(unit: Unit, on: dt.date) -> tuple[list[UnitRef], dict[str, list[str]]]:
    """The units under `unit` on `on`, with the names a plan uses for them, and the group members.

    "Văn phòng HĐND và UBND huyện Ba Tơ" is also "Văn phòng HĐND và UBND huyện"; "Xã Ba Tô" is also
    "UBND xã Ba Tô". Groups: "communes" (every commune), "agencies" (every agency and one-stop section)."""
    units = list(Unit.objects.subtree_of(unit).valid_on(on).exclude(pk=unit.pk))
    area = unit.name  # "Huyện Ba Tơ"
    refs: list[UnitRef] = []
    communes: list[str] = []
    agencies: list[str] = []
    for member in units:
        names = {member.name}
        if member.kind == UnitKind.COMMUNE:
            communes.append(str(member.pk))
            names.add(f"UBND {member.name}")
        else:
            agencies.append(str(member.pk))
            pattern = re.compile(r"\s+" + re.escape(area) + r"$", re.IGNORECASE)
            shorter = pattern.sub("", member.name)
            if shorter != member.name:
                names.update({shorter, f"{shorter} {area.split()[0].lower()}"})
        refs.append(UnitRef(str(member.pk), tuple(sorted(names))))
    return refs, {"communes": communes, "agencies": agencies}


def units_by_key(keys: Any) -> dict[str, Unit]:
    return {str(u.pk): u for u in Unit.objects.filter(pk__in=[int(k) for k in keys])}
