"""Reads for plans: the units a plan's text may name, and the plans and tasks a user may see."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Min

from motcua.accounts.access import scope_for
from motcua.core.periods import PeriodKind, periods_of_year
from motcua.core.plan_units import UnitRef
from motcua.plans.enums import ReportStatus, TaskRole, TaskStatus
from motcua.plans.models import Plan, PlanTask, TaskReport
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


def plans_visible(user: Any) -> Any:
    """Plans whose issuing unit is in the user's scope for viewing plans (the control office, leaders).

    Units that only carry out tasks see those tasks ("Nhiệm vụ của đơn vị"), not the whole plan with the
    other units' progress."""
    manage = scope_for(user, "plans.view_plan")
    if manage.empty:
        return Plan.objects.none()
    return Plan.objects.filter(manage.unit_q(prefix="unit__")).select_related("unit")


def tasks_for_user(user: Any) -> Any:
    """Tasks of issued plans that a unit of the user leads or supports, with their next due date."""
    work = scope_for(user, "plans.view_plantask")
    if work.empty:
        return PlanTask.objects.none()
    return (
        PlanTask.objects.filter(plan__status="issued")
        .filter(work.unit_q(prefix="assignments__unit__"))
        .annotate(next_due=Min("due_dates__due_on"))
        .select_related("plan", "section")
        .distinct()
        .order_by("plan__year", "position")
    )


def is_deadline_task(task: Any) -> bool:
    """A task with fixed deadlines (Quý II, Tháng 02) is met by finishing it; a continuous or periodic one
    by reporting each period."""
    kinds = {t.kind for t in task.timings.all()}
    return bool(kinds) and kinds <= {"deadline"}


def due_met(task: Any, reports: list[Any], period_start: dt.date) -> bool:
    """Whether a unit's reports meet a due date: a report not returned, dated in the period (from the day
    after the previous due date), at 100 % for a deadline task. A report awaiting review counts."""
    needed = 100 if is_deadline_task(task) else 0
    return any(
        r.status != ReportStatus.RETURNED and r.as_of >= period_start and r.percent >= needed for r in reports
    )


def period_start(task: Any, due_on: dt.date) -> dt.date:
    earlier = [d.due_on for d in task.due_dates.all() if d.due_on < due_on]
    return max(earlier) + dt.timedelta(days=1) if earlier else dt.date(task.plan.year, 1, 1)


def plan_dashboard(plan: Any, today: dt.date) -> dict[str, Any]:
    """Counts by section, by lead unit and status, the overdue list and the progress over the year.

    A lead unit is overdue on a task when the task's latest past due date is not met by its reports
    (`due_met`), the same rule the reminders use."""
    tasks = list(
        plan.tasks.prefetch_related("due_dates", "assignments__unit", "timings").select_related(
            "section", "plan"
        )
    )
    reports: dict[tuple[int, int], list[Any]] = {}
    for report in TaskReport.objects.filter(task__plan=plan):
        reports.setdefault((report.task_id, report.unit_id), []).append(report)
    by_section: dict[str, dict[str, int]] = {}
    by_unit: dict[str, dict[str, int]] = {}
    overdue = []
    for task in tasks:
        counts = by_section.setdefault(
            f"{task.section.numeral}. {task.section.title}", dict.fromkeys(TaskStatus.values, 0)
        )
        counts[task.status] += 1
        past = [d.due_on for d in task.due_dates.all() if d.due_on < today]
        for assignment in task.assignments.all():
            if assignment.role != TaskRole.LEAD:
                continue
            unit_counts = by_unit.setdefault(
                assignment.unit.name, {"tasks": 0, "overdue": 0, **dict.fromkeys(TaskStatus.values, 0)}
            )
            unit_counts["tasks"] += 1
            unit_counts[task.status] += 1
            if past and task.status != TaskStatus.DONE:
                own = reports.get((task.pk, assignment.unit_id), [])
                if not due_met(task, own, period_start(task, past[-1])):
                    unit_counts["overdue"] += 1
                    overdue.append((task, assignment.unit, past[-1]))
    quarters = []
    lead_units = {t.pk: {a.unit_id for a in t.assignments.all() if a.role == TaskRole.LEAD} for t in tasks}
    for quarter, cutoff in enumerate(
        (p.end for p in periods_of_year(PeriodKind.QUARTER, plan.year)), start=1
    ):
        reported = sum(
            1
            for t in tasks
            if any(r.as_of <= cutoff for (task_id, _u), rs in reports.items() if task_id == t.pk for r in rs)
        )
        done = sum(
            1
            for t in tasks
            if lead_units[t.pk]
            and all(
                any(
                    r.status == ReportStatus.ACCEPTED and r.percent == 100 and r.as_of <= cutoff
                    for r in reports.get((t.pk, unit_id), [])
                )
                for unit_id in lead_units[t.pk]
            )
        )
        total = max(len(tasks), 1)
        reported_h, done_h = round(reported * 100 / total), round(done * 100 / total)
        quarters.append(
            {
                "quarter": quarter,
                "done": done,
                "reported": reported,
                "total": len(tasks),
                # bar geometry for the SVG chart (100 px = every task)
                "x": 10 + (quarter - 1) * 78,
                "reported_y": 120 - reported_h,
                "reported_h": reported_h,
                "done_x": 40 + (quarter - 1) * 78,
                "done_y": 120 - done_h,
                "done_h": done_h,
            }
        )
    return {
        "by_section": by_section,
        "by_unit": dict(sorted(by_unit.items(), key=lambda item: -item[1]["overdue"])),
        "overdue": sorted(overdue, key=lambda row: (row[2], row[0].position)),
        "quarters": quarters,
        "status_totals": {s: sum(c[s] for c in by_section.values()) for s in TaskStatus.values},
        "total": len(tasks),
    }
