"""A 2024 review campaign of Ba Tơ district, three procedures, and a commune officer who reviews."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.reviews.models import ReviewCampaign
from motcua.reviews.services import campaign_create, campaign_open
from motcua.units.models import Unit
from tests.factories import UserFactory, grant

HOUR = Decimal(40_000)


@pytest.fixture
def procedures(db) -> dict[str, Procedure]:  # type: ignore[no-untyped-def]
    rows = [
        ("1.001", "Chứng thực bản sao từ bản chính", "Chứng thực"),
        ("1.002", "Đăng ký khai sinh", "Hộ tịch"),
        ("1.003", "Cấp giấy phép tổ chức lễ hội", "Văn hóa"),
    ]
    return {code: Procedure.objects.create(code=code, name=name, field=field) for code, name, field in rows}


@pytest.fixture
def commune_officer(demo_units: dict[str, Unit]) -> User:
    """A specialist of Xã Ba Tô (the demo accounts have none who reviews in a commune)."""
    user = UserFactory(username="xa.bato.chuyenvien")
    grant(user, "specialist", demo_units["2024:21523"])
    return user


@pytest.fixture
def campaign(demo_accounts: dict[str, User], demo_units: dict[str, Unit]) -> ReviewCampaign:
    """Opened by the district office; the justice office and Xã Ba Tô review; 40,000 đ an hour."""
    created = campaign_create(
        actor=demo_accounts["vanphong"],
        unit=demo_units["district"],
        name="Rà soát, đánh giá TTHC năm 2024",
        year=2024,
        deadline=dt.date(2024, 9, 30),
        units=[demo_units["535-TP"], demo_units["2024:21523"]],
        basis="Kế hoạch 486/QĐ-UBND, nhiệm vụ 8",
        hour_value=HOUR,
        hour_value_source="Giá trị thử nghiệm cho bài kiểm tra",
    )
    return campaign_open(actor=demo_accounts["vanphong"], campaign=created)
