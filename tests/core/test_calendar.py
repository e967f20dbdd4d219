"""Rule C1–C2 on the real 2024–2026 calendar (holidays package + yearly notices)."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.calendar import DayOverride, OfficeHours, Season, WorkCalendar, parse_sessions

D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2024, 1, 1), False),  # Tết Dương lịch
        (D(2024, 2, 7), True),
        *[(D(2024, 2, d), False) for d in range(8, 15)],  # Tết Giáp Thìn 08–14/02
        (D(2024, 2, 15), True),
        (D(2024, 4, 18), False),  # Giỗ Tổ
        (D(2024, 4, 29), False),  # swapped with Saturday 04/05
        (D(2024, 4, 30), False),
        (D(2024, 5, 1), False),
        (D(2024, 5, 4), True),  # make-up Saturday
        (D(2024, 9, 2), False),
        (D(2024, 9, 3), False),
        *[(D(2025, 1, d), False) for d in range(27, 32)],  # Tết Ất Tỵ
        (D(2025, 2, 3), True),
        (D(2025, 4, 7), False),
        (D(2025, 4, 26), True),  # make-up Saturday for Friday 02/05
        (D(2025, 5, 2), False),
        (D(2025, 9, 1), False),
        (D(2025, 9, 2), False),
        *[(D(2026, 2, d), False) for d in range(16, 21)],  # Tết Bính Ngọ
        (D(2026, 2, 23), True),
        (D(2026, 4, 27), False),  # Giỗ Tổ on Sunday 26/04, compensated Monday
        (D(2024, 3, 9), False),  # an ordinary Saturday
        (D(2024, 3, 11), True),
    ],
)
def test_working_days(cal: WorkCalendar, day: dt.date, working: bool) -> None:
    assert cal.is_working_day(day) is working


def test_overrides_add_and_remove_days() -> None:
    cal = WorkCalendar.build(
        [2024],
        overrides=[
            DayOverride(D(2024, 3, 11), working=False, reason="Tạm dừng tiếp nhận: bão"),
            DayOverride(D(2024, 3, 16), working=True, reason="Làm bù"),
        ],
    )
    assert not cal.is_working_day(D(2024, 3, 11))
    assert cal.is_working_day(D(2024, 3, 16))
    listed = {d.day: d for d in cal.days(2024)}
    assert listed[D(2024, 3, 11)].source == "Tạm dừng tiếp nhận: bão"
    assert listed[D(2024, 5, 4)].working is True
    assert listed[D(2024, 2, 12)].working is False


def test_year_listing_names_the_sources(cal: WorkCalendar) -> None:
    listed = {d.day: d for d in cal.days(2025)}
    assert listed[D(2025, 4, 26)].source == "holidays: ngày làm bù"
    assert listed[D(2025, 1, 29)].source == "holidays: Tết Nguyên Đán"
    assert D(2025, 3, 8) not in listed  # an ordinary weekend is not listed


def test_outside_the_calendar_is_a_clear_error(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="nằm ngoài lịch"):
        cal.is_working_day(D(2030, 1, 2))


def test_office_hours_parse_and_seasons() -> None:
    assert parse_sessions("07:00-11:30, 13:30-17:00") == ((420, 690), (810, 1020))
    for bad in ("07:00", "11:30-07:00", "07:00-12:00,11:00-17:00", "25:00-26:00"):
        with pytest.raises(ValueError, match=r"giờ trong ngày|BẮT ĐẦU-KẾT THÚC|thứ tự"):
            parse_sessions(bad)
    summer = Season((5, 1), (9, 30), parse_sessions("06:30-11:00,14:00-17:30"))
    hours = OfficeHours(seasons=(summer,))
    assert hours.for_day(D(2024, 6, 3)) == ((390, 660), (840, 1050))
    assert hours.for_day(D(2024, 10, 1)) == ((420, 690), (810, 1020))
    winter = Season((11, 15), (2, 15), parse_sessions("07:30-11:30,13:30-17:00"))
    assert winter.covers(D(2025, 1, 10))
    assert not winter.covers(D(2025, 3, 1))
