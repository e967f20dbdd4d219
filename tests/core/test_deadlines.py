"""Rules R1, D1–D8, K1–K2 (shared/domain/deadlines.md) as table tests on real 2024–2026 dates."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.core.calendar import TZ, OfficeHours, Season, WorkCalendar, parse_sessions
from motcua.core.deadlines import (
    DayEnd,
    LimitUnit,
    Outcome,
    Pause,
    RuleSet,
    SupplementPolicy,
    TimeLimit,
    apology_allowed,
    classify,
    classify_step,
    due_time,
    effective_receipt,
    transfer_deadline,
    working_minutes_between,
)

WD, WH, CD, SD = LimitUnit.WORKING_DAYS, LimitUnit.WORKING_HOURS, LimitUnit.CALENDAR_DAYS, LimitUnit.SAME_DAY


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


@pytest.mark.parametrize(
    ("received", "effective"),
    [
        ("2024-03-11 09:15", "2024-03-11 09:15"),  # inside the morning session
        ("2024-03-11 06:30", "2024-03-11 07:00"),  # before opening
        ("2024-03-11 11:30", "2024-03-11 13:30"),  # lunch break → afternoon opening
        ("2024-03-11 12:45", "2024-03-11 13:30"),
        ("2024-03-11 17:00", "2024-03-12 07:00"),  # at closing → next working day
        ("2024-03-10 22:00", "2024-03-11 07:00"),  # Sunday night online
        ("2024-02-08 10:00", "2024-02-15 07:00"),  # during Tết 2024
        ("2024-05-03 18:00", "2024-05-04 07:00"),  # Friday evening → the make-up Saturday
        ("2025-01-24 17:30", "2025-02-03 07:00"),  # before Tết 2025
        ("2024-03-11 09:15:30", "2024-03-11 09:15"),  # seconds do not count
        ("2024-03-11 11:29:59", "2024-03-11 11:29"),  # still inside the morning session
    ],
)
def test_effective_receipt_r1(cal: WorkCalendar, received: str, effective: str) -> None:
    assert effective_receipt(cal, t(received)) == t(effective)


@pytest.mark.parametrize(
    ("received", "value", "unit", "due"),
    [
        # the worked examples of deadlines.md
        ("2024-02-07 10:00", 3, WD, "2024-02-19 17:00"),
        ("2024-05-02 09:00", 2, WD, "2024-05-04 17:00"),
        ("2024-03-10 22:00", 1, WD, "2024-03-12 17:00"),
        ("2024-03-11 16:00", 4, WH, "2024-03-12 10:00"),
        ("2024-03-11 10:00", 1.5, WD, "2024-03-13 11:00"),  # D2
        ("2024-03-11 10:00", 0.5, WD, "2024-03-12 11:00"),
        # Tết 2025 and 2026
        ("2025-01-24 10:00", 1, WD, "2025-02-03 17:00"),
        ("2026-02-13 16:30", 3, WD, "2026-02-25 17:00"),
        # 30/4–1/5 with the make-up Saturdays
        ("2025-04-25 14:00", 2, WD, "2025-04-28 17:00"),
        ("2025-04-29 10:00", 1, WD, "2025-05-05 17:00"),
        ("2024-04-26 10:00", 1, WD, "2024-05-02 17:00"),
        # Quốc khánh
        ("2025-08-29 09:00", 1, WD, "2025-09-03 17:00"),
        ("2024-08-30 09:00", 2, WD, "2024-09-05 17:00"),
        # working hours across lunch, closing and days off
        ("2024-03-11 12:00", 2, WH, "2024-03-11 15:30"),
        ("2024-03-11 17:00", 1, WH, "2024-03-12 08:00"),
        ("2024-03-11 10:00", 1.5, WH, "2024-03-11 11:30"),  # landing on the end of a session stays
        ("2024-02-07 16:00", 8, WH, "2024-02-15 16:00"),
        ("2024-03-11 07:00", 40, WH, "2024-03-15 17:00"),
        # D4 same day with the 15:00 cut-off
        ("2024-03-11 14:59", 0, SD, "2024-03-11 17:00"),
        ("2024-03-11 15:00", 0, SD, "2024-03-12 17:00"),
        ("2024-02-07 15:30", 0, SD, "2024-02-15 17:00"),
        ("2024-03-09 10:00", 0, SD, "2024-03-11 17:00"),  # Saturday → Monday 07:00, before the cut-off
        # D5 calendar days, moved to the next working day when they end on a day off
        ("2024-01-24 10:00", 15, CD, "2024-02-15 17:00"),
        ("2024-04-01 10:00", 30, CD, "2024-05-02 17:00"),
        ("2024-03-04 10:00", 10, CD, "2024-03-14 17:00"),
        ("2025-08-17 20:00", 15, CD, "2025-09-03 17:00"),  # Sunday → Monday 18/08 + 15 = 02/09 (off)
    ],
)
def test_due_time(cal: WorkCalendar, received: str, value: float, unit: LimitUnit, due: str) -> None:
    assert due_time(cal, t(received), TimeLimit(value, unit)).due == t(due)


def test_cutoff_is_a_rule_set_parameter(cal: WorkCalendar) -> None:
    late_cutoff = RuleSet(code="cutoff-16", cutoff_minute=16 * 60)
    assert due_time(cal, t("2024-03-11 15:30"), TimeLimit(0, SD), late_cutoff).due == t("2024-03-11 17:00")


def test_day_end_is_a_rule_set_parameter(cal: WorkCalendar) -> None:
    midnight = RuleSet(code="midnight", day_end=DayEnd.MIDNIGHT)
    assert due_time(cal, t("2024-02-07 10:00"), TimeLimit(3, WD), midnight).due == t("2024-02-20 00:00")
    assert due_time(cal, t("2024-02-07 16:00"), TimeLimit(4, WH), midnight).due == t("2024-02-15 10:00")


def test_supplement_restarts_the_limit_d6(cal: WorkCalendar) -> None:
    deadline = due_time(
        cal, t("2024-03-04 09:00"), TimeLimit(5, WD), supplement_received=t("2024-03-13 10:00")
    )
    assert deadline.effective_receipt == t("2024-03-13 10:00")
    assert deadline.due == t("2024-03-20 17:00")


def test_supplement_pause_policy_subtracts_the_wait(cal: WorkCalendar) -> None:
    rules = RuleSet(code="766", supplement_policy=SupplementPolicy.PAUSE)
    deadline = due_time(
        cal,
        t("2024-03-04 09:00"),
        TimeLimit(5, WD),
        rules,
        supplement_requested=t("2024-03-06 09:00"),
        supplement_received=t("2024-03-08 09:00"),
    )
    assert deadline.due == t("2024-03-13 17:00")
    with pytest.raises(ValueError, match="yêu cầu bổ sung"):
        due_time(
            cal, t("2024-03-04 09:00"), TimeLimit(5, WD), rules, supplement_received=t("2024-03-08 09:00")
        )


def test_pause_moves_the_due_by_the_time_left_d7(cal: WorkCalendar) -> None:
    limit = TimeLimit(3, WD)
    assert due_time(cal, t("2024-03-04 09:00"), limit).due == t("2024-03-07 17:00")
    paused = due_time(
        cal, t("2024-03-04 09:00"), limit, pauses=[Pause(t("2024-03-05 07:00"), t("2024-03-12 07:00"))]
    )
    assert paused.due == t("2024-03-14 17:00")
    # A pause that starts after the due time changes nothing.
    after = due_time(
        cal, t("2024-03-04 09:00"), limit, pauses=[Pause(t("2024-03-08 08:00"), t("2024-03-20 08:00"))]
    )
    assert after.due == t("2024-03-07 17:00")
    # Over Tết: due Thursday 15/02 17:00; paused Wednesday 07/02 at 16:00 with 1 hour + 1 day left,
    # resumed Thursday 15/02 07:00 → the day and the hour run to Friday 16/02 08:00.
    tet = due_time(
        cal, t("2024-02-05 09:00"), limit, pauses=[Pause(t("2024-02-07 16:00"), t("2024-02-15 07:00"))]
    )
    assert tet.due == t("2024-02-16 08:00")


def test_overlapping_pauses_stop_the_clock_once(cal: WorkCalendar) -> None:
    limit = TimeLimit(3, WD)
    outer = Pause(t("2024-03-12 09:00"), t("2024-03-14 09:00"))
    inner = Pause(t("2024-03-13 09:00"), t("2024-03-13 10:00"))
    alone = due_time(cal, t("2024-03-11 09:00"), limit, pauses=[outer]).due
    assert alone == t("2024-03-18 17:00")
    assert due_time(cal, t("2024-03-11 09:00"), limit, pauses=[outer, inner]).due == alone


def test_a_midnight_due_belongs_to_the_day_before() -> None:
    due = t("2024-02-20 00:00")
    assert classify(due, finished=t("2024-02-19 16:00"), now=due) == Outcome.ON_TIME
    assert classify(due, finished=t("2024-02-16 16:00"), now=due) == Outcome.EARLY
    assert classify(due, finished=t("2024-02-20 00:01"), now=due) == Outcome.LATE


def test_bad_input_is_refused(cal: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="múi giờ"):
        due_time(cal, dt.datetime(2024, 3, 11, 9, 0), TimeLimit(1, WD))
    with pytest.raises(ValueError, match="không âm"):
        TimeLimit(-1, WD)
    with pytest.raises(ValueError, match="thời hạn trong ngày"):
        TimeLimit(0, WD)
    with pytest.raises(ValueError, match="số ngày nguyên"):
        TimeLimit(1.5, CD)
    with pytest.raises(ValueError, match="kết thúc tạm dừng"):
        Pause(t("2024-03-12 07:00"), t("2024-03-11 07:00"))
    with pytest.raises(ValueError, match="ngoài lịch"):
        due_time(cal, t("2027-12-20 09:00"), TimeLimit(30, WD))


def test_seasonal_office_hours_move_opening_and_closing() -> None:
    summer = Season((5, 1), (9, 30), parse_sessions("06:30-11:00,14:00-17:30"))
    cal = WorkCalendar.build([2024], hours=OfficeHours(seasons=(summer,)))
    assert due_time(cal, t("2024-06-03 10:00"), TimeLimit(1, WD)).due == t("2024-06-04 17:30")
    assert effective_receipt(cal, t("2024-06-03 12:00")) == t("2024-06-03 14:00")


@pytest.mark.parametrize(
    ("finished", "outcome"),
    [
        ("2024-02-15 10:00", Outcome.EARLY),
        ("2024-02-19 08:00", Outcome.ON_TIME),
        ("2024-02-19 17:00", Outcome.ON_TIME),
        ("2024-02-19 17:01", Outcome.LATE),
        ("2024-02-20 09:00", Outcome.LATE),
    ],
)
def test_classify_k1(finished: str, outcome: Outcome) -> None:
    assert classify(t("2024-02-19 17:00"), finished=t(finished), now=t("2024-03-01 00:00")) == outcome


def test_classify_open_items_against_now() -> None:
    due = t("2024-02-19 17:00")
    assert classify(due, finished=None, now=t("2024-02-19 16:00")) == Outcome.WITHIN_TIME
    assert classify(due, finished=None, now=t("2024-02-19 17:01")) == Outcome.OVERDUE


def test_classify_step_k2(cal: WorkCalendar) -> None:
    held = working_minutes_between(cal, t("2024-02-07 16:00"), t("2024-02-15 09:00"))
    assert held == 60 + 120
    assert classify_step(held, 240) == Outcome.EARLY
    assert classify_step(180, 180) == Outcome.ON_TIME
    assert classify_step(181, 180) == Outcome.LATE


def test_apology_once_and_a_working_day_ahead_d8(cal: WorkCalendar) -> None:
    due = t("2024-03-11 17:00")
    assert apology_allowed(cal, t("2024-03-08 17:00"), due, already_issued=False)
    assert apology_allowed(cal, t("2024-03-08 16:00"), due, already_issued=False)
    assert not apology_allowed(cal, t("2024-03-11 08:00"), due, already_issued=False)
    assert not apology_allowed(cal, t("2024-03-07 09:00"), due, already_issued=True)


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        # before 15:00: the same working day's closing
        (dt.datetime(2024, 3, 11, 9, 0, tzinfo=TZ), dt.datetime(2024, 3, 11, 17, 0, tzinfo=TZ)),
        (dt.datetime(2024, 3, 11, 14, 59, tzinfo=TZ), dt.datetime(2024, 3, 11, 17, 0, tzinfo=TZ)),
        # at or after 15:00: the opening of the next working day
        (dt.datetime(2024, 3, 11, 15, 0, tzinfo=TZ), dt.datetime(2024, 3, 12, 7, 0, tzinfo=TZ)),
        # Friday afternoon → Monday morning; the eve of Tết 2024 → after the holiday
        (dt.datetime(2024, 3, 15, 16, 0, tzinfo=TZ), dt.datetime(2024, 3, 18, 7, 0, tzinfo=TZ)),
        (dt.datetime(2024, 2, 7, 16, 30, tzinfo=TZ), dt.datetime(2024, 2, 15, 7, 0, tzinfo=TZ)),
        # received on Sunday online: effective Monday 07:00, before the cut-off
        (dt.datetime(2024, 3, 10, 22, 0, tzinfo=TZ), dt.datetime(2024, 3, 11, 17, 0, tzinfo=TZ)),
        # Tuesday 29 April 2025 after 15:00: 30/4–4/5 off (2 May swapped for Saturday 26 April)
        (dt.datetime(2025, 4, 29, 15, 30, tzinfo=TZ), dt.datetime(2025, 5, 5, 7, 0, tzinfo=TZ)),
    ],
)
def test_transfer_deadline_follows_the_15_oclock_rule(
    cal: WorkCalendar, received: dt.datetime, deadline: dt.datetime
) -> None:
    assert transfer_deadline(cal, received) == deadline
