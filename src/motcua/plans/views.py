from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from motcua.accounts.access import can, has_perm_somewhere, scope_for
from motcua.common.errors import ApplicationError
from motcua.plans.enums import ReportStatus
from motcua.plans.exports import plan_docx, plan_xlsx
from motcua.plans.forms import (
    PlanCopyForm,
    PlanCreateForm,
    PlanImportForm,
    ReviewForm,
    TaskAddForm,
    TaskReportForm,
    TaskUpdateForm,
)
from motcua.plans.models import Plan, PlanTask, TaskEvidence, TaskReport
from motcua.plans.selectors import plan_dashboard, plans_visible, tasks_for_user
from motcua.plans.services import (
    plan_copy,
    plan_create,
    plan_import,
    plan_issue,
    plan_task_add,
    plan_task_update,
    task_report_review,
    task_report_submit,
)
from motcua.plans.services.running import EvidenceUpload
from motcua.units.models import Unit


def _plan(request: HttpRequest, pk: int, *, perm: str = "") -> Plan:
    """A plan the user manages or follows (its issuing unit is in their scope; units see their tasks only),
    and, with `perm`, one the user may act on that way (403 otherwise)."""
    plan: Plan | None = plans_visible(request.user).filter(pk=pk).first()
    if plan is None or not can(request.user, "plans.view_plan", plan.unit):
        raise Http404("Không tìm thấy kế hoạch")
    if perm and not can(request.user, perm, plan.unit):
        raise PermissionDenied
    return plan


def _managing_units(request: HttpRequest) -> list[Unit]:
    scope = scope_for(request.user, "plans.add_plan")
    if scope.empty:
        return []
    return list(Unit.objects.filter(scope.unit_q()).exclude(kind__in=["agency", "one_stop"]).order_by("path"))


def _error(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, exc.message)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "plans/list.html",
        {
            "plans": plans_visible(request.user),
            "can_manage": has_perm_somewhere(request.user, "plans.add_plan"),
            "import_form": PlanImportForm(),
            "create_form": PlanCreateForm(units=_managing_units(request)),
        },
    )


@login_required
@require_POST
def plan_import_view(request: HttpRequest) -> HttpResponse:
    units = _managing_units(request)
    if not units:
        raise PermissionDenied("Bạn không có quyền nhập kế hoạch.")
    form = PlanImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Hãy chọn tệp kế hoạch.")
        return redirect("plans:list")
    upload = form.cleaned_data["file"]
    try:
        result = plan_import(
            actor=request.user, name=upload.name, data=upload.read(), year=form.cleaned_data["year"]
        )
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("plans:list")
    plan = result.plan
    messages.success(
        request,
        f"Đã nhập {plan.sections.count()} phần, {plan.tasks.count()} nhiệm vụ,"
        f" {plan.targets.count()} chỉ tiêu.",
    )
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_create_view(request: HttpRequest) -> HttpResponse:
    units = _managing_units(request)
    if not units:
        raise PermissionDenied("Bạn không có quyền lập kế hoạch.")
    form = PlanCreateForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, "Hãy chọn đơn vị, ghi tên và năm của kế hoạch.")
        return redirect("plans:list")
    data = dict(form.cleaned_data)
    unit = next(u for u in units if str(u.pk) == data.pop("unit"))
    try:
        plan = plan_create(actor=request.user, unit=unit, **data)
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("plans:list")
    return redirect("plans:detail", pk=plan.pk)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    today = timezone.localdate()
    dashboard = plan_dashboard(plan, today)
    tasks = plan.tasks.select_related("section").prefetch_related("assignments__unit", "due_dates", "timings")
    manage = can(request.user, "plans.change_plan", plan.unit)
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "tasks": tasks,
            "dash": dashboard,
            "today": today,
            "can_manage": manage,
            "can_review": can(request.user, "plans.review_taskreport", plan.unit),
            "copy_form": PlanCopyForm(initial={"year": plan.year + 1}),
            "task_form": TaskAddForm(),
            "targets": plan.targets.all(),
            "pending": TaskReport.objects.filter(task__plan=plan, status=ReportStatus.SUBMITTED).count(),
            "without_units": [t.number for t in plan.tasks.filter(assignments__isnull=True)],
        },
    )


@login_required
@require_POST
def plan_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, perm="plans.change_plan")
    try:
        plan_issue(actor=request.user, plan=plan)
        messages.success(request, "Đã ban hành kế hoạch; các đơn vị đã thấy nhiệm vụ của mình.")
    except ApplicationError as exc:
        _error(request, exc)
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_task_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, perm="plans.change_plan")
    form = TaskAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy ghi phần, số thứ tự và nội dung nhiệm vụ.")
        return redirect("plans:detail", pk=plan.pk)
    try:
        task = plan_task_add(actor=request.user, plan=plan, **form.cleaned_data)
    except ApplicationError as exc:
        _error(request, exc)
    else:
        messages.success(request, f"Đã thêm nhiệm vụ {task.number}.")
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def plan_task_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(PlanTask.objects.select_related("plan"), pk=pk)
    plan = _plan(request, task.plan_id, perm="plans.change_plan")
    form = TaskUpdateForm(request.POST)
    if form.is_valid():
        try:
            updated = plan_task_update(actor=request.user, task=task, **form.cleaned_data)
        except ApplicationError as exc:
            _error(request, exc)
        else:
            messages.success(request, f"Đã sửa đơn vị và thời gian của nhiệm vụ {updated.number}.")
    return redirect(f"/plans/{plan.pk}/#task-{task.number}")


@login_required
@require_POST
def plan_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, perm="plans.add_plan")
    form = PlanCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Năm không hợp lệ.")
        return redirect("plans:detail", pk=plan.pk)
    try:
        copy = plan_copy(actor=request.user, plan=plan, year=form.cleaned_data["year"])
    except ApplicationError as exc:
        _error(request, exc)
        return redirect("plans:detail", pk=plan.pk)
    messages.success(request, f"Đã sao kế hoạch thành dự thảo năm {copy.year}.")
    return redirect("plans:detail", pk=copy.pk)


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "plans/my_tasks.html", {"tasks": tasks_for_user(request.user), "today": timezone.localdate()}
    )


def _reporting_units(request: HttpRequest, task: PlanTask) -> list[Unit]:
    return [
        a.unit
        for a in task.assignments.select_related("unit")
        if can(request.user, "plans.add_taskreport", a.unit)
    ]


@login_required
def task_report(request: HttpRequest, pk: int) -> HttpResponse:
    task = tasks_for_user(request.user).filter(pk=pk).first()
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ")
    units = _reporting_units(request, task)
    form = TaskReportForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        uploads = [EvidenceUpload(data["evidence_kind"] or "other", f) for f in data["evidence"]]
        try:
            task_report_submit(
                actor=request.user,
                task=task,
                unit=next(u for u in units if str(u.pk) == data["unit"]),
                as_of=data["as_of"],
                text=data["text"],
                percent=data["percent"],
                evidence=uploads,
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Đã gửi báo cáo nhiệm vụ {task.number}.")
            return redirect("plans:my_tasks")
    reports = task.reports.select_related("unit").prefetch_related("evidence")
    if not can(request.user, "plans.review_taskreport", task.plan.unit):
        # A unit sees its own reports, not those of the other units on the same task.
        reports = reports.filter(
            pk__in=[r.pk for r in reports if can(request.user, "plans.add_taskreport", r.unit)]
        )
    return render(request, "plans/task_report.html", {"task": task, "form": form, "reports": reports})


@login_required
def plan_reviews(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, perm="plans.review_taskreport")
    reports = (
        TaskReport.objects.filter(task__plan=plan, status=ReportStatus.SUBMITTED)
        .select_related("task", "unit", "author")
        .prefetch_related("evidence")
    )
    return render(request, "plans/reviews.html", {"plan": plan, "reports": reports, "form": ReviewForm()})


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(TaskReport.objects.select_related("task__plan"), pk=pk)
    plan = _plan(request, report.task.plan_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            task_report_review(
                actor=request.user,
                report=report,
                accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, f"Đã xem xét báo cáo nhiệm vụ {report.task.number} của {report.unit.name}."
            )
        except ApplicationError as exc:
            _error(request, exc)
    return redirect("plans:reviews", pk=plan.pk)


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """An evidence file, for the reporting unit and for the plan's reviewers."""
    item = get_object_or_404(
        TaskEvidence.objects.select_related("report__unit", "report__task__plan__unit"), pk=pk
    )
    report = item.report
    allowed = can(request.user, "plans.review_taskreport", report.task.plan.unit) or can(
        request.user, "plans.add_taskreport", report.unit
    )
    if not allowed:
        raise Http404("Không tìm thấy tệp")
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=item.original_name)


def _download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def plan_export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return _download(
        plan_xlsx(plan),
        f"ke-hoach-{plan.year}-{plan.unit.code}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def plan_export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    return _download(
        plan_docx(plan),
        f"ke-hoach-{plan.year}-{plan.unit.code}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
