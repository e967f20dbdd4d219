"""Review record pages: start a record, write it (criteria, proposals, cost lines), send it, and the
control office's decision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import can
from motcua.catalog.models import Procedure
from motcua.common.errors import ApplicationError
from motcua.core.compliance_cost import compare
from motcua.reviews.enums import CampaignStatus, Criterion, RecordStatus
from motcua.reviews.forms import CostLineFormSet, DecisionForm, ProposalFormSet, RecordCreateForm, RecordForm
from motcua.reviews.models import ReviewRecord
from motcua.reviews.selectors import record_scenarios
from motcua.reviews.services import (
    AssessmentInput,
    CostLineInput,
    ProposalInput,
    record_accept,
    record_create,
    record_return,
    record_submit,
    record_update,
)
from motcua.reviews.views.common import campaign_for, pick, record_for, refused

CHANGE = "reviews.change_reviewrecord"


@login_required
@require_POST
def record_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    units = [u for u in campaign.units.order_by("path") if can(request.user, "reviews.add_reviewrecord", u)]
    if not units:
        raise PermissionDenied
    form = RecordCreateForm(request.POST, units=units)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi mã thủ tục và chọn đơn vị."))
        return redirect("reviews:detail", pk=campaign.pk)
    code = form.cleaned_data["procedure_code"].strip()
    procedure = Procedure.objects.filter(code=code).first()
    if procedure is None:
        messages.error(request, _("Không có thủ tục mã %(code)s trong danh mục.") % {"code": code})
        return redirect("reviews:detail", pk=campaign.pk)
    try:
        record = record_create(
            actor=request.user,
            campaign=campaign,
            procedure=procedure,
            unit=pick(units, form.cleaned_data["unit"]),
        )
    except ApplicationError as exc:
        refused(request, exc)
        return redirect("reviews:detail", pk=campaign.pk)
    return redirect("reviews:record", pk=record.pk)


def _initial(record: ReviewRecord) -> dict[str, Any]:
    values: dict[str, Any] = {
        "conclusion": record.conclusion,
        "times_per_year": record.times_per_year,
        "after_times_per_year": record.after_times_per_year,
        "subjects_per_year": record.subjects_per_year,
    }
    for a in record.assessments.all():
        values[f"verdict_{a.criterion}"] = a.verdict
        values[f"comment_{a.criterion}"] = a.comment
    return values


def _rows(formset: Any) -> list[dict[str, Any]]:
    """The filled rows of a formset, without those marked for deletion."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _save(request: HttpRequest, record: ReviewRecord, form: RecordForm, proposals: Any, costs: Any) -> None:
    data = form.cleaned_data
    record_update(
        actor=request.user,
        record=record,
        conclusion=data["conclusion"],
        times_per_year=data["times_per_year"],
        after_times_per_year=data["after_times_per_year"],
        subjects_per_year=data["subjects_per_year"],
        assessments=[
            AssessmentInput(c.value, data[f"verdict_{c.value}"], data[f"comment_{c.value}"])
            for c in Criterion
        ],
        proposals=[
            ProposalInput(p["kind"], p["content"], p.get("regulation") or "") for p in _rows(proposals)
        ],
        cost_lines=[
            CostLineInput(c["scenario"], c["kind"], c["name"], c.get("hours"), c.get("amount"))
            for c in _rows(costs)
        ],
    )


@login_required
def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_for(request, pk)
    campaign = record.campaign
    may_change = can(request.user, CHANGE, record.unit)
    editable = may_change and record.status == RecordStatus.DRAFT and campaign.status == CampaignStatus.OPEN
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, initial=_initial(record))
    proposals = ProposalFormSet(
        data,
        prefix="proposals",
        initial=[
            {"kind": p.kind, "content": p.content, "regulation": p.regulation} for p in record.proposals.all()
        ],
    )
    costs = CostLineFormSet(
        data,
        prefix="costs",
        initial=[
            {"scenario": c.scenario, "kind": c.kind, "name": c.name, "hours": c.hours, "amount": c.amount}
            for c in record.cost_lines.all()
        ],
    )
    if data is not None:
        if form.is_valid() and proposals.is_valid() and costs.is_valid():
            try:
                _save(request, record, form, proposals, costs)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu phiếu rà soát."))
                return redirect("reviews:record", pk=record.pk)
        else:
            form.add_error(None, _("Có ô chưa hợp lệ; hãy xem các dòng được đánh dấu."))
    before, after = record_scenarios(record)
    return render(
        request,
        "reviews/record.html",
        {
            "record": record,
            "campaign": campaign,
            "form": form,
            "proposals": proposals,
            "costs": costs,
            "editable": editable,
            "comparison": compare(before, after, campaign.hour_value),
            "before": before,
            "after": after,
            "can_review": record.status == RecordStatus.SUBMITTED
            and can(request.user, "reviews.change_reviewcampaign", campaign.unit),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def record_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_for(request, pk)
    if not can(request.user, CHANGE, record.unit):
        raise PermissionDenied
    try:
        record_submit(actor=request.user, record=record)
    except ApplicationError as exc:
        refused(request, exc)
    else:
        messages.success(request, _("Đã gửi phiếu rà soát cho Văn phòng."))
    return redirect("reviews:record", pk=record.pk)


@login_required
@require_POST
def record_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = record_for(request, pk)
    if not can(request.user, "reviews.change_reviewcampaign", record.campaign.unit):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                record_accept(actor=request.user, record=record)
            else:
                record_return(actor=request.user, record=record, note=form.cleaned_data["note"])
        except ApplicationError as exc:
            refused(request, exc)
        else:
            messages.success(request, _("Đã xem xét phiếu %(record)s.") % {"record": str(record)})
    if request.POST.get("back") == "record":
        return redirect("reviews:record", pk=record.pk)
    return redirect("reviews:detail", pk=record.campaign_id)
