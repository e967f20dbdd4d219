"""Writing versions: draft, edit, internal process, publish, import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import EDIT, IMPORT, PUBLISH
from motcua.catalog.forms import (
    AgencyStepFormSet,
    ImportForm,
    PublishForm,
    StepFormSet,
    VersionEditForm,
    coded_text,
)
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.services import (
    AgencyStepInput,
    StepInput,
    procedure_create,
    version_draft_create,
    version_process_set,
    version_publish,
    version_update,
)
from motcua.catalog.services.importing import catalog_import, read_rows
from motcua.catalog.views.common import (
    PROBLEM_KINDS,
    detail_url,
    form_error,
    not_draft,
    problems_labelled,
    process_limit,
    require,
    version_or_404,
)
from motcua.common.errors import ApplicationError

# -- writing versions -----------------------------------------------------------------------------


@login_required
@require_POST
def version_draft(request: HttpRequest, code: str) -> HttpResponse:
    require(request, EDIT)
    procedure = get_object_or_404(Procedure, code=code)
    try:
        draft = version_draft_create(actor=request.user, procedure=procedure)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("catalog:detail", code=procedure.code)
    messages.success(request, _("Đã tạo bản nháp phiên bản %(number)s.") % {"number": draft.number})
    return redirect("catalog:edit", code=procedure.code, number=draft.number)


@login_required
@require_POST
def procedure_new(request: HttpRequest) -> HttpResponse:
    """A procedure typed in by hand, not imported: its draft version 1 opens for editing."""
    require(request, IMPORT)
    try:
        draft = procedure_create(
            actor=request.user,
            code=request.POST.get("code", ""),
            name=request.POST.get("name", ""),
            field=request.POST.get("field", ""),
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("catalog:list")
    messages.success(
        request, _("Đã thêm thủ tục %(code)s, bản nháp phiên bản 1.") % {"code": draft.procedure.code}
    )
    return redirect("catalog:edit", code=draft.procedure.code, number=1)


def _edit_initial(version: ProcedureVersion) -> dict[str, Any]:
    initial = {name: getattr(version, name) for name in VersionEditForm.base_fields}
    initial["applicants"] = "\n".join(version.applicants)
    initial["legal_basis"] = coded_text(version.legal_basis)
    initial["results"] = coded_text(version.results)
    if version.time_limit_value is not None:
        initial["time_limit_value"] = version.time_limit_value.normalize()  # "3", not "3,00"
    return initial


@login_required
def version_edit(request: HttpRequest, code: str, number: int) -> HttpResponse:
    require(request, EDIT)
    version = version_or_404(code, number)
    if request.method != "POST" and not version.editable:
        return not_draft(request, version)
    form = VersionEditForm(request.POST or None, initial=_edit_initial(version))
    if request.method == "POST" and form.is_valid():
        try:
            version_update(actor=request.user, version=version, **form.cleaned_data)
        except ApplicationError as exc:
            if exc.code == "version_not_draft":
                messages.error(request, exc.message)
                return redirect(detail_url(version))
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu bản nháp phiên bản %(number)s.") % {"number": version.number})
            return redirect(detail_url(version))
    return render(request, "catalog/edit.html", {"version": version, "form": form})


@login_required
def version_process(request: HttpRequest, code: str, number: int) -> HttpResponse:
    require(request, EDIT)
    version = version_or_404(code, number)
    if request.method != "POST" and not version.editable:
        return not_draft(request, version)
    data = request.POST if request.method == "POST" else None
    steps = StepFormSet(
        data,
        prefix="steps",
        initial=[{"name": s.name, "role": s.role, "hours": s.hours.normalize()} for s in version.steps.all()],
    )
    agency = AgencyStepFormSet(
        data,
        prefix="agency",
        initial=[
            {"agency": a.agency, "task": a.task, "hours": a.hours.normalize()}
            for a in version.agency_steps.all()
        ],
    )
    refusal = ""
    if data is not None and steps.is_valid() and agency.is_valid():
        try:
            version_process_set(
                actor=request.user,
                version=version,
                steps=[StepInput(d["name"], d["role"], d["hours"]) for d in steps.cleaned_data if d],
                agency_steps=[
                    AgencyStepInput(d["agency"], d["task"], d["hours"]) for d in agency.cleaned_data if d
                ],
            )
        except ApplicationError as exc:
            if exc.code == "version_not_draft":
                messages.error(request, exc.message)
                return redirect(detail_url(version))
            refusal = exc.message
        else:
            messages.success(
                request, _("Đã lưu quy trình nội bộ của phiên bản %(number)s.") % {"number": number}
            )
            return redirect(detail_url(version))
    limit = process_limit(version)
    return render(
        request,
        "catalog/process.html",
        {"version": version, "steps": steps, "agency": agency, "refusal": refusal, "limit": limit},
    )


@login_required
@require_POST
def version_publish_view(request: HttpRequest, code: str, number: int) -> HttpResponse:
    require(request, PUBLISH)
    version = version_or_404(code, number)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ngày hiệu lực không hợp lệ."))
        return redirect(detail_url(version))
    try:
        version = version_publish(
            actor=request.user, version=version, valid_from=form.cleaned_data["valid_from"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(detail_url(version))
    messages.success(
        request,
        _("Đã công bố phiên bản %(number)s, hiệu lực từ ngày %(day)s.")
        % {"number": version.number, "day": f"{form.cleaned_data['valid_from']:%d/%m/%Y}"},
    )
    return redirect("catalog:detail", code=code)


@login_required
def catalog_import_view(request: HttpRequest) -> HttpResponse:
    require(request, IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        publish = form.cleaned_data["publish"]
        upload = form.cleaned_data["file"]
        if publish and not has_perm_somewhere(request.user, PUBLISH):
            form.add_error("publish", _("Bạn không có quyền công bố thủ tục; hãy bỏ chọn “công bố ngay”."))
        else:
            try:
                rows = read_rows(upload.name, upload.read())
                if not rows:
                    raise ApplicationError(
                        "catalog_file_empty", _("Tệp %(name)s không có thủ tục nào.") % {"name": upload.name}
                    )
                summary = catalog_import(
                    actor=request.user, rows=rows, publish=publish, valid_from=form.cleaned_data["valid_from"]
                )
            except ApplicationError as exc:
                form.add_error("file", exc.message)
    context: dict[str, Any] = {"form": form, "summary": summary}
    if summary is not None:
        by_kind = summary.unparsed_by_kind()
        most = max(by_kind.values(), default=1)
        context["kinds"] = [
            {"kind": str(PROBLEM_KINDS.get(kind, kind)), "count": count, "percent": round(100 * count / most)}
            for kind, count in by_kind.items()
        ]
        context["unparsed"] = [
            (code, problems_labelled(found)) for code, found in sorted(summary.unparsed.items())
        ]
    return render(request, "catalog/import.html", context)
