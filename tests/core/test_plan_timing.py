"""Timing phrases of the 2024 Ba Tơ plan and their schedules (plan year 2024)."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.plan_timing import TimingKind, parse_timing

D = dt.date
QUARTER_CUTOFFS = (D(2024, 3, 14), D(2024, 6, 14), D(2024, 9, 14), D(2024, 12, 14))


@pytest.mark.parametrize(
    ("raw", "kinds", "dates"),
    [
        ("Tháng 02", [TimingKind.DEADLINE], (D(2024, 2, 29),)),
        ("Quý I", [TimingKind.DEADLINE], (D(2024, 3, 31),)),
        ("Quý II", [TimingKind.DEADLINE], (D(2024, 6, 30),)),
        ("Quý III", [TimingKind.DEADLINE], (D(2024, 9, 30),)),
        ("Thường xuyên", [TimingKind.CONTINUOUS], QUARTER_CUTOFFS),
        ("Thường\nxuyên", [TimingKind.CONTINUOUS], QUARTER_CUTOFFS),
        ("<p>Thường xuyên</p>", [TimingKind.CONTINUOUS], QUARTER_CUTOFFS),
        ("Hàng quý/năm", [TimingKind.PERIODIC], QUARTER_CUTOFFS),
        ("Định kỳ 06 tháng và cuối năm", [TimingKind.PERIODIC], (D(2024, 6, 14), D(2024, 12, 14))),
        (
            "- Định kỳ 3 tháng/lần. - Đợt xuất theo thời điểm yêu cầu.",
            [TimingKind.PERIODIC, TimingKind.NO_FIXED_DATE],
            QUARTER_CUTOFFS,
        ),
        (
            "- Định kỳ theo quy định. - Đợt xuất theo thời điểm yêu cầu.",
            [TimingKind.PERIODIC, TimingKind.NO_FIXED_DATE],
            QUARTER_CUTOFFS,
        ),
        ("trước ngày 15/3/2024", [TimingKind.DEADLINE], (D(2024, 3, 15),)),
        ("Trước ngày 30/6", [TimingKind.DEADLINE], (D(2024, 6, 30),)),
        ("Tháng 02/2025", [TimingKind.DEADLINE], (D(2025, 2, 28),)),  # an explicit year is kept
        ("Quý I/2025", [TimingKind.DEADLINE], (D(2025, 3, 31),)),
        (
            "Quý I; trước ngày 15/3/2024",
            [TimingKind.DEADLINE, TimingKind.DEADLINE],
            (D(2024, 3, 15), D(2024, 3, 31)),
        ),
    ],
)
def test_phrases_give_due_dates(raw: str, kinds: list[TimingKind], dates: tuple[dt.date, ...]) -> None:
    schedule = parse_timing(raw, 2024)
    assert schedule.parsed
    assert [p.kind for p in schedule.parts] == kinds
    assert schedule.due_dates == dates


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("Theo kế hoạch", "theo kế hoạch riêng"),
        ("Theo Kế hoạch", "theo kế hoạch riêng"),
        ("Theo lộ trình Kế hoạch", "theo lộ trình"),
        ("Theo lộ trình Công văn", "theo lộ trình"),
        ("Đột xuất theo thời điểm yêu cầu", "đột xuất"),
    ],
)
def test_no_fixed_date_says_why(raw: str, reason: str) -> None:
    schedule = parse_timing(raw, 2024)
    assert schedule.no_fixed_date
    assert schedule.due_dates == ()
    assert reason in schedule.parts[0].reason


@pytest.mark.parametrize("raw", ["Sớm nhất có thể", "Quý V", "Tháng 13", "", "Năm sau"])
def test_unknown_phrases_are_reported_not_guessed(raw: str) -> None:
    schedule = parse_timing(raw, 2024)
    assert not schedule.parsed
    assert schedule.due_dates == ()
    assert list(schedule.unknown) == ([raw] if raw else [])


def test_a_known_and_an_unknown_phrase_keep_both() -> None:
    schedule = parse_timing("- Quý II. - Khi có chỉ đạo của tỉnh", 2024)
    assert schedule.due_dates == (D(2024, 6, 30),)
    assert schedule.unknown == ("Khi có chỉ đạo của tỉnh",)
    assert not schedule.parsed
