"""Campaign services: the constants copied with their source, the rules, the status moves, the audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.reviews.enums import CampaignStatus
from motcua.reviews.models import CostConstant, ReviewCampaign
from motcua.reviews.services import (
    campaign_close,
    campaign_create,
    campaign_open,
    campaign_reopen,
    campaign_update,
)
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def test_the_seeded_hour_value_is_an_estimate_with_its_arithmetic(db: Any) -> None:
    hour = CostConstant.objects.get(code="hour_value")
    # 7,700,000 đ a month ÷ (22 days × 8 h) = 7,700,000 ÷ 176 = 43,750 đ an hour
    assert (hour.value, hour.measure, hour.valid_from) == (Decimal(43_750), "đồng/giờ", dt.date(2024, 1, 1))
    assert "CẦN KIỂM CHỨNG" in hour.source
    assert "7.700.000 ÷ 176 = 43.750" in hour.source
    target = CostConstant.objects.get(code="reduction_target")
    assert (target.value, "486/QĐ-UBND" in target.source) == (Decimal(10), True)


def test_a_new_campaign_copies_the_constants_in_force(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    campaign = campaign_create(
        actor=demo_accounts["vanphong"],
        unit=demo_units["district"],
        name="Rà soát 2024",
        year=2024,
        deadline=dt.date(2024, 10, 31),
        units=[demo_units["535-TP"]],
    )
    assert (campaign.hour_value, campaign.target_percent, campaign.status) == (
        Decimal(43_750),
        Decimal(10),
        CampaignStatus.DRAFT,
    )
    assert campaign.hour_value_source.startswith("ƯỚC TÍNH, CẦN KIỂM CHỨNG")
    assert campaign.hour_value_source.endswith("[hằng số áp dụng từ 01/01/2024]")
    # a later constant does not change the campaign
    CostConstant.objects.filter(code="hour_value").update(value=Decimal(50_000))
    campaign.refresh_from_db()
    assert campaign.hour_value == Decimal(43_750)
    event = AuditEvent.objects.get(operation="reviews.campaign_create")
    assert (event.unit_id, event.after["units"]) == (demo_units["district"].pk, [demo_units["535-TP"].pk])


def test_without_a_constant_in_force_the_hour_value_must_be_given(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    CostConstant.objects.all().delete()
    values: dict[str, Any] = {
        "actor": demo_accounts["vanphong"],
        "unit": demo_units["district"],
        "name": "Rà soát",
        "year": 2024,
        "deadline": dt.date(2024, 10, 31),
        "units": [demo_units["535-TP"]],
    }
    with pytest.raises(ApplicationError) as refused:
        campaign_create(**values)
    assert refused.value.code == "hour_value_missing"
    campaign = campaign_create(**values, hour_value=Decimal(45_000), hour_value_source="Quyết định của tỉnh")
    assert (campaign.hour_value, campaign.target_percent) == (Decimal(45_000), Decimal(10))


@pytest.mark.parametrize(
    ("who", "changes", "code"),
    [
        ("tuphap.truongphong", {}, "forbidden"),
        ("lanhdao", {}, "forbidden"),
        ("vanphong", {"name": "  "}, "campaign_name_required"),
        ("vanphong", {"year": 1999}, "campaign_year_invalid"),
        ("vanphong", {"deadline": dt.date(2023, 12, 31)}, "campaign_deadline_before_year"),
        ("vanphong", {"units": []}, "campaign_units_required"),
        ("vanphong", {"units": ["province_2025"]}, "campaign_unit_outside"),
        ("vanphong", {"year": 2026, "deadline": dt.date(2026, 5, 1)}, "campaign_unit_not_valid"),
        ("vanphong", {"target_percent": Decimal(0)}, "campaign_target_invalid"),
        ("vanphong", {"target_percent": Decimal("100.5")}, "campaign_target_invalid"),
        ("vanphong", {"hour_value": Decimal(0), "hour_value_source": "x"}, "campaign_hour_value_invalid"),
        ("vanphong", {"hour_value": Decimal(40_000)}, "campaign_hour_value_source_required"),
    ],
)
def test_bad_campaigns_are_refused_and_nothing_is_written(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit], who: str, changes: dict[str, Any], code: str
) -> None:
    values: dict[str, Any] = {
        "unit": demo_units["district"],
        "name": "Rà soát",
        "year": 2024,
        "deadline": dt.date(2024, 10, 31),
        "units": [demo_units["535-TP"]],
        **changes,
    }
    values["units"] = [demo_units[u] if isinstance(u, str) else u for u in values["units"]]
    events = AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        campaign_create(actor=demo_accounts[who], **values)
    assert refused.value.code == code
    assert ReviewCampaign.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_status_moves_follow_the_workflow(demo_accounts: dict[str, User], campaign: ReviewCampaign) -> None:
    office = demo_accounts["vanphong"]
    with pytest.raises(ApplicationError) as again:
        campaign_open(actor=office, campaign=campaign)
    assert again.value.code == "campaign_status"
    with pytest.raises(ApplicationError) as head:
        campaign_close(actor=demo_accounts["tuphap.truongphong"], campaign=campaign)
    assert head.value.code == "forbidden"
    assert campaign_close(actor=office, campaign=campaign).status == CampaignStatus.CLOSED
    assert campaign_reopen(actor=office, campaign=campaign).status == CampaignStatus.OPEN
    operations = list(
        AuditEvent.objects.filter(object_type="reviews.reviewcampaign")
        .order_by("id")
        .values_list("operation", flat=True)
    )
    assert operations == [
        "reviews.campaign_create",
        "reviews.campaign_open",
        "reviews.campaign_close",
        "reviews.campaign_reopen",
    ]


def test_update_keeps_units_that_have_records(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit], campaign: ReviewCampaign, procedures: Any
) -> None:
    from motcua.reviews.services import record_create

    record_create(
        actor=demo_accounts["tuphap.truongphong"],
        campaign=campaign,
        procedure=procedures["1.001"],
        unit=demo_units["535-TP"],
    )
    values: dict[str, Any] = {
        "actor": demo_accounts["vanphong"],
        "campaign": campaign,
        "name": "Rà soát, đánh giá TTHC năm 2024 (sửa)",
        "year": 2024,
        "deadline": dt.date(2024, 11, 30),
        "scope": "Lĩnh vực tư pháp, hộ tịch",
        "basis": "",
        "target_percent": Decimal(15),
        "hour_value": Decimal(43_750),
        "hour_value_source": "Hằng số hệ thống",
    }
    with pytest.raises(ApplicationError) as refused:
        campaign_update(**values, units=[demo_units["2024:21523"]])
    assert refused.value.code == "campaign_unit_has_records"
    assert ReviewCampaign.objects.get().name == "Rà soát, đánh giá TTHC năm 2024"
    updated = campaign_update(**values, units=[demo_units["535-TP"], demo_units["535-VHTT"]])
    assert (updated.target_percent, updated.deadline) == (Decimal(15), dt.date(2024, 11, 30))
    assert sorted(updated.units.values_list("code", flat=True)) == ["535-TP", "535-VHTT"]
    event = AuditEvent.objects.get(operation="reviews.campaign_update")
    assert (event.before["target_percent"], event.after["target_percent"]) == ("10.00", "15.00")
