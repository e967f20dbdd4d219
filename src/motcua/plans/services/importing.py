"""Writes to plans: import of the plan document, each write atomic and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from motcua.accounts.access import can
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.core.plan_document import PlanFormatError
from motcua.core.plan_timing import Schedule, parse_timing
from motcua.core.plan_units import Assignment, read_assignment
from motcua.plans.models import (
    Plan,
    PlanSection,
    PlanTarget,
    PlanTask,
)
from motcua.plans.reading import ReadPlan, read_plan_file
from motcua.plans.selectors import plan_unit_refs
from motcua.plans.services.parts import roles_of, task_parts_replace
from motcua.units.models import Unit
from motcua.units.selectors import unit_match_name


@dataclass
class ImportedTask:
    task: PlanTask
    assignment: Assignment
    schedule: Schedule


@dataclass
class ImportResult:
    plan: Plan
    tasks: list[ImportedTask] = field(default_factory=list)


def _issuing_unit(read: ReadPlan, unit: Unit | None, on: dt.date) -> Unit:
    if unit is not None:
        return unit
    match = unit_match_name(read.meta.area, on=on) if read.meta.area else None
    if match is None or match.unit is None:
        raise ApplicationError(
            "plan_unit_unknown",
            f"Không xác định được đơn vị ban hành kế hoạch (“{read.meta.area or 'không ghi địa bàn'}”);"
            " hãy chọn đơn vị (--unit-code).",
            fields={"unit": "unknown"},
        )
    return match.unit


@transaction.atomic
def plan_import(
    *, actor: Any, name: str, data: bytes, unit: Unit | None = None, year: int | None = None
) -> ImportResult:
    """Import a yearly control plan (text, markdown or .docx) with its tasks, units, schedules and targets.

    Nothing is created when the file cannot be read: the error says why."""
    try:
        read = read_plan_file(name, data)
    except PlanFormatError as exc:
        raise ApplicationError("plan_file_invalid", str(exc), fields={"file": "invalid"}) from exc
    plan_year = year or read.meta.year
    if plan_year is None:
        raise ApplicationError(
            "plan_year_unknown",
            "Không đọc được năm của kế hoạch; hãy ghi năm (--year).",
            fields={"year": "unknown"},
        )
    on = read.meta.decision_date or dt.date(plan_year, 1, 1)
    issuer_unit = _issuing_unit(read, unit, on)
    if getattr(actor, "pk", None) is not None and not can(actor, "plans.add_plan", issuer_unit):
        raise ApplicationError(
            "forbidden",
            f"Bạn không có quyền nhập kế hoạch của {issuer_unit.name}.",
            fields={"file": "forbidden"},
        )
    same = Plan.objects.filter(unit=issuer_unit, year=plan_year)
    same = (
        same.filter(decision_number=read.meta.decision_number)
        if read.meta.decision_number
        else same.filter(title=read.meta.title or f"Kế hoạch kiểm soát TTHC năm {plan_year}")
    )
    if same.exists():
        number = f" (Quyết định {read.meta.decision_number})" if read.meta.decision_number else ""
        raise ApplicationError(
            "plan_exists",
            f"Kế hoạch năm {plan_year} này của {issuer_unit.name} đã được nhập{number}.",
            fields={"file": "exists"},
        )
    refs, groups = plan_unit_refs(issuer_unit, on)
    plan = Plan.objects.create(
        unit=issuer_unit,
        year=plan_year,
        title=read.meta.title or f"Kế hoạch kiểm soát TTHC năm {plan_year}",
        decision_number=read.meta.decision_number,
        decision_date=read.meta.decision_date,
        issuer=read.meta.issuer,
        legal_bases="\n".join(read.meta.legal_bases),
        decision_text=read.text,
        source_name=name[:255],
    )
    sections = {}
    for position, section in enumerate(read.document.sections, start=1):
        sections[section.numeral] = PlanSection.objects.create(
            plan=plan, position=position, numeral=section.numeral, title=section.title
        )
    result = ImportResult(plan)
    for position, row in enumerate(read.document.tasks, start=1):
        assignment = read_assignment(row.units, refs, groups)
        schedule = parse_timing(row.timing, plan_year)
        task = PlanTask.objects.create(
            plan=plan,
            section=sections[row.section],
            position=position,
            number=row.number,
            content=row.content,
            expected_result=row.result,
            units_text=row.units,
            units_unresolved=list(assignment.unresolved),
            timing_text=row.timing,
            timing_unknown=list(schedule.unknown),
        )
        task_parts_replace(task, roles=roles_of(assignment), schedule=schedule)
        result.tasks.append(ImportedTask(task, assignment, schedule))
    PlanTarget.objects.bulk_create(
        [
            PlanTarget(
                plan=plan,
                position=position,
                number=t.number,
                parent_number=t.parent,
                content=t.content,
                measure=t.measure,
                value_text=t.value_text,
                value=t.value,
                at_least=t.at_least,
                units_text=t.units,
            )
            for position, t in enumerate(read.document.targets, start=1)
        ]
    )
    audit_record(
        actor=actor,
        operation="plans.plan_import",
        target=plan,
        unit_id=issuer_unit.pk,
        after={
            **snapshot(plan, exclude=frozenset({"decision_text"})),
            "sections": len(sections),
            "tasks": len(result.tasks),
            "targets": len(read.document.targets),
        },
    )
    return result


def plan_summary(result: ImportResult) -> dict[str, Any]:
    """The JSON summary of an import: sections, tasks (units resolved and raw, timing raw and read), targets."""
    plan = result.plan
    by_section: dict[int, list[dict[str, Any]]] = {}
    for item in result.tasks:
        task = item.task
        people = {a.unit_id: a.unit for a in task.assignments.select_related("unit")}
        by_section.setdefault(task.section_id, []).append(
            {
                "number": task.number,
                "content": task.content,
                "result": task.expected_result,
                "lead": [_unit(people[int(k)]) for k in item.assignment.lead],
                "support": [_unit(people[int(k)]) for k in item.assignment.support],
                "units_raw": task.units_text,
                "units_unresolved": list(item.assignment.unresolved),
                "timing": {
                    "raw": task.timing_text,
                    "parts": [
                        {
                            "phrase": p.phrase,
                            "kind": p.kind.value,
                            "cadence": p.cadence,
                            "reason": p.reason,
                            "dates": [d.isoformat() for d in p.dates],
                        }
                        for p in item.schedule.parts
                    ],
                    "due_dates": [d.isoformat() for d in item.schedule.due_dates],
                    "unknown": list(item.schedule.unknown),
                },
            }
        )
    return {
        "plan": {
            "id": plan.pk,
            "title": plan.title,
            "year": plan.year,
            "unit": _unit(plan.unit),
            "decision_number": plan.decision_number,
            "decision_date": plan.decision_date.isoformat() if plan.decision_date else None,
            "issuer": plan.issuer,
        },
        "sections": [
            {"numeral": s.numeral, "title": s.title, "tasks": by_section.get(s.pk, [])}
            for s in plan.sections.all()
        ],
        "targets": [
            {
                "number": t.number,
                "parent": t.parent_number or None,
                "content": t.content,
                "measure": t.measure,
                "value_text": t.value_text,
                "comparator": ">=" if t.at_least else "=",
                "value": float(t.value) if t.value is not None else None,
                "units_raw": t.units_text,
            }
            for t in plan.targets.all()
        ],
        "counts": {
            "sections": plan.sections.count(),
            "tasks": len(result.tasks),
            "targets": plan.targets.count(),
        },
        # A task whose units cell names nobody would be carried out by no one: the office must assign it.
        "tasks_without_units": [
            item.task.number for item in result.tasks if not (item.assignment.lead or item.assignment.support)
        ],
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {"code": unit.code, "name": unit.name}
