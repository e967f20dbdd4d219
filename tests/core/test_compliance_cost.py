"""Compliance cost (Circular 02/2017/TT-VPCP Art. 27): a worked example computed by hand, rounding, the
empty cases, and a property: cutting every item never raises the cost."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.compliance_cost import (
    Comparison,
    CostScenario,
    CostTask,
    annual_cost,
    compare,
    meets_target,
    money,
    one_time_cost,
    percent,
    total,
)

D = Decimal
HOUR = D(40_000)

# Before simplification: three tasks, a fee, another cost; done twice a year by 1,200 people.
BEFORE = CostScenario(
    tasks=(
        CostTask("chuẩn bị hồ sơ", D(2)),
        CostTask("đi lại, nộp hồ sơ", D(3)),
        CostTask("nhận kết quả", D("1.5")),
    ),
    fees=D(50_000),
    other_costs=D(30_000),  # photocopies and certified copies
    times_per_year=D(2),
    subjects_per_year=1_200,
)
# After: online submission, no copies; two tasks of an hour each, same fee.
AFTER = CostScenario(
    tasks=(CostTask("khai trực tuyến", D(1)), CostTask("nhận kết quả", D(1))),
    fees=D(50_000),
    other_costs=D(0),
    times_per_year=D(2),
    subjects_per_year=1_200,
)


def test_worked_example_by_hand() -> None:
    # before, once: (2 + 3 + 1.5) h = 6.5 h × 40,000 = 260,000; + fee 50,000 + other 30,000 = 340,000 đ
    assert BEFORE.hours == D("6.5")
    assert one_time_cost(BEFORE, HOUR) == D(340_000)
    # after, once: (1 + 1) h = 2 h × 40,000 = 80,000; + fee 50,000 + other 0 = 130,000 đ
    assert one_time_cost(AFTER, HOUR) == D(130_000)
    # a year: 340,000 × 2 times × 1,200 subjects = 816,000,000 đ; 130,000 × 2 × 1,200 = 312,000,000 đ
    assert annual_cost(BEFORE, HOUR) == D(816_000_000)
    assert annual_cost(AFTER, HOUR) == D(312_000_000)
    result = compare(BEFORE, AFTER, HOUR)
    assert result == Comparison(D(340_000), D(130_000), D(816_000_000), D(312_000_000))
    # saving 816,000,000 − 312,000,000 = 504,000,000; 504 / 816 = 0.617647… → 61.76 %
    assert result.saving == D(504_000_000)
    assert result.reduction_percent == D("61.76")
    assert meets_target(result, D(10)) is True
    assert meets_target(result, D("61.77")) is False


def test_money_rounds_half_up_to_whole_dong() -> None:
    # 1.5 h × 43,750 đ = 65,625 đ exactly; 0.1 h × 43,755 = 4,375.5 → 4,376; 0.1 × 43,745 = 4,374.5 → 4,375
    assert one_time_cost(CostScenario(tasks=(CostTask("a", D("1.5")),)), D(43_750)) == D(65_625)
    assert one_time_cost(CostScenario(tasks=(CostTask("a", D("0.1")),)), D(43_755)) == D(4_376)
    assert one_time_cost(CostScenario(tasks=(CostTask("a", D("0.1")),)), D(43_745)) == D(4_375)
    assert money(D("-0.5")) == D(-1)


def test_annual_cost_multiplies_the_rounded_one_time_cost() -> None:
    # one time: 0.1 h × 43,755 = 4,375.5 → 4,376 đ; a year: 4,376 × 0.5 × 3 = 6,564 đ
    scenario = CostScenario(tasks=(CostTask("a", D("0.1")),), times_per_year=D("0.5"), subjects_per_year=3)
    assert annual_cost(scenario, D(43_755)) == D(6_564)


def test_percent_rounds_to_two_decimals_and_has_no_value_over_zero() -> None:
    assert percent(D(1), D(3)) == D("33.33")
    assert percent(D(2), D(3)) == D("66.67")
    assert percent(D(1), D(8)) == D("12.50")
    assert percent(D(5), D(0)) is None


def test_nothing_to_compare_gives_no_reduction_and_misses_the_target() -> None:
    nobody = CostScenario(tasks=(CostTask("a", D(1)),), subjects_per_year=0)
    result = compare(nobody, nobody, HOUR)
    assert (result.annual_before, result.saving, result.reduction_percent) == (D(0), D(0), None)
    assert meets_target(result, D(10)) is False


def test_total_is_the_reduction_of_the_sum_not_an_average() -> None:
    big = Comparison(D(100), D(50), D(1_000_000), D(900_000))  # 10 %
    small = Comparison(D(10), D(1), D(100_000), D(10_000))  # 90 %
    summed = total([big, small])
    # (1,000,000 + 100,000) − (900,000 + 10,000) = 190,000 of 1,100,000 = 17.27 %, not (10 + 90) / 2
    assert summed == Comparison(D(110), D(51), D(1_100_000), D(910_000))
    assert summed.reduction_percent == D("17.27")
    assert total([]).reduction_percent is None


@pytest.mark.parametrize(
    "build",
    [
        lambda: CostTask("a", D(-1)),
        lambda: CostScenario(tasks=(), fees=D(-1)),
        lambda: CostScenario(tasks=(), other_costs=D(-1)),
        lambda: CostScenario(tasks=(), times_per_year=D(-1)),
        lambda: CostScenario(tasks=(), subjects_per_year=-1),
    ],
)
def test_negative_inputs_are_refused(build: object) -> None:
    with pytest.raises(ValueError, match="không được âm"):
        build()  # type: ignore[operator]


amounts = st.decimals(min_value=0, max_value=10_000_000, places=0)
hours = st.decimals(min_value=0, max_value=200, places=2)


@st.composite
def cut_scenarios(draw: st.DrawFn) -> tuple[CostScenario, CostScenario]:
    """A scenario and a simplification of it that cuts or keeps each item, never raises one."""
    before_hours = draw(st.lists(hours, max_size=5))
    after_hours = [draw(st.decimals(min_value=0, max_value=h, places=2)) for h in before_hours]
    fees, other = draw(amounts), draw(amounts)
    times = draw(st.decimals(min_value=0, max_value=12, places=2))
    subjects = draw(st.integers(0, 100_000))
    before = CostScenario(
        tasks=tuple(CostTask(f"t{i}", h) for i, h in enumerate(before_hours)),
        fees=fees,
        other_costs=other,
        times_per_year=times,
        subjects_per_year=subjects,
    )
    after = CostScenario(
        tasks=tuple(CostTask(f"t{i}", h) for i, h in enumerate(after_hours)),
        fees=draw(st.decimals(min_value=0, max_value=fees, places=0)),
        other_costs=draw(st.decimals(min_value=0, max_value=other, places=0)),
        times_per_year=draw(st.decimals(min_value=0, max_value=times, places=2)),
        subjects_per_year=subjects,
    )
    return before, after


@given(cut_scenarios(), st.decimals(min_value=1, max_value=200_000, places=0))
def test_cutting_every_item_never_gives_a_negative_reduction(
    pair: tuple[CostScenario, CostScenario], hour_value: Decimal
) -> None:
    result = compare(*pair, hour_value)
    assert result.saving >= 0
    assert result.reduction_percent is None or D(0) <= result.reduction_percent <= D(100)
