from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.periods import PeriodKind, period_containing, periods_of_year, report_period

D = dt.date


@pytest.mark.parametrize(
    ("kind", "year", "number", "start", "end", "label"),
    [
        (PeriodKind.MONTH, 2024, 1, D(2023, 12, 15), D(2024, 1, 14), "Tháng 01/2024"),
        (PeriodKind.MONTH, 2024, 3, D(2024, 2, 15), D(2024, 3, 14), "Tháng 03/2024"),
        (PeriodKind.MONTH, 2024, 12, D(2024, 11, 15), D(2024, 12, 14), "Tháng 12/2024"),
        (PeriodKind.QUARTER, 2024, 1, D(2023, 12, 15), D(2024, 3, 14), "Quý I/2024"),
        (PeriodKind.QUARTER, 2024, 2, D(2024, 3, 15), D(2024, 6, 14), "Quý II/2024"),
        (PeriodKind.QUARTER, 2025, 4, D(2025, 9, 15), D(2025, 12, 14), "Quý IV/2025"),
        (PeriodKind.HALF_YEAR, 2024, 1, D(2023, 12, 15), D(2024, 6, 14), "6 tháng đầu năm 2024"),
        (PeriodKind.HALF_YEAR, 2024, 2, D(2024, 6, 15), D(2024, 12, 14), "6 tháng cuối năm 2024"),
        (PeriodKind.YEAR, 2026, 1, D(2025, 12, 15), D(2026, 12, 14), "Năm 2026"),
    ],
)
def test_official_periods(
    kind: PeriodKind, year: int, number: int, start: dt.date, end: dt.date, label: str
) -> None:
    period = report_period(kind, year, number)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_a_period_outside_the_year_is_refused() -> None:
    with pytest.raises(ValueError, match="không có"):
        report_period(PeriodKind.QUARTER, 2024, 5)


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 1)), st.sampled_from(list(PeriodKind)))
def test_periods_tile_time_without_gaps(day: dt.date, kind: PeriodKind) -> None:
    period = period_containing(kind, day)
    assert period.start <= day <= period.end
    following = (
        periods_of_year(kind, period.year + 1)[0]
        if period.number == len(periods_of_year(kind, period.year))
        else report_period(kind, period.year, period.number + 1)
    )
    assert following.start == period.end + dt.timedelta(days=1)
