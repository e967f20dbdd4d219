"""The internal process must fit the time limit; Decision 766 group 1 checks on real 2024–2026 dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.calendar import WorkCalendar
from motcua.core.catalog_rules import (
    Fit,
    allotment_problem,
    limit_hours,
    made_public_on_time,
    missing_content,
    published_on_time,
    working_days_after,
    working_days_before,
)
from motcua.core.deadlines import LimitUnit, TimeLimit

CAL = WorkCalendar.build([2024, 2025, 2026])
D = dt.date
H = Decimal


@pytest.mark.parametrize(
    ("limit", "hours", "fit"),
    [
        (TimeLimit(3, LimitUnit.WORKING_DAYS), H(24), Fit.EXACT),
        (TimeLimit(1.5, LimitUnit.WORKING_DAYS), H(12), Fit.EXACT),
        (TimeLimit(4, LimitUnit.WORKING_HOURS), H(4), Fit.EXACT),
        (TimeLimit(0, LimitUnit.SAME_DAY), H(8), Fit.AT_MOST),
        (TimeLimit(15, LimitUnit.CALENDAR_DAYS), H(120), Fit.AT_MOST),
    ],
)
def test_limit_hours(limit: TimeLimit, hours: Decimal, fit: Fit) -> None:
    assert limit_hours(limit, 8) == (hours, fit)


@pytest.mark.parametrize(
    ("limit", "steps", "problem"),
    [
        # 3 working days = 24 h: one-stop 4 h, specialist 16 h, leader 4 h
        (TimeLimit(3, LimitUnit.WORKING_DAYS), ["4", "16", "4"], ""),
        (
            TimeLimit(3, LimitUnit.WORKING_DAYS),
            ["4", "16", "3"],
            "tổng thời gian các bước là 23 giờ làm việc, phải bằng thời hạn giải quyết 24 giờ làm việc",
        ),
        (
            TimeLimit(1.5, LimitUnit.WORKING_DAYS),
            ["2", "8.5", "2"],
            "tổng thời gian các bước là 12,5 giờ làm việc, phải bằng thời hạn giải quyết 12 giờ làm việc",
        ),
        (TimeLimit(0, LimitUnit.SAME_DAY), ["1", "2.5"], ""),
        (
            TimeLimit(0, LimitUnit.SAME_DAY),
            ["4", "5"],
            "tổng thời gian các bước là 9 giờ làm việc, vượt quá 8 giờ làm việc mà thời hạn cho phép",
        ),
        (TimeLimit(15, LimitUnit.CALENDAR_DAYS), ["8", "72", "8"], ""),
        (TimeLimit(4, LimitUnit.WORKING_HOURS), ["1", "-1", "4"], "thời gian của một bước không được âm"),
    ],
)
def test_allotment_problem(limit: TimeLimit, steps: list[str], problem: str) -> None:
    assert allotment_problem(limit, [H(s) for s in steps]) == problem


@given(
    days=st.integers(min_value=1, max_value=60),
    cuts=st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=8),
)
def test_steps_that_divide_the_limit_fit_and_one_minute_more_does_not(days: int, cuts: list[int]) -> None:
    total = H(days * 8)
    weights = [H(c + 1) for c in cuts]
    shares = [(total * w / sum(weights)).quantize(H("0.01")) for w in weights]
    shares[-1] += total - sum(shares)  # the last step takes the rounding
    limit = TimeLimit(days, LimitUnit.WORKING_DAYS)
    if all(s >= 0 for s in shares):
        assert allotment_problem(limit, shares) == ""
    assert allotment_problem(limit, [*shares, H("0.01")]) != ""


@pytest.mark.parametrize(
    ("day", "count", "expected", "why"),
    [
        (D(2024, 2, 19), 5, D(2024, 2, 5), "Tết 08–14/02/2024 off: 16, 15, 07, 06, 05"),
        (D(2025, 2, 10), 5, D(2025, 2, 3), "Tết 2025 ended Sun 02/02"),
        (D(2026, 7, 1), 20, D(2026, 6, 3), "June 2026 has no day off"),
    ],
)
def test_working_days_before(day: dt.date, count: int, expected: dt.date, why: str) -> None:
    assert working_days_before(CAL, day, count) == expected, why


@pytest.mark.parametrize(
    ("day", "count", "expected", "why"),
    [
        (D(2024, 2, 7), 5, D(2024, 2, 21), "Tết: 15, 16, 19, 20, 21"),
        (D(2024, 4, 25), 10, D(2024, 5, 13), "29/04–01/05 off, Saturday 04/05 made up"),
        (D(2026, 2, 13), 5, D(2026, 2, 27), "Tết 2026: 16–20/02 off"),
    ],
)
def test_working_days_after(day: dt.date, count: int, expected: dt.date, why: str) -> None:
    assert working_days_after(CAL, day, count) == expected, why


def test_published_on_time_province_and_ministry() -> None:
    # province: at least 5 working days before the legal basis takes effect (19/02/2024 → 05/02)
    assert published_on_time(
        CAL, signed_on=D(2024, 2, 5), legal_effective_on=D(2024, 2, 19), issuer_level="province"
    )
    assert not published_on_time(
        CAL, signed_on=D(2024, 2, 6), legal_effective_on=D(2024, 2, 19), issuer_level="province"
    )
    # ministry: 20 working days before 01/07/2026 → 03/06/2026
    assert published_on_time(
        CAL, signed_on=D(2026, 6, 3), legal_effective_on=D(2026, 7, 1), issuer_level="ministry"
    )
    assert not published_on_time(
        CAL, signed_on=D(2026, 6, 4), legal_effective_on=D(2026, 7, 1), issuer_level="ministry"
    )
    assert (
        published_on_time(CAL, signed_on=D(2026, 6, 4), legal_effective_on=None, issuer_level="ministry")
        is None
    )


@pytest.mark.parametrize(
    ("made_public", "today", "expected"),
    [
        (D(2024, 2, 21), D(2024, 3, 1), True),
        (D(2024, 2, 22), D(2024, 3, 1), False),
        (None, D(2024, 2, 21), None),  # not yet public, still within time
        (None, D(2024, 2, 22), False),
    ],
)
def test_made_public_on_time(made_public: dt.date | None, today: dt.date, expected: bool | None) -> None:
    result = made_public_on_time(
        CAL, signed_on=D(2024, 2, 7), made_public_on=made_public, issuer_level="province", today=today
    )
    assert result is expected


def test_missing_content_lists_the_decree_63_parts() -> None:
    present = dict.fromkeys(
        ["name", "steps", "channels", "documents", "time_limit", "applicants", "agency"], True
    )
    assert missing_content(present) == []
    present.update(time_limit=False, agency=False)
    assert missing_content(present) == ["thời hạn giải quyết", "cơ quan thực hiện"]


def test_dates_before_the_calendar_are_not_an_error() -> None:
    # The Law on Civil Status took effect on 01/01/2016, before this calendar (2024–2026) begins.
    late = published_on_time(
        CAL, signed_on=D(2024, 3, 1), legal_effective_on=D(2016, 1, 1), issuer_level="province"
    )
    assert late is False
    early = published_on_time(
        CAL, signed_on=D(2015, 6, 1), legal_effective_on=D(2016, 1, 1), issuer_level="province"
    )
    assert early is None
    old = made_public_on_time(
        CAL,
        signed_on=D(2015, 6, 1),
        made_public_on=D(2015, 6, 3),
        issuer_level="province",
        today=D(2024, 1, 1),
    )
    assert old is None
