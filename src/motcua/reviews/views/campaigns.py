"""Campaign pages: the list with each year's district total, create and edit, open and close, the
summary with its chart, and the XLSX export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import can, has_perm_somewhere
from motcua.common.errors import ApplicationError
from motcua.reviews.enums import RecordStatus
from motcua.reviews.exports import campaign_xlsx
from motcua.reviews.forms import CampaignForm, DecisionForm, RecordCreateForm
from motcua.reviews.models import ReviewCampaign
from motcua.reviews.selectors import (
    CampaignSummary,
    campaign_summary,
    constants_in_force,
    records_visible,
    year_summaries,
)
from motcua.reviews.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_reopen,
    campaign_update,
)
from motcua.reviews.views.common import XLSX, campaign_for, download, pick, refused, units_with

ADD = "reviews.add_reviewcampaign"
CHANGE = "reviews.change_reviewcampaign"
BAR_WIDTH = 360  # px of the longest bar
ROW_HEIGHT = 46


def _form(request: HttpRequest, data: Any = None, **kwargs: Any) -> CampaignForm:
    return CampaignForm(
        data,
        issuers=units_with(request, ADD, territorial=True),
        members=units_with(request, ADD),
        **kwargs,
    )


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not has_perm_somewhere(user, "reviews.view_reviewcampaign"):
        raise PermissionDenied
    return render(
        request,
        "reviews/list.html",
        {
            "years": year_summaries(user),
            "can_create": has_perm_somewhere(user, ADD),
            "form": _form(request),
            "constants": constants_in_force(timezone.localdate()),
            "can_comment": has_perm_somewhere(user, "reviews.view_draftcomment"),
        },
    )


def _values(form: CampaignForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    members = form.fields["units"].choices  # type: ignore[attr-defined]
    data["units"] = [key for key, _label in members if key in set(data["units"])]
    for text in ("basis", "scope", "hour_value_source"):
        data[text] = data.get(text) or ""
    return data


@login_required
@require_POST
def campaign_create_view(request: HttpRequest) -> HttpResponse:
    issuers, members = units_with(request, ADD, territorial=True), units_with(request, ADD)
    if not issuers:
        raise PermissionDenied
    form = _form(request, request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi đủ tên, năm, hạn và chọn đơn vị rà soát."))
        return redirect("reviews:list")
    data = _values(form)
    try:
        campaign = campaign_create(
            actor=request.user,
            unit=pick(issuers, data.pop("unit")),
            units=[pick(members, key) for key in data.pop("units")],
            **data,
        )
    except ApplicationError as exc:
        refused(request, exc)
        return redirect("reviews:list")
    messages.success(request, _("Đã lập dự thảo đợt rà soát."))
    return redirect("reviews:detail", pk=campaign.pk)


@login_required
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk, perm=CHANGE)
    initial = {
        "unit": str(campaign.unit_id),
        "name": campaign.name,
        "year": campaign.year,
        "basis": campaign.basis,
        "scope": campaign.scope,
        "deadline": campaign.deadline,
        "units": [str(pk) for pk in campaign.units.values_list("pk", flat=True)],
        "target_percent": campaign.target_percent,
        "hour_value": campaign.hour_value,
        "hour_value_source": campaign.hour_value_source,
    }
    form = _form(request, request.POST or None, initial=initial)
    del form.fields["unit"]  # a campaign stays with the unit that issued it
    if request.method == "POST" and form.is_valid():
        data = _values(form)
        members = units_with(request, ADD)
        data["units"] = [pick(members, key) for key in data["units"]]
        if data["target_percent"] is None or data["hour_value"] is None:
            form.add_error(None, _("Hãy ghi chỉ tiêu và giá trị một giờ."))
        else:
            try:
                campaign_update(actor=request.user, campaign=campaign, **data)
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Đã lưu đợt rà soát."))
                return redirect("reviews:detail", pk=campaign.pk)
    return render(request, "reviews/campaign_form.html", {"campaign": campaign, "form": form})


@login_required
@require_POST
def campaign_status(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk, perm=CHANGE)
    moves = {"open": campaign_open, "close": campaign_close, "reopen": campaign_reopen}
    move = moves.get(request.POST.get("action", ""))
    if move is None:
        messages.error(request, _("Thao tác không hợp lệ."))
    else:
        try:
            changed = move(actor=request.user, campaign=campaign)
        except ApplicationError as exc:
            refused(request, exc)
        else:
            messages.success(
                request, _("Đợt rà soát: %(status)s.") % {"status": changed.get_status_display()}
            )
    return redirect("reviews:detail", pk=campaign.pk)


def chart(summary: CampaignSummary) -> dict[str, Any]:
    """Bar geometry for the inline SVG: each record's annual cost now and after (the longest bar is the
    largest cost now), and the total reduction on a 0–100 % axis with the target marked."""
    top = max((row.comparison.annual_before for row in summary.rows), default=Decimal(0))
    bars = []
    for i, row in enumerate(summary.rows):
        c, y = row.comparison, 8 + i * ROW_HEIGHT

        def width(value: Decimal) -> int:
            return int(value * BAR_WIDTH / top) if top else 0

        bars.append(
            {
                "row": row,
                "label_y": y + 10,
                "before_y": y + 15,
                "after_y": y + 29,
                "before_w": width(c.annual_before),
                "after_w": width(c.annual_after),
                "before_x": width(c.annual_before) + 6,
                "after_x": width(c.annual_after) + 6,
                "before_text_y": y + 25,
                "after_text_y": y + 39,
            }
        )
    reduction = summary.total.reduction_percent
    shown = min(max(reduction or Decimal(0), Decimal(0)), Decimal(100))
    return {
        "bars": bars,
        "height": 16 + len(bars) * ROW_HEIGHT,
        "total_w": int(shown * 3),
        "target_x": 10 + int(min(summary.target_percent, Decimal(100)) * 3),
    }


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_for(request, pk)
    summary = campaign_summary(campaign, records_visible(request.user, campaign))
    record_units = [
        u for u in campaign.units.order_by("path") if can(request.user, "reviews.add_reviewrecord", u)
    ]
    manage = can(request.user, CHANGE, campaign.unit)
    return render(
        request,
        "reviews/detail.html",
        {
            "campaign": campaign,
            "summary": summary,
            "chart": chart(summary),
            "can_manage": manage,
            "partial": not can(request.user, "reviews.view_reviewcampaign", campaign.unit),
            "record_form": RecordCreateForm(units=record_units) if record_units else None,
            "decision_form": DecisionForm(auto_id=False),  # one per row: no repeated ids
            "submitted": RecordStatus.SUBMITTED,
            "units": campaign.units.order_by("path"),
        },
    )


@login_required
def campaign_export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign: ReviewCampaign = campaign_for(request, pk)
    summary = campaign_summary(campaign, records_visible(request.user, campaign))
    return download(campaign_xlsx(summary), f"ra-soat-{campaign.year}-{campaign.pk}.xlsx", XLSX)
