"""The campaign summary against a district total computed by hand (Circular 02/2017 Art. 27; plan task 8)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.core.compliance_cost import Comparison
from motcua.reviews.models import ReviewCampaign
from motcua.reviews.selectors import campaign_summary, records_visible, year_summaries
from motcua.reviews.services import record_create, record_submit
from motcua.units.models import Unit
from tests.reviews.helpers import money, task, worked_records, write

pytestmark = pytest.mark.django_db
D = Decimal


def test_district_total_equals_the_hand_computed_figures(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
) -> None:
    worked_records(campaign, procedures, demo_units, demo_accounts["tuphap.truongphong"], commune_officer)
    summary = campaign_summary(campaign, records_visible(demo_accounts["vanphong"], campaign))
    by_code = {row.record.procedure.code: row.comparison for row in summary.rows}
    # A (40,000 đ/h): now 6.5 h = 260,000 + 50,000 + 30,000 = 340,000 × 2 × 1,200 = 816,000,000;
    #   after 2 h = 80,000 + 50,000 = 130,000 × 2 × 1,200 = 312,000,000
    assert by_code["1.001"] == Comparison(D(340_000), D(130_000), D(816_000_000), D(312_000_000))
    # B: 4 h = 160,000 + 20,000 = 180,000 × 1 × 500 = 90,000,000; nothing proposed: the same after
    assert by_code["1.002"] == Comparison(D(180_000), D(180_000), D(90_000_000), D(90_000_000))
    # C: 3 h = 120,000 + 100,000 = 220,000 × 1 × 300 = 66,000,000; abolished: 0 after
    assert by_code["1.003"] == Comparison(D(220_000), D(0), D(66_000_000), D(0))
    # district: 816 + 90 + 66 = 972 million now; 312 + 90 + 0 = 402 million after;
    # saving 570,000,000 of 972,000,000 = 58.6419… → 58.64 % ≥ 10 %
    assert summary.total == Comparison(D(740_000), D(310_000), D(972_000_000), D(402_000_000))
    assert summary.total.saving == D(570_000_000)
    assert summary.total.reduction_percent == D("58.64")
    assert (summary.counted, summary.meets_target) == (3, True)


def test_only_records_sent_count_and_the_target_can_be_missed(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
) -> None:
    _a, b, _c = worked_records(
        campaign, procedures, demo_units, demo_accounts["tuphap.truongphong"], commune_officer, submit=False
    )
    record_submit(actor=commune_officer, record=b)  # only B, which cuts nothing, is sent
    summary = campaign_summary(campaign, records_visible(demo_accounts["vanphong"], campaign))
    assert [row.counted for row in summary.rows] == [False, True, False]
    assert summary.total == Comparison(D(180_000), D(180_000), D(90_000_000), D(90_000_000))
    assert (summary.total.reduction_percent, summary.meets_target) == (D("0.00"), False)


def test_a_longer_validity_cuts_the_frequency_only(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
) -> None:
    head = demo_accounts["tuphap.truongphong"]
    record = record_create(
        actor=head, campaign=campaign, procedure=procedures["1.003"], unit=demo_units["535-TP"]
    )
    # a licence every year becomes one every 5 years: 0.2 times a year, same tasks and fee
    write(
        head,
        record,
        lines=[task("before", "Lập hồ sơ", "2.5"), money("before", "fee", "Phí", 100_000)],
        subjects=40,
        after_times="0.2",
    )
    [row] = campaign_summary(campaign, records_visible(head, campaign)).rows
    # once: 2.5 h × 40,000 = 100,000 + 100,000 = 200,000; a year: × 1 × 40 = 8,000,000, after × 0.2 × 40 = 1,600,000
    assert row.comparison == Comparison(D(200_000), D(200_000), D(8_000_000), D(1_600_000))
    assert row.comparison.reduction_percent == D("80.00")


def test_a_department_sees_and_sums_its_own_records_only(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
) -> None:
    head = demo_accounts["tuphap.truongphong"]
    worked_records(campaign, procedures, demo_units, head, commune_officer)
    own = campaign_summary(campaign, records_visible(head, campaign))
    assert [row.record.procedure.code for row in own.rows] == ["1.001", "1.003"]
    # 816,000,000 + 66,000,000 = 882,000,000 now; 312,000,000 after; 570,000,000 / 882,000,000 = 64.63 %
    assert (own.total.annual_before, own.total.annual_after) == (D(882_000_000), D(312_000_000))
    assert own.total.reduction_percent == D("64.63")
    commune = campaign_summary(campaign, records_visible(commune_officer, campaign))
    assert [row.record.procedure.code for row in commune.rows] == ["1.002"]


def test_the_year_view_adds_up_the_campaigns_of_the_district(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
) -> None:
    worked_records(campaign, procedures, demo_units, demo_accounts["tuphap.truongphong"], commune_officer)
    [year] = year_summaries(demo_accounts["lanhdao"])
    assert (year.unit_name, year.year, len(year.campaigns)) == ("Huyện Ba Tơ", 2024, 1)
    assert (year.total.annual_before, year.total.annual_after) == (D(972_000_000), D(402_000_000))
    assert (year.target_percent, year.meets_target) == (D(10), True)
    assert year_summaries(demo_accounts["motcua.bato"]) == []
