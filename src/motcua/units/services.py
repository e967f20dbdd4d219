"""Writes to the unit tree. Each service validates, writes atomically and appends an audit event."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.core.names import same_name
from motcua.units.enums import ALLOWED_PARENTS, DIVISIONS_OF, SuccessionKind, UnitKind
from motcua.units.models import Unit, UnitSuccession

_GSO_CODE = {UnitKind.PROVINCE: r"\d{2}", UnitKind.DISTRICT: r"\d{3}", UnitKind.COMMUNE: r"\d{5}"}
_AGENCY_CODE = r"[A-Z0-9][A-Z0-9.\-]{1,31}"
_EDOC_CODE = re.compile(r"^[A-Z]\d{2}(\.[A-Z0-9]{2,3}){0,3}$")
_EDITABLE = ("code", "edoc_code", "name", "kind", "division", "parent", "valid_from", "valid_to", "note")


def _fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "nay"


def _validate(unit: Unit) -> None:
    """Refuse a unit that would break the tree; every message says what to change."""
    kind_labels = dict(UnitKind.choices)
    if unit.kind not in kind_labels:
        raise ApplicationError(
            "unit_kind_unknown", f"Loại đơn vị “{unit.kind}” không có.", fields={"kind": "unknown"}
        )
    if unit.division and unit.division not in DIVISIONS_OF.get(unit.kind, frozenset()):
        raise ApplicationError(
            "unit_division_invalid",
            f"Cấp hành chính “{unit.division}” không dùng cho {kind_labels[unit.kind].lower()}.",
            fields={"division": "invalid"},
        )
    if not unit.name.strip():
        raise ApplicationError(
            "unit_name_required", "Tên đơn vị không được để trống.", fields={"name": "required"}
        )
    pattern = _GSO_CODE.get(UnitKind(unit.kind), _AGENCY_CODE)
    if not re.fullmatch(pattern, unit.code):
        expected = (
            "mã GSO gồm chữ số" if unit.kind in _GSO_CODE else "chữ in hoa, chữ số, dấu chấm hoặc gạch ngang"
        )
        raise ApplicationError(
            "unit_code_invalid",
            f"Mã “{unit.code}” không hợp lệ cho {kind_labels[unit.kind].lower()}: cần {expected}.",
            fields={"code": "invalid"},
        )
    if unit.edoc_code and not _EDOC_CODE.match(unit.edoc_code):
        raise ApplicationError(
            "unit_edoc_code_invalid",
            f"Mã định danh “{unit.edoc_code}” không đúng dạng của Thông tư 10/2016/TT-BTTTT (ví dụ H54.01).",
            fields={"edoc_code": "invalid"},
        )
    if unit.valid_to is not None and unit.valid_to < unit.valid_from:
        raise ApplicationError(
            "unit_validity_reversed",
            f"Ngày hết hiệu lực ({_fmt(unit.valid_to)}) trước ngày có hiệu lực ({_fmt(unit.valid_from)}).",
            fields={"valid_to": "before_valid_from"},
        )
    _validate_parent(unit, kind_labels)
    _validate_code_unique(unit)


def _validate_parent(unit: Unit, kind_labels: dict[str, Any]) -> None:
    parent = unit.parent
    allowed = ALLOWED_PARENTS[UnitKind(unit.kind)]
    if parent is None:
        if None not in allowed:
            raise ApplicationError(
                "unit_parent_required",
                f"{kind_labels[unit.kind]} phải trực thuộc một đơn vị.",
                fields={"parent": "required"},
            )
        return
    if parent.kind not in allowed:
        raise ApplicationError(
            "unit_parent_kind",
            f"{kind_labels[unit.kind]} không thể trực thuộc {kind_labels[parent.kind].lower()} “{parent.name}”.",
            fields={"parent": "kind"},
        )
    if unit.pk is not None and (parent.pk == unit.pk or f"/{unit.pk}/" in parent.path):
        raise ApplicationError(
            "unit_cycle",
            f"Không thể đặt “{unit.name}” trực thuộc “{parent.name}”: “{parent.name}” đang trực thuộc chính nó,"
            " cây đơn vị sẽ thành vòng.",
            fields={"parent": "cycle"},
        )
    starts_late = unit.valid_from < parent.valid_from
    ends_late = parent.valid_to is not None and (unit.valid_to is None or unit.valid_to > parent.valid_to)
    if starts_late or ends_late:
        raise ApplicationError(
            "unit_outside_parent_validity",
            f"Thời gian hiệu lực của “{unit.name}” ({_fmt(unit.valid_from)}–{_fmt(unit.valid_to)}) phải nằm trong"
            f" thời gian hiệu lực của “{parent.name}” ({_fmt(parent.valid_from)}–{_fmt(parent.valid_to)}).",
            fields={"valid_from": "outside_parent", "valid_to": "outside_parent"},
        )


def _validate_code_unique(unit: Unit) -> None:
    if connection.vendor == "postgresql":
        # Two transactions creating the same new code would both see no clash; serialise them per code.
        # (SQLite already serialises writers: motcua opens its transactions IMMEDIATE.)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"motcua.unit.code:{unit.code}"])
    overlapping = Unit.objects.filter(code=unit.code).exclude(pk=unit.pk)
    overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=unit.valid_from))
    if unit.valid_to is not None:
        overlapping = overlapping.filter(valid_from__lte=unit.valid_to)
    clash = overlapping.select_for_update().first()
    if clash is not None:
        raise ApplicationError(
            "unit_code_taken",
            f"Mã “{unit.code}” đã dùng cho “{clash.name}” ({_fmt(clash.valid_from)}–{_fmt(clash.valid_to)}),"
            " trùng thời gian hiệu lực. Một mã chỉ được dùng lại khi đơn vị cũ đã hết hiệu lực.",
            fields={"code": "taken"},
        )


def _locked(parent: Unit | None) -> Unit | None:
    """The parent as it is now in the database, locked: a caller's copy may be stale (moved since)."""
    if parent is None:
        return None
    fresh = Unit.objects.select_for_update().filter(pk=parent.pk).first()
    if fresh is None:
        raise ApplicationError(
            "unit_not_found", f"Không có đơn vị “{parent.name}”.", fields={"parent": "not_found"}
        )
    return fresh


def _validate_successions_fit(unit: Unit) -> None:
    """A reorganisation link stays true: the old unit ends before it, the new one is valid on its date."""
    for link in unit.predecessions.all():
        if not unit.is_valid_on(link.effective_on):
            raise ApplicationError(
                "unit_breaks_succession",
                f"“{unit.name}” kế thừa đơn vị khác từ {_fmt(link.effective_on)}, nên phải có hiệu lực vào ngày đó.",
                fields={"valid_from": "breaks_succession"},
            )
    for link in unit.successions.all():
        if unit.valid_to is None or unit.valid_to >= link.effective_on:
            raise ApplicationError(
                "unit_breaks_succession",
                f"“{unit.name}” đã được kế thừa từ {_fmt(link.effective_on)}, nên phải hết hiệu lực trước ngày đó.",
                fields={"valid_to": "breaks_succession"},
            )


def _set_path(unit: Unit) -> None:
    if unit.parent is None:
        unit.path, unit.depth = f"/{unit.pk}/", 0
    else:
        unit.path, unit.depth = f"{unit.parent.path}{unit.pk}/", unit.parent.depth + 1


@transaction.atomic
def unit_create(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date,
    parent: Unit | None = None,
    valid_to: dt.date | None = None,
    division: str = "",
    edoc_code: str = "",
    note: str = "",
) -> Unit:
    """Add a unit to the tree; its code may not be in use by another unit in an overlapping period."""
    parent = _locked(parent)
    unit = Unit(
        code=code.strip(),
        name=" ".join(name.split()),
        kind=kind,
        parent=parent,
        valid_from=valid_from,
        valid_to=valid_to,
        division=division,
        edoc_code=edoc_code.strip(),
        note=note,
    )
    _validate(unit)
    unit.refresh_derived()
    unit.path = "/"
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit_record(
        actor=actor, operation="units.unit_create", target=unit, unit_id=unit.pk, after=snapshot(unit)
    )
    return unit


@transaction.atomic
def unit_ensure(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: str,
    valid_from: dt.date,
    parent: Unit | None = None,
    valid_to: dt.date | None = None,
    division: str = "",
    note: str = "",
) -> tuple[Unit, bool]:
    """The unit with this code, kind and name on `valid_from`, created when missing (for imports run twice).

    The same code held by a unit of another name is refused by `unit_create` (unit_code_taken)."""
    existing = Unit.objects.filter(code=code.strip(), kind=kind).valid_on(valid_from).first()
    if existing is not None and same_name(existing.name, name):
        return existing, False
    unit = unit_create(
        actor=actor,
        code=code,
        name=name,
        kind=kind,
        valid_from=valid_from,
        parent=parent,
        valid_to=valid_to,
        division=division,
        note=note,
    )
    return unit, True


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, reason: str = "", **changes: Any) -> Unit:
    """Change a unit's fields; moving it moves its whole subtree, and the tree may never become a cycle."""
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ApplicationError(
            "unit_field_unknown",
            f"Không sửa được trường: {', '.join(sorted(unknown))}.",
            fields=dict.fromkeys(unknown, "unknown"),
        )
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(locked)
    old_path = locked.path
    for field, value in changes.items():
        setattr(locked, field, value.strip() if field in {"code", "edoc_code"} else value)
    if "parent" in changes:
        locked.parent = _locked(changes["parent"])
    if "name" in changes:
        locked.name = " ".join(locked.name.split())
    _validate(locked)
    _validate_children_fit(locked)
    _validate_successions_fit(locked)
    locked.refresh_derived()
    _set_path(locked)
    locked.save()
    if locked.path != old_path:
        _move_subtree(old_path, locked)
    audit_record(
        actor=actor,
        operation="units.unit_update",
        target=locked,
        unit_id=locked.pk,
        before=before,
        after=snapshot(locked),
        reason=reason,
    )
    unit.refresh_from_db()
    return locked


def _validate_children_fit(unit: Unit) -> None:
    """The units under this one must still be allowed under it, and lie within its new validity."""
    for kind in unit.children.values_list("kind", flat=True).distinct():
        if unit.kind not in ALLOWED_PARENTS[UnitKind(kind)]:
            raise ApplicationError(
                "unit_children_kind",
                f"Không đổi được loại của “{unit.name}”: các đơn vị loại “{UnitKind(kind).label}” đang trực thuộc"
                " nó sẽ không còn hợp lệ.",
                fields={"kind": "children_kind"},
            )
    within = Q(valid_from__gte=unit.valid_from)
    if unit.valid_to is not None:
        within &= Q(valid_to__isnull=False, valid_to__lte=unit.valid_to)
    child = unit.children.exclude(within).first()
    if child is not None:
        raise ApplicationError(
            "unit_children_outside_validity",
            f"“{child.name}” trực thuộc “{unit.name}” có hiệu lực ngoài khoảng mới"
            f" ({_fmt(unit.valid_from)}–{_fmt(unit.valid_to)}); hãy sửa đơn vị trực thuộc trước.",
            fields={"valid_from": "children_outside", "valid_to": "children_outside"},
        )


def _move_subtree(old_path: str, unit: Unit) -> None:
    descendants = Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).select_for_update()
    depth_shift = unit.depth - (old_path.count("/") - 2)
    moved = []
    for descendant in descendants:
        descendant.path = unit.path + descendant.path[len(old_path) :]
        descendant.depth += depth_shift
        moved.append(descendant)
    Unit.objects.bulk_update(moved, ["path", "depth"], batch_size=500)


@transaction.atomic
def unit_succession_link(
    *,
    actor: Any,
    predecessor: Unit,
    successor: Unit,
    kind: str,
    effective_on: dt.date,
    legal_basis: str = "",
) -> UnitSuccession:
    """Record that `successor` carries on `predecessor` from `effective_on` (a merger, split or renaming)."""
    if kind not in SuccessionKind.values:
        raise ApplicationError(
            "succession_kind_unknown", f"Hình thức “{kind}” không có.", fields={"kind": "unknown"}
        )
    if predecessor.pk == successor.pk:
        raise ApplicationError(
            "succession_self", "Một đơn vị không thể kế thừa chính nó.", fields={"successor": "same"}
        )
    if predecessor.valid_to is None or predecessor.valid_to >= effective_on:
        raise ApplicationError(
            "succession_predecessor_still_valid",
            f"“{predecessor.name}” phải hết hiệu lực trước ngày {_fmt(effective_on)} mới có đơn vị kế thừa.",
            fields={"predecessor": "still_valid"},
        )
    if not successor.is_valid_on(effective_on):
        raise ApplicationError(
            "succession_successor_not_valid",
            f"“{successor.name}” chưa có hiệu lực vào ngày {_fmt(effective_on)}.",
            fields={"successor": "not_valid"},
        )
    if UnitSuccession.objects.filter(predecessor=predecessor, successor=successor).exists():
        raise ApplicationError(
            "succession_exists",
            f"Đã ghi “{successor.name}” kế thừa “{predecessor.name}”.",
            fields={"successor": "exists"},
        )
    link = UnitSuccession.objects.create(
        predecessor=predecessor,
        successor=successor,
        kind=kind,
        effective_on=effective_on,
        legal_basis=legal_basis,
    )
    audit_record(
        actor=actor,
        operation="units.unit_succession_link",
        target=link,
        unit_id=successor.pk,
        after=snapshot(link),
    )
    return link
