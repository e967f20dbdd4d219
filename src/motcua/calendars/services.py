"""Writes to the calendar, and the bulk recomputation of open deadlines that each change triggers (D9)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import time
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone

from motcua.calendars import registry
from motcua.calendars.enums import OverrideKind, RecomputeStatus
from motcua.calendars.models import CalendarChange, CalendarOverride, DeadlineRuleSet, OfficeHours
from motcua.calendars.selectors import calendar_for, calendar_version, core_rules, ruleset_on
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.core.bulk import CalendarArrays, due_working_days
from motcua.core.calendar import parse_sessions
from motcua.core.deadlines import DayEnd, Deadline, LimitUnit, Pause, TimeLimit, due_time
from motcua.units.models import Unit

log = logging.getLogger(__name__)
_DAY_MONTH = re.compile(r"^(\d{2})/(\d{2})$")


@transaction.atomic
def deadline_ruleset_changed(
    *, actor: Any, ruleset: DeadlineRuleSet, before: dict[str, Any] | None
) -> CalendarChange:
    """A rule set's parameters were edited: record it and recompute the open items (D9)."""
    change = _change(actor, f"Sửa bộ quy tắc tính hạn {ruleset.code}")
    audit_record(
        actor=actor,
        operation="calendars.ruleset_change",
        target=ruleset,
        before=before,
        after=snapshot(ruleset),
        reason=f"calendar change #{change.pk}",
    )
    return change


def _change(actor: Any, description: str) -> CalendarChange:
    """Record the change and recompute open deadlines once it is committed."""
    change = CalendarChange.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, description=description
    )
    transaction.on_commit(lambda: deadlines_recompute(change_id=change.pk))
    return change


@transaction.atomic
def calendar_override_set(
    *, actor: Any, day: dt.date, kind: str, reason: str, unit: Unit | None = None
) -> CalendarOverride:
    """Add or change a day off, a make-up working day or a local suspension of receipt (rule C1)."""
    if kind not in OverrideKind.values:
        raise ApplicationError(
            "override_kind_unknown", f"Loại điều chỉnh “{kind}” không có.", fields={"kind": "unknown"}
        )
    if not reason.strip():
        raise ApplicationError(
            "override_reason_required",
            "Hãy ghi lý do hoặc căn cứ (số thông báo, quyết định).",
            fields={"reason": "required"},
        )
    if kind == OverrideKind.RECEIPT_SUSPENDED and unit is None:
        raise ApplicationError(
            "override_unit_required", "Tạm dừng tiếp nhận phải ghi rõ đơn vị.", fields={"unit": "required"}
        )
    existing = CalendarOverride.objects.select_for_update().filter(day=day, unit=unit).first()
    before = snapshot(existing) if existing else None
    override = existing or CalendarOverride(day=day, unit=unit)
    override.kind, override.reason = kind, reason.strip()
    override.save()
    where = unit.name if unit else "mọi đơn vị"
    change = _change(actor, f"{override.get_kind_display()} {day:%d/%m/%Y} ({where}): {override.reason}")
    audit_record(
        actor=actor,
        operation="calendars.override_set",
        target=override,
        unit_id=unit.pk if unit else None,
        before=before,
        after=snapshot(override),
        reason=f"calendar change #{change.pk}",
    )
    return override


@transaction.atomic
def calendar_override_remove(*, actor: Any, override: CalendarOverride) -> None:
    """Take an override back: the day follows the official calendar again."""
    locked = CalendarOverride.objects.select_for_update().get(pk=override.pk)
    before = snapshot(locked)
    change = _change(actor, f"Bỏ điều chỉnh ngày {locked.day:%d/%m/%Y}")
    audit_record(
        actor=actor,
        operation="calendars.override_remove",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        reason=f"calendar change #{change.pk}",
    )
    locked.delete()


@transaction.atomic
def office_hours_set(
    *, actor: Any, sessions: str, unit: Unit | None = None, season_start: str = "", season_end: str = ""
) -> OfficeHours:
    """Set a unit's (or the general) office hours, optionally for a season (rule C2)."""
    try:
        parse_sessions(sessions)
    except ValueError as exc:
        raise ApplicationError(
            "office_hours_invalid",
            f"Giờ làm việc “{sessions}” không hợp lệ: ghi như 07:00-11:30,13:30-17:00.",
            fields={"sessions": "invalid"},
        ) from exc
    for value, field in ((season_start, "season_start"), (season_end, "season_end")):
        if value and not _valid_day_month(value):
            raise ApplicationError(
                "office_hours_season_invalid",
                f"Ngày “{value}” không hợp lệ: ghi dd/mm, ví dụ 01/05.",
                fields={field: "invalid"},
            )
    if bool(season_start) != bool(season_end):
        raise ApplicationError(
            "office_hours_season_incomplete",
            "Mùa phải có cả ngày bắt đầu và ngày kết thúc.",
            fields={"season_end": "required"},
        )
    existing = OfficeHours.objects.select_for_update().filter(unit=unit, season_start=season_start).first()
    before = snapshot(existing) if existing else None
    hours = existing or OfficeHours(unit=unit, season_start=season_start)
    hours.sessions, hours.season_end = sessions.replace(" ", ""), season_end
    hours.save()
    change = _change(actor, f"Giờ làm việc {hours} ({unit.name if unit else 'chung'})")
    audit_record(
        actor=actor,
        operation="calendars.office_hours_set",
        target=hours,
        unit_id=unit.pk if unit else None,
        before=before,
        after=snapshot(hours),
        reason=f"calendar change #{change.pk}",
    )
    return hours


def _valid_day_month(text: str) -> bool:
    match = _DAY_MONTH.match(text)
    if not match:
        return False
    try:
        dt.date(2024, int(match.group(2)), int(match.group(1)))  # a leap year accepts 29/02
    except ValueError:
        return False
    return True


def deadline_compute(
    *,
    unit: Unit | None,
    received_at: dt.datetime,
    limit_value: float | Decimal,
    limit_unit: str,
    pauses: Any = (),
) -> tuple[Deadline, DeadlineRuleSet, int]:
    """The due time of a new item under the rule set and calendar in force at receipt (D9)."""
    ruleset = ruleset_on(timezone.localtime(received_at).date())
    version = calendar_version()
    try:
        limit = TimeLimit(float(limit_value), LimitUnit(limit_unit))
        deadline = due_time(
            calendar_for(unit, version=version), received_at, limit, core_rules(ruleset), pauses=pauses
        )
    except ValueError as exc:
        raise ApplicationError(
            "deadline_invalid", f"Không tính được hạn: {exc}", fields={"limit": "invalid"}
        ) from exc
    return deadline, ruleset, version


def deadlines_recompute(*, change_id: int | None = None, batch: int = 100_000) -> CalendarChange:
    """Recompute the due time of every open item after a calendar change, and record the result.

    Items keep the rule set they were opened under; only the calendar is new. Rows are read in
    batches as epoch seconds, whole working-day limits (nearly all) are computed per unit with the
    vectorised engine, others one by one, and only rows whose times changed are written (PostgreSQL:
    COPY into a temporary table and one UPDATE … FROM per batch).
    """
    change = (
        CalendarChange.objects.get(pk=change_id)
        if change_id
        else CalendarChange.objects.create(description="Tính lại thời hạn theo yêu cầu")
    )
    started = time.monotonic()
    checked = changed = 0
    try:
        version = calendar_version()
        context = _Context(
            units={u.pk: u for u in Unit.objects.all()},
            rulesets={r.pk: core_rules(r) for r in DeadlineRuleSet.objects.all()},
            version=version,
        )
        for model in registry.registered():
            for rows in _open_rows(model, batch):
                changed += _recompute_chunk(model, rows, context)
                checked += len(rows)
    except Exception as exc:
        log.exception("recomputing deadlines failed for calendar change %s", change.pk)
        CalendarChange.objects.filter(pk=change.pk).update(
            status=RecomputeStatus.FAILED, error=str(exc)[:2000], items_checked=checked, items_changed=changed
        )
        raise
    duration = int((time.monotonic() - started) * 1000)
    CalendarChange.objects.filter(pk=change.pk).update(
        status=RecomputeStatus.DONE, items_checked=checked, items_changed=changed, duration_ms=duration
    )
    change.refresh_from_db()
    audit_record(
        actor=change.actor,
        operation="calendars.deadlines_recompute",
        target=change,
        after={"checked": checked, "changed": changed, "duration_ms": duration},
    )
    return change


@dataclass
class _Context:
    units: dict[int, Unit]
    rulesets: dict[int, Any]
    version: int

    @cached_property
    def closing_rulesets(self) -> set[int]:
        return {pk for pk, rules in self.rulesets.items() if rules.day_end == DayEnd.CLOSING}


def _epoch(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST(FLOOR(EXTRACT(EPOCH FROM {column})) AS bigint)"
    return f"CAST(strftime('%s', {column}) AS INTEGER)"


def _open_rows(model: Any, batch: int) -> Any:
    """The open rows in id order, in batches:
    (id, unit, started, value, unit of time, effective, due, rule set, pauses)."""
    table = connection.ops.quote_name(model._meta.db_table)
    sql = (
        f"SELECT id, unit_id, {_epoch('clock_started_at')}, time_limit_value, time_limit_unit,"  # noqa: S608
        f" {_epoch('effective_receipt_at')}, {_epoch('due_at')}, deadline_ruleset_id, deadline_pauses"
        f" FROM {table} WHERE is_open ORDER BY id"
    )
    with transaction.atomic(), connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(batch):
            yield rows


def _recompute_chunk(model: Any, rows: list[tuple[Any, ...]], context: _Context) -> int:
    ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
    unit_ids = np.fromiter((r[1] for r in rows), dtype=np.int64, count=len(rows))
    started = np.fromiter((r[2] for r in rows), dtype=np.int64, count=len(rows))
    values = np.fromiter((float(r[3]) for r in rows), dtype=np.float64, count=len(rows))
    whole_days = np.fromiter((r[4] == LimitUnit.WORKING_DAYS for r in rows), dtype=bool, count=len(rows))
    whole_days &= values == np.floor(values)
    whole_days &= np.fromiter((r[7] in context.closing_rulesets for r in rows), dtype=bool, count=len(rows))
    whole_days &= np.fromiter((not _pauses(r[8]) for r in rows), dtype=bool, count=len(rows))
    old_effective = np.fromiter((r[5] for r in rows), dtype=np.int64, count=len(rows))
    old_due = np.fromiter((r[6] for r in rows), dtype=np.int64, count=len(rows))
    new_effective, new_due = old_effective.copy(), old_due.copy()
    # Whole working days ending at closing time, per unit, vectorised (D1 uses no other rule parameter).
    received = (started // 60).astype("datetime64[m]")  # seconds do not count (R1, as in core)
    for unit_id in np.unique(unit_ids[whole_days]):
        mask = whole_days & (unit_ids == unit_id)
        cal = calendar_for(context.units[int(unit_id)], version=context.version)
        effective, due = due_working_days(
            cal, cal.arrays(CalendarArrays.of), received[mask], values[mask].astype(np.int64)
        )
        new_effective[mask] = effective.astype(np.int64) * 60
        new_due[mask] = due.astype(np.int64) * 60
    # Other limits, and items with pauses (D7), one by one with the rule set each was opened under.
    for position in np.flatnonzero(~whole_days):
        row = rows[position]
        cal = calendar_for(context.units[row[1]], version=context.version)
        deadline = due_time(
            cal,
            dt.datetime.fromtimestamp(row[2], tz=dt.UTC),
            TimeLimit(float(row[3]), LimitUnit(row[4])),
            context.rulesets[row[7]],
            pauses=_pauses(row[8]),
        )
        new_effective[position] = int(deadline.effective_receipt.timestamp())
        new_due[position] = int(deadline.due.timestamp())
    moved = np.flatnonzero((new_effective != old_effective) | (new_due != old_due))
    with transaction.atomic():
        _write(
            model,
            ids[moved],
            new_effective[moved],
            new_due[moved],
            context.version,
            int(ids[0]),
            int(ids[-1]),
            guard=(started[moved], old_due[moved]),
        )
    return int(moved.size)


def _pauses(stored: Any) -> list[Pause]:
    """The stored pauses of a row (a JSON list of [start, end] ISO times; text on SQLite)."""
    if isinstance(stored, str):
        stored = json.loads(stored)
    return [
        Pause(dt.datetime.fromisoformat(start), dt.datetime.fromisoformat(end)) for start, end in stored or []
    ]


def _write(
    model: Any,
    ids: Any,
    effective: Any,
    due: Any,
    version: int,
    first_id: int,
    last_id: int,
    *,
    guard: tuple[Any, Any],
) -> None:
    """Write the new times. On PostgreSQL a row changed since it was read (a dossier resumed or restarted
    by its service meanwhile, which computed its own due time) keeps what its service wrote: the UPDATE
    matches the clock start and due time that were read (`guard`)."""
    table = connection.ops.quote_name(model._meta.db_table)
    started, old_due = guard
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if ids.size:
                cursor.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS motcua_recompute (id bigint PRIMARY KEY,"
                    " effective bigint, due bigint, started bigint, old_due bigint) ON COMMIT DELETE ROWS"
                )
                # Empty it ourselves too: inside an outer transaction no commit happens between batches.
                cursor.execute("TRUNCATE motcua_recompute")
                with cursor.copy(
                    "COPY motcua_recompute (id, effective, due, started, old_due) FROM STDIN"
                ) as copy:
                    for row in zip(
                        ids.tolist(),
                        effective.tolist(),
                        due.tolist(),
                        started.tolist(),
                        old_due.tolist(),
                        strict=True,
                    ):
                        copy.write_row(row)
                cursor.execute(
                    f"UPDATE {table} AS t SET effective_receipt_at = to_timestamp(r.effective),"  # noqa: S608
                    " due_at = to_timestamp(r.due) FROM motcua_recompute AS r WHERE t.id = r.id"
                    f" AND {_epoch('t.clock_started_at')} = r.started AND {_epoch('t.due_at')} = r.old_due"
                )
        elif ids.size:
            objects = [
                model(pk=pk, effective_receipt_at=_aware(eff), due_at=_aware(d))
                for pk, eff, d in zip(ids.tolist(), effective.tolist(), due.tolist(), strict=True)
            ]
            model._default_manager.bulk_update(objects, ["effective_receipt_at", "due_at"], batch_size=500)
        # The open rows of this batch are exactly the open rows in its id range (read in id order).
        cursor.execute(
            f"UPDATE {table} SET calendar_version = %s WHERE id >= %s AND id <= %s AND is_open",  # noqa: S608
            [version, first_id, last_id],
        )


def _aware(epoch_seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch_seconds, tz=dt.UTC)
