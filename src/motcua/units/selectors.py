"""Reads of the unit tree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from motcua.common.errors import ApplicationError
from motcua.core.names import fold, has_diacritics, normalise, strip_division
from motcua.units.models import Unit, UnitQuerySet


def unit_get_by_code(code: str, *, on: dt.date | None = None) -> Unit:
    """The unit with this code (on a date, when the code has been reused); a clear error when there is none."""
    units = Unit.objects.filter(code=code.strip())
    if on is not None:
        units = units.valid_on(on)
    found = list(units.order_by("-valid_from")[:2])
    if not found:
        when = f" vào ngày {on:%d/%m/%Y}" if on else ""
        raise ApplicationError(
            "unit_not_found", f"Không có đơn vị mã “{code}”{when}.", fields={"code": "not_found"}
        )
    if len(found) > 1 and on is None:
        raise ApplicationError(
            "unit_code_ambiguous",
            f"Mã “{code}” đã dùng cho nhiều đơn vị qua các thời kỳ ({found[0].name}, {found[1].name});"
            " hãy cho biết ngày.",
            fields={"code": "ambiguous"},
        )
    return found[0]


# Territorial units first, then the offices that serve them.
_KIND_ORDER = {"province": 0, "district": 1, "commune": 2, "service_centre": 3, "one_stop": 4, "agency": 5}


@dataclass
class TreeNode:
    unit: Unit
    children: list[TreeNode] = field(default_factory=list)


def unit_tree(*, on: dt.date, units: UnitQuerySet | None = None) -> list[TreeNode]:
    """The units valid on `on` as a forest (one query); roots are the units whose parent is not in the set."""
    rows = sorted(
        (units if units is not None else Unit.objects.all()).valid_on(on),
        key=lambda unit: (unit.depth, _KIND_ORDER.get(unit.kind, 9), unit.code),
    )
    nodes = {unit.pk: TreeNode(unit) for unit in rows}
    roots: list[TreeNode] = []
    for unit in rows:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    return roots


def unit_tree_size(nodes: Iterable[TreeNode]) -> int:
    return sum(1 + unit_tree_size(node.children) for node in nodes)


@dataclass(frozen=True)
class NameMatch:
    """The units a name may mean. `exact` when the spelling with diacritics decided it."""

    units: list[Unit]
    exact: bool

    @property
    def ambiguous(self) -> bool:
        return len(self.units) > 1

    @property
    def unit(self) -> Unit | None:
        return self.units[0] if len(self.units) == 1 else None


def unit_match_name(text: str, *, on: dt.date | None = None, units: UnitQuerySet | None = None) -> NameMatch:
    """Find units by name, with or without diacritics and division word, never merging look-alikes.

    "Ba Tơ" finds Xã Ba Tơ only; "Ba To" finds Xã Ba Tơ and Xã Ba Tô and says it is ambiguous;
    "Ba Tố" (a spelling of neither) finds nothing.
    """
    pool = units if units is not None else Unit.objects.all()
    if on is not None:
        pool = pool.valid_on(on)
    query = normalise(text)
    if not query:
        return NameMatch([], exact=False)
    if strip_division(query) != query:
        # The division word was typed ("Thị trấn Ba Tơ"): it must match too, a town is not a commune.
        candidates = list(pool.filter(name_folded=fold(query)).order_by("path"))
        exact = [u for u in candidates if normalise(u.name) == query]
    else:
        candidates = list(pool.filter(name_core_folded=fold(query)).order_by("path"))
        exact = [u for u in candidates if strip_division(u.name) == query]
    if exact:
        return NameMatch(exact, exact=True)
    if has_diacritics(query):
        # A spelling with marks that matches none of the candidates exactly means another name.
        return NameMatch([], exact=False)
    return NameMatch(candidates, exact=False)
