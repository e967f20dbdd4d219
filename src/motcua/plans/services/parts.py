"""Storing what was read from a task's units and timing cells: one place for import, copy, add and edit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from motcua.core.plan_timing import Schedule, parse_timing
from motcua.core.plan_units import Assignment, read_assignment
from motcua.plans.enums import TaskRole
from motcua.plans.models import Plan, PlanTask, PlanTaskDue, PlanTaskTiming, PlanTaskUnit
from motcua.plans.selectors import plan_unit_refs


def read_cells(plan: Plan, units_text: str, timing_text: str) -> tuple[Assignment, Schedule]:
    """A hand-written task's units (against the plan unit's tree at the start of its year) and timing."""
    refs, groups = plan_unit_refs(plan.unit, dt.date(plan.year, 1, 1))
    return read_assignment(units_text, refs, groups), parse_timing(timing_text, plan.year)


def roles_of(assignment: Assignment) -> list[tuple[int, str]]:
    """(unit id, role) pairs of an assignment read from text."""
    lead: list[tuple[int, str]] = [(int(k), TaskRole.LEAD.value) for k in assignment.lead]
    return lead + [(int(k), TaskRole.SUPPORT.value) for k in assignment.support]


def task_parts_replace(task: PlanTask, *, roles: Iterable[tuple[int, str]], schedule: Schedule) -> None:
    """Replace a task's units, timing phrases and due dates (the caller's service is atomic and audited)."""
    task.assignments.all().delete()
    task.timings.all().delete()
    task.due_dates.all().delete()
    PlanTaskUnit.objects.bulk_create(
        [PlanTaskUnit(task=task, unit_id=unit_id, role=role) for unit_id, role in roles]
    )
    PlanTaskTiming.objects.bulk_create(
        [
            PlanTaskTiming(task=task, phrase=p.phrase[:255], kind=p.kind, cadence=p.cadence, reason=p.reason)
            for p in schedule.parts
        ]
    )
    PlanTaskDue.objects.bulk_create([PlanTaskDue(task=task, due_on=day) for day in schedule.due_dates])
