"""Running a plan: create by hand, copy last year's as a draft, issue, progress reports with evidence,
the control office's review, and reminders before and after due dates."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from motcua.accounts.access import can
from motcua.accounts.models import Membership
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.common.uploads import upload_checked
from motcua.core.plan_timing import parse_timing
from motcua.plans.enums import EvidenceKind, PlanStatus, ReminderKind, ReportStatus, TaskRole, TaskStatus
from motcua.plans.models import (
    Plan,
    PlanReminder,
    PlanSection,
    PlanTarget,
    PlanTask,
    TaskEvidence,
    TaskReport,
)
from motcua.plans.selectors import due_met, period_start
from motcua.plans.services.parts import read_cells, roles_of, task_parts_replace
from motcua.units.models import Unit

ALLOWED_EVIDENCE = frozenset(
    {".pdf", ".docx", ".doc", ".xlsx", ".xls", ".jpg", ".jpeg", ".png", ".odt", ".ods"}
)
MAX_EVIDENCE_BYTES = 15 * 1024 * 1024


@transaction.atomic
def plan_create(*, actor: Any, unit: Unit, year: int, title: str, decision_number: str = "") -> Plan:
    """A new draft plan made by hand (sections and tasks are added to it afterwards)."""
    if not title.strip():
        raise ApplicationError("plan_title_required", "Hãy ghi tên kế hoạch.", fields={"title": "required"})
    if not 2000 <= year <= 2100:
        raise ApplicationError("plan_year_invalid", f"Năm {year} không hợp lệ.", fields={"year": "invalid"})
    plan = Plan.objects.create(
        unit=unit, year=year, title=title.strip(), decision_number=decision_number.strip()
    )
    audit_record(
        actor=actor, operation="plans.plan_create", target=plan, unit_id=unit.pk, after=snapshot(plan)
    )
    return plan


@transaction.atomic
def plan_copy(*, actor: Any, plan: Plan, year: int) -> Plan:
    """Last year's plan as a draft for `year`: same sections, tasks, units and targets; the timings are read
    again for the new year, reports and statuses are not carried over."""
    if year <= plan.year:
        raise ApplicationError(
            "plan_copy_year",
            f"Chỉ sao kế hoạch {plan.year} sang một năm sau đó.",
            fields={"year": "not_later"},
        )
    if not plan.unit.is_valid_on(dt.date(year, 1, 1)):
        raise ApplicationError(
            "plan_copy_unit_ended",
            f"{plan.unit.name} không còn hiệu lực vào năm {year}; kế hoạch của đơn vị kế thừa cần lập mới.",
            fields={"year": "unit_ended"},
        )
    if Plan.objects.filter(unit=plan.unit, year=year, copied_from=plan).exists():
        raise ApplicationError(
            "plan_copy_exists", f"Đã có bản sao của kế hoạch này cho năm {year}.", fields={"year": "exists"}
        )
    title = (
        plan.title.replace(str(plan.year), str(year))
        if str(plan.year) in plan.title
        else f"{plan.title} ({year})"
    )
    copy = Plan.objects.create(
        unit=plan.unit,
        year=year,
        title=title,
        issuer=plan.issuer,
        legal_bases=plan.legal_bases,
        status=PlanStatus.DRAFT,
        copied_from=plan,
    )
    sections = {}
    for section in plan.sections.all():
        sections[section.pk] = PlanSection.objects.create(
            plan=copy, position=section.position, numeral=section.numeral, title=section.title
        )
    for task in plan.tasks.prefetch_related("assignments__unit"):
        schedule = parse_timing(task.timing_text, year)
        new = PlanTask.objects.create(
            plan=copy,
            section=sections[task.section_id],
            position=task.position,
            number=task.number,
            content=task.content,
            expected_result=task.expected_result,
            units_text=task.units_text,
            units_unresolved=task.units_unresolved,
            timing_text=task.timing_text,
            timing_unknown=list(schedule.unknown),
        )
        # Units that no longer exist in the new year are not carried over, and are named on the task.
        start = dt.date(year, 1, 1)
        kept = [a for a in task.assignments.all() if a.unit.is_valid_on(start)]
        ended = [a.unit.name for a in task.assignments.all() if not a.unit.is_valid_on(start)]
        if ended:
            new.units_unresolved = [*new.units_unresolved, *(f"hết hiệu lực: {name}" for name in ended)]
            new.save(update_fields=["units_unresolved"])
        task_parts_replace(new, roles=[(a.unit_id, a.role) for a in kept], schedule=schedule)
    PlanTarget.objects.bulk_create(
        [
            PlanTarget(
                plan=copy,
                position=t.position,
                number=t.number,
                parent_number=t.parent_number,
                content=t.content,
                measure=t.measure,
                value_text=t.value_text,
                value=t.value,
                at_least=t.at_least,
                units_text=t.units_text,
                indicator_code=t.indicator_code,
            )
            for t in plan.targets.all()
        ]
    )
    audit_record(
        actor=actor,
        operation="plans.plan_copy",
        target=copy,
        unit_id=plan.unit_id,
        after={**snapshot(copy), "from_plan": plan.pk},
    )
    return copy


@transaction.atomic
def plan_issue(*, actor: Any, plan: Plan) -> Plan:
    """Issue a draft plan: from now on units see their tasks and report on them."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.DRAFT:
        raise ApplicationError(
            "plan_not_draft", "Chỉ ban hành được kế hoạch đang là dự thảo.", fields={"status": "not_draft"}
        )
    if not locked.tasks.exists():
        raise ApplicationError("plan_empty", "Kế hoạch chưa có nhiệm vụ nào.", fields={"tasks": "empty"})
    before = snapshot(locked)
    locked.status = PlanStatus.ISSUED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        operation="plans.plan_issue",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


@dataclass(frozen=True)
class EvidenceUpload:
    kind: str
    file: UploadedFile


def _check_evidence(upload: EvidenceUpload) -> tuple[bytes, str]:
    if upload.kind not in EvidenceKind.values:
        raise ApplicationError(
            "evidence_kind_unknown", f"Loại minh chứng “{upload.kind}” không có.", fields={"evidence": "kind"}
        )
    return upload_checked(
        upload.file, allowed=ALLOWED_EVIDENCE, max_bytes=MAX_EVIDENCE_BYTES, field="evidence"
    )


@transaction.atomic
def task_report_submit(
    *,
    actor: Any,
    task: PlanTask,
    unit: Unit,
    as_of: dt.date,
    text: str,
    percent: int,
    evidence: list[EvidenceUpload] | tuple[EvidenceUpload, ...] = (),
) -> TaskReport:
    """A unit that leads or supports a task reports its progress, with evidence files (checked)."""
    if task.plan.status != PlanStatus.ISSUED:
        raise ApplicationError(
            "plan_not_issued", "Kế hoạch chưa ban hành hoặc đã kết thúc.", fields={"task": "plan"}
        )
    if not task.assignments.filter(unit=unit).exists():
        raise ApplicationError(
            "report_unit_not_assigned",
            f"{unit.name} không chủ trì hay phối hợp nhiệm vụ {task.number}.",
            fields={"unit": "not_assigned"},
        )
    if not can(actor, "plans.add_taskreport", unit):
        raise ApplicationError.forbidden("Bạn không có quyền báo cáo cho đơn vị này.", "unit")
    if not 0 <= percent <= 100:
        raise ApplicationError(
            "report_percent", "Mức độ hoàn thành phải từ 0 đến 100 %.", fields={"percent": "range"}
        )
    if not text.strip():
        raise ApplicationError("report_text", "Hãy ghi nội dung báo cáo.", fields={"text": "required"})
    if as_of > timezone.localdate():
        raise ApplicationError(
            "report_future", "Không báo cáo cho ngày trong tương lai.", fields={"as_of": "future"}
        )
    checked = [(_check_evidence(upload), upload.kind) for upload in evidence]
    report = TaskReport.objects.create(
        task=task, unit=unit, author=actor, as_of=as_of, text=text.strip(), percent=percent
    )
    written: list[TaskEvidence] = []
    try:
        for (data, name), kind in checked:
            item = TaskEvidence(
                report=report,
                kind=kind,
                original_name=name[:255],
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
            )
            item.file.save(name, ContentFile(data), save=False)
            written.append(item)
            item.save()
        if task.status == TaskStatus.NOT_STARTED:
            _task_status(actor, task, TaskStatus.IN_PROGRESS)
        audit_record(
            actor=actor,
            operation="plans.task_report_submit",
            target=report,
            unit_id=unit.pk,
            after={**snapshot(report), "evidence": len(checked)},
        )
    except Exception:
        # The rows roll back with the transaction; the files on disk must go too.
        for item in written:
            item.file.delete(save=False)
        raise
    return report


def _task_status(actor: Any, task: PlanTask, status: str) -> None:
    """A task's status moves on; the move is an audit event (its history)."""
    before = snapshot(task)
    PlanTask.objects.filter(pk=task.pk).update(status=status)
    task.refresh_from_db()
    audit_record(
        actor=actor,
        operation="plans.task_status",
        target=task,
        unit_id=task.plan.unit_id,
        before=before,
        after=snapshot(task),
    )


@transaction.atomic
def task_report_review(*, actor: Any, report: TaskReport, accept: bool, note: str = "") -> TaskReport:
    """The control office accepts a report, or returns it with what is missing (a note is required)."""
    locked = TaskReport.objects.select_for_update().select_related("task__plan").get(pk=report.pk)
    if not can(actor, "plans.review_taskreport", locked.task.plan.unit):
        raise ApplicationError.forbidden("Bạn không có quyền xem xét báo cáo này.", "report")
    if locked.status != ReportStatus.SUBMITTED:
        raise ApplicationError(
            "report_reviewed", "Báo cáo này đã được xem xét.", fields={"report": "reviewed"}
        )
    if not accept and not note.strip():
        raise ApplicationError(
            "review_note_required", "Khi trả lại, hãy ghi rõ cần bổ sung gì.", fields={"note": "required"}
        )
    before = snapshot(locked)
    locked.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    locked.reviewer, locked.reviewed_at, locked.review_note = actor, timezone.now(), note.strip()
    locked.save()
    if accept:
        task = locked.task
        # Done when every lead unit has, for this task, one accepted report at 100 %.
        finished = TaskReport.objects.filter(
            task=task, unit=OuterRef("unit"), status=ReportStatus.ACCEPTED, percent=100
        )
        if not task.assignments.filter(role=TaskRole.LEAD).exclude(Exists(finished)).exists():
            _task_status(actor, task, TaskStatus.DONE)
    audit_record(
        actor=actor,
        operation="plans.task_report_review",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


def plan_reminders_send(*, today: dt.date, days_before: int = 7) -> list[PlanReminder]:
    """Remind each lead unit once before a task's next due date (within `days_before`) and once when its latest
    due date has passed unmet (`due_met`, the dashboard's rule); by e-mail to the unit's members, recorded."""
    sent: list[PlanReminder] = []
    window = today + dt.timedelta(days=days_before)
    tasks = (
        PlanTask.objects.filter(plan__status=PlanStatus.ISSUED)
        .exclude(status=TaskStatus.DONE)
        .select_related("plan")
        .prefetch_related("due_dates", "timings", "assignments__unit")
    )
    for task in tasks:
        dues = sorted(d.due_on for d in task.due_dates.all())
        past = [d for d in dues if d < today]
        coming = [d for d in dues if today <= d <= window]
        targets = ([(past[-1], ReminderKind.OVERDUE)] if past else []) + (
            [(coming[0], ReminderKind.UPCOMING)] if coming else []
        )
        for due_on, kind in targets:
            for assignment in task.assignments.all():
                if assignment.role != TaskRole.LEAD:
                    continue
                reports = list(TaskReport.objects.filter(task=task, unit=assignment.unit))
                if due_met(task, reports, period_start(task, due_on)):
                    continue
                reminder = _remind(task, assignment.unit, due_on, kind)
                if reminder is not None:
                    sent.append(reminder)
    return sent


@transaction.atomic
def _remind(task: PlanTask, unit: Unit, due_on: dt.date, kind: str) -> PlanReminder | None:
    reminder, created = PlanReminder.objects.get_or_create(task=task, unit=unit, due_on=due_on, kind=kind)
    if not created:
        return None
    emails = sorted(
        set(
            Membership.objects.filter(unit=unit, is_active=True)
            .exclude(Q(user__email="") | Q(user__is_active=False))
            .values_list("user__email", flat=True)
        )
    )
    reminder.recipients = emails
    reminder.save(update_fields=["recipients"])
    audit_record(
        actor=None,
        operation="plans.reminder_send",
        target=reminder,
        unit_id=unit.pk,
        after=snapshot(reminder),
    )
    transaction.on_commit(functools.partial(_mail, reminder, emails))
    return reminder


def _mail(reminder: PlanReminder, emails: list[str]) -> None:
    if not emails:
        return
    verb = "đã quá hạn" if reminder.kind == ReminderKind.OVERDUE else "sắp đến hạn"
    send_mail(
        subject=f"[motcua] Nhiệm vụ {reminder.task.number} {verb} ({reminder.due_on:%d/%m/%Y})",
        message=(
            f"Nhiệm vụ {reminder.task.number} của {reminder.task.plan.title}:\n{reminder.task.content}\n\n"
            f"Hạn: {reminder.due_on:%d/%m/%Y}. Đơn vị: {reminder.unit.name}.\n"
            "Hãy gửi báo cáo tiến độ kèm minh chứng trên motcua."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=emails,
        fail_silently=True,
    )


@transaction.atomic
def plan_task_add(
    *,
    actor: Any,
    plan: Plan,
    section_numeral: str,
    section_title: str,
    number: str,
    content: str,
    expected_result: str = "",
    units_text: str = "",
    timing_text: str = "",
) -> PlanTask:
    """Add a task to a draft plan by hand; its units and timing are read as an imported task's are."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.status != PlanStatus.DRAFT:
        raise ApplicationError(
            "plan_not_draft", "Chỉ thêm nhiệm vụ vào kế hoạch đang là dự thảo.", fields={"plan": "not_draft"}
        )
    numeral, number = section_numeral.strip().upper(), number.strip()
    if not numeral or not number or not content.strip():
        raise ApplicationError(
            "task_fields_required",
            "Hãy ghi phần (I, II, …), số thứ tự và nội dung nhiệm vụ.",
            fields={"content": "required"},
        )
    if locked.tasks.filter(number=number).exists():
        raise ApplicationError(
            "task_number_taken", f"Kế hoạch đã có nhiệm vụ số {number}.", fields={"number": "taken"}
        )
    section = locked.sections.filter(numeral=numeral).first()
    if section is None:
        if not section_title.strip():
            raise ApplicationError(
                "section_title_required",
                f"Phần {numeral} chưa có: hãy ghi tên phần.",
                fields={"section_title": "required"},
            )
        section = PlanSection.objects.create(
            plan=locked, position=locked.sections.count() + 1, numeral=numeral, title=section_title.strip()
        )
    assignment, schedule = read_cells(locked, units_text, timing_text)
    task = PlanTask.objects.create(
        plan=locked,
        section=section,
        position=locked.tasks.count() + 1,
        number=number,
        content=content.strip(),
        expected_result=expected_result.strip(),
        units_text=units_text.strip(),
        units_unresolved=list(assignment.unresolved),
        timing_text=timing_text.strip(),
        timing_unknown=list(schedule.unknown),
    )
    task_parts_replace(task, roles=roles_of(assignment), schedule=schedule)
    audit_record(
        actor=actor, operation="plans.task_add", target=task, unit_id=locked.unit_id, after=snapshot(task)
    )
    return task


@transaction.atomic
def plan_task_update(*, actor: Any, task: PlanTask, units_text: str, timing_text: str) -> PlanTask:
    """Correct a task's units and timing (a name the import did not recognise, an empty cell): they are read
    again as on import; reports already sent stay with their units."""
    locked = PlanTask.objects.select_for_update().select_related("plan__unit").get(pk=task.pk)
    if locked.plan.status == PlanStatus.CLOSED:
        raise ApplicationError("plan_closed", "Kế hoạch đã kết thúc.", fields={"plan": "closed"})
    before = {**snapshot(locked), "units": sorted(locked.assignments.values_list("unit_id", "role"))}
    assignment, schedule = read_cells(locked.plan, units_text, timing_text)
    locked.units_text, locked.units_unresolved = units_text.strip(), list(assignment.unresolved)
    locked.timing_text, locked.timing_unknown = timing_text.strip(), list(schedule.unknown)
    locked.save()
    task_parts_replace(locked, roles=roles_of(assignment), schedule=schedule)
    audit_record(
        actor=actor,
        operation="plans.task_update",
        target=locked,
        unit_id=locked.plan.unit_id,
        before=before,
        after={**snapshot(locked), "units": sorted(locked.assignments.values_list("unit_id", "role"))},
    )
    return locked
