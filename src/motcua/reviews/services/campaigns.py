"""Writes to review campaigns: create, edit, open, close and reopen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.reviews.enums import CampaignStatus, ConstantCode, RecordStatus
from motcua.reviews.models import ReviewCampaign
from motcua.reviews.selectors import constant_in_force
from motcua.reviews.workflow import CAMPAIGN_MOVES, allowed
from motcua.units.models import Unit

MAX_HOUR_VALUE = Decimal("10000000")  # 10 million đồng an hour: anything above is a typing error


def _check(
    *,
    unit: Unit,
    name: str,
    year: int,
    deadline: dt.date,
    units: Sequence[Unit],
    target_percent: Decimal,
    hour_value: Decimal,
    hour_value_source: str,
) -> None:
    if not name.strip():
        raise ApplicationError(
            "campaign_name_required", _("Hãy ghi tên đợt rà soát."), fields={"name": "required"}
        )
    if not 2000 <= year <= 2100:
        raise ApplicationError(
            "campaign_year_invalid",
            _("Năm %(year)s không hợp lệ.") % {"year": year},
            fields={"year": "invalid"},
        )
    if deadline < dt.date(year, 1, 1):
        raise ApplicationError(
            "campaign_deadline_before_year",
            _("Hạn gửi kết quả phải từ năm %(year)s trở đi.") % {"year": year},
            fields={"deadline": "too_early"},
        )
    if not units:
        raise ApplicationError(
            "campaign_units_required", _("Hãy chọn ít nhất một đơn vị rà soát."), fields={"units": "required"}
        )
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    for member in units:
        if not member.path.startswith(unit.path):
            raise ApplicationError(
                "campaign_unit_outside",
                _("%(member)s không thuộc %(unit)s.") % {"member": member.name, "unit": unit.name},
                fields={"units": "outside"},
            )
        if member.valid_from > last or (member.valid_to is not None and member.valid_to < first):
            raise ApplicationError(
                "campaign_unit_not_valid",
                _("%(member)s không hoạt động trong năm %(year)s.") % {"member": member.name, "year": year},
                fields={"units": "not_valid"},
            )
    if not Decimal(0) < target_percent <= Decimal(100):
        raise ApplicationError(
            "campaign_target_invalid",
            _("Chỉ tiêu cắt giảm phải lớn hơn 0 và không quá 100 %."),
            fields={"target_percent": "range"},
        )
    if not Decimal(0) < hour_value <= MAX_HOUR_VALUE:
        raise ApplicationError(
            "campaign_hour_value_invalid",
            _("Giá trị một giờ phải lớn hơn 0 và không quá 10.000.000 đồng."),
            fields={"hour_value": "range"},
        )
    if not hour_value_source.strip():
        raise ApplicationError(
            "campaign_hour_value_source_required",
            _("Hãy ghi nguồn của giá trị một giờ (số liệu nào, cơ quan nào công bố, cách tính)."),
            fields={"hour_value_source": "required"},
        )


def _hour_in_force(on: dt.date) -> tuple[Decimal, str]:
    """The hour value in force on `on`, with its source and the constant's start noted."""
    hour = constant_in_force(ConstantCode.HOUR_VALUE, on)
    if hour is None:
        raise ApplicationError(
            "hour_value_missing",
            _("Chưa có giá trị một giờ áp dụng cho ngày %(day)s: hãy nhập giá trị và nguồn.")
            % {"day": f"{on:%d/%m/%Y}"},
            fields={"hour_value": "required"},
        )
    # stored with the campaign, so in the source language whatever the officer's interface language
    source = f"{hour.source} [hằng số áp dụng từ {hour.valid_from:%d/%m/%Y}]"
    return hour.value, source


def _target_in_force(on: dt.date) -> Decimal:
    target = constant_in_force(ConstantCode.REDUCTION_TARGET, on)
    return target.value if target is not None else Decimal(10)


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    unit: Unit,
    name: str,
    year: int,
    deadline: dt.date,
    units: Sequence[Unit],
    scope: str = "",
    basis: str = "",
    target_percent: Decimal | None = None,
    hour_value: Decimal | None = None,
    hour_value_source: str = "",
) -> ReviewCampaign:
    """A draft review plan of `unit` (plan task 8); the hour value and the target are copied from the
    constants in force today unless given, so later changes to the constants leave it as it was."""
    if not can(actor, "reviews.add_reviewcampaign", unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền lập đợt rà soát cho đơn vị này."), "unit")
    today = timezone.localdate()
    if hour_value is None:
        hour_value, hour_value_source = _hour_in_force(today)
    target = _target_in_force(today) if target_percent is None else target_percent
    _check(
        unit=unit,
        name=name,
        year=year,
        deadline=deadline,
        units=units,
        target_percent=target,
        hour_value=hour_value,
        hour_value_source=hour_value_source,
    )
    campaign = ReviewCampaign.objects.create(
        unit=unit,
        name=name.strip(),
        year=year,
        basis=basis.strip(),
        scope=scope.strip(),
        deadline=deadline,
        target_percent=target,
        hour_value=hour_value,
        hour_value_source=hour_value_source.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    campaign.units.set(units)
    audit_record(
        actor=actor,
        operation="reviews.campaign_create",
        target=campaign,
        unit_id=unit.pk,
        after=snapshot(campaign),
    )
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor: Any,
    campaign: ReviewCampaign,
    name: str,
    year: int,
    deadline: dt.date,
    units: Sequence[Unit],
    scope: str,
    basis: str,
    target_percent: Decimal,
    hour_value: Decimal,
    hour_value_source: str,
) -> ReviewCampaign:
    """Correct a campaign that is not closed; a unit that has already made records stays in it."""
    locked = ReviewCampaign.objects.select_for_update(of=("self",)).select_related("unit").get(pk=campaign.pk)
    if not can(actor, "reviews.change_reviewcampaign", locked.unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền sửa đợt rà soát này."), "campaign")
    if locked.status == CampaignStatus.CLOSED:
        raise ApplicationError(
            "campaign_closed",
            _("Đợt rà soát đã kết thúc; hãy mở lại trước khi sửa."),
            fields={"status": "closed"},
        )
    _check(
        unit=locked.unit,
        name=name,
        year=year,
        deadline=deadline,
        units=units,
        target_percent=target_percent,
        hour_value=hour_value,
        hour_value_source=hour_value_source,
    )
    priced = locked.records.filter(status=RecordStatus.ACCEPTED).exists()
    if hour_value != locked.hour_value and priced:
        raise ApplicationError(
            "campaign_hour_value_locked",
            _(
                "Đã có phiếu rà soát được chấp nhận theo giá trị một giờ hiện tại; không đổi giá trị này được."
            ),
            fields={"hour_value": "locked"},
        )
    keep = {u.pk for u in units}
    dropped = locked.records.exclude(unit_id__in=keep).select_related("unit").first()
    if dropped is not None:
        raise ApplicationError(
            "campaign_unit_has_records",
            _("%(unit)s đã có phiếu rà soát trong đợt này; không bỏ đơn vị này được.")
            % {"unit": dropped.unit.name},
            fields={"units": "has_records"},
        )
    before = snapshot(locked)
    locked.name, locked.year, locked.deadline = name.strip(), year, deadline
    locked.scope, locked.basis = scope.strip(), basis.strip()
    locked.target_percent, locked.hour_value = target_percent, hour_value
    locked.hour_value_source = hour_value_source.strip()
    locked.save()
    locked.units.set(units)
    locked.refresh_from_db()  # the audit shows the values as stored
    audit_record(
        actor=actor,
        operation="reviews.campaign_update",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


def _move(actor: Any, campaign: ReviewCampaign, to: str, operation: str) -> ReviewCampaign:
    locked = ReviewCampaign.objects.select_for_update(of=("self",)).select_related("unit").get(pk=campaign.pk)
    if not can(actor, "reviews.change_reviewcampaign", locked.unit):
        raise ApplicationError.forbidden(
            _("Bạn không có quyền thay đổi trạng thái đợt rà soát này."), "campaign"
        )
    if not allowed(CAMPAIGN_MOVES, locked.status, to):
        raise ApplicationError(
            "campaign_status",
            _("Đợt rà soát đang ở trạng thái “%(status)s”, không chuyển sang “%(to)s” được.")
            % {"status": locked.get_status_display(), "to": CampaignStatus(to).label},
            fields={"status": "not_allowed"},
        )
    before = snapshot(locked)
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        operation=operation,
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
    )
    return locked


@transaction.atomic
def campaign_open(*, actor: Any, campaign: ReviewCampaign) -> ReviewCampaign:
    """Issue the review plan: the units asked see it and start their records (plan task 8)."""
    return _move(actor, campaign, CampaignStatus.OPEN, "reviews.campaign_open")


@transaction.atomic
def campaign_close(*, actor: Any, campaign: ReviewCampaign) -> ReviewCampaign:
    """End the campaign for the summary report (plan task 9); records can no longer change."""
    return _move(actor, campaign, CampaignStatus.CLOSED, "reviews.campaign_close")


@transaction.atomic
def campaign_reopen(*, actor: Any, campaign: ReviewCampaign) -> ReviewCampaign:
    """Open a closed campaign again, for a late or returned record."""
    return _move(actor, campaign, CampaignStatus.OPEN, "reviews.campaign_reopen")
