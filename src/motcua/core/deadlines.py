"""Statutory deadlines over a `WorkCalendar`: rules R1, D1–D8 and K1–K2 of shared/domain/deadlines.md.

Times inside are (ordinal of the day, minute of the day) in Asia/Ho_Chi_Minh; callers pass and get
time-zone-aware datetimes. Every function is pure: the calendar and the rule set are arguments.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from motcua.core.calendar import TZ, WorkCalendar

Moment = tuple[int, int]  # (date ordinal, minute of day), local time


class LimitUnit(StrEnum):
    WORKING_DAYS = "working_days"
    WORKING_HOURS = "working_hours"
    CALENDAR_DAYS = "calendar_days"
    SAME_DAY = "same_day"


class DayEnd(StrEnum):
    CLOSING = "closing"  # D1: a day-based limit ends at the office's closing time
    MIDNIGHT = "midnight"  # the calendar end of the day (24:00), where a sector rule says so


class SupplementPolicy(StrEnum):
    RESTART = "restart"  # Decree 61/2018 Art. 19(4): the time limit restarts from zero
    PAUSE = "pause"  # the national 766 engine: the waiting time is subtracted


@dataclass(frozen=True)
class RuleSet:
    """The parameters of the deadline rules; versioned as data on the Django side (D9)."""

    code: str = "default-2018"
    cutoff_minute: int = 15 * 60  # D4 and Decree 61/2018 Art. 18: the 15:00 rule
    supplement_policy: SupplementPolicy = SupplementPolicy.RESTART
    hours_per_day: int = 8  # D2: a fraction of a day is this many working hours
    day_end: DayEnd = DayEnd.CLOSING


DEFAULT_RULES = RuleSet()


@dataclass(frozen=True)
class TimeLimit:
    value: float
    unit: LimitUnit

    def __post_init__(self) -> None:
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"thời hạn phải là số không âm, không phải {self.value}")
        if self.unit in (LimitUnit.WORKING_DAYS, LimitUnit.WORKING_HOURS) and self.value == 0:
            raise ValueError("thời hạn 0 ngày hoặc 0 giờ làm việc là thời hạn trong ngày (same_day)")
        if self.unit == LimitUnit.CALENDAR_DAYS and self.value != int(self.value):
            raise ValueError("thời hạn theo ngày lịch phải là số ngày nguyên")


@dataclass(frozen=True)
class Pause:
    start: dt.datetime
    end: dt.datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("thời điểm kết thúc tạm dừng không được trước thời điểm bắt đầu")


@dataclass(frozen=True)
class Deadline:
    effective_receipt: dt.datetime
    due: dt.datetime


# -- moments ---------------------------------------------------------------------------------------


def to_moment(at: dt.datetime) -> Moment:
    if at.tzinfo is None:
        raise ValueError("thời điểm phải có múi giờ (ví dụ +07:00)")
    local = at.astimezone(TZ)
    return local.toordinal(), local.hour * 60 + local.minute  # seconds do not count: 11:29:59 is 11:29


def to_datetime(moment: Moment) -> dt.datetime:
    day = dt.date.fromordinal(moment[0])
    hours, minutes = divmod(moment[1], 60)
    if hours == 24:
        return dt.datetime(day.year, day.month, day.day, tzinfo=TZ) + dt.timedelta(days=1)
    return dt.datetime(day.year, day.month, day.day, hours, minutes, tzinfo=TZ)


def _effective(cal: WorkCalendar, moment: Moment) -> tuple[int, int]:
    """R1 as (index of the working day, minute): inside a session it stays, otherwise the next opening."""
    ordinal, minute = moment
    index = cal.index_on_or_after(ordinal)
    if cal.working_ordinals[index] == ordinal:
        for start, end in cal.sessions[index]:
            if minute < start:
                return index, start
            if minute < end:
                return index, minute
        index += 1
        cal.working_day(index)
    return index, cal.sessions[index][0][0]


def effective_receipt(cal: WorkCalendar, at: dt.datetime) -> dt.datetime:
    """R1: the receipt time inside office hours, else the start of the next office session."""
    index, minute = _effective(cal, to_moment(at))
    return to_datetime((cal.working_ordinals[index], minute))


def _closing(cal: WorkCalendar, index: int, rules: RuleSet) -> tuple[int, int]:
    cal.working_day(index)
    return index, 24 * 60 if rules.day_end == DayEnd.MIDNIGHT else cal.closing[index]


def _add_minutes(cal: WorkCalendar, index: int, minute: int, amount: int) -> tuple[int, int]:
    """Add working minutes from an effective moment; landing on a session's end stays there."""
    while True:
        cal.working_day(index)
        for start, end in cal.sessions[index]:
            if minute >= end:
                continue
            begin = max(minute, start)
            if amount <= end - begin:
                return index, begin + amount
            amount -= end - begin
        # Whole working days can be skipped at once with the cumulative minutes.
        target = cal.minutes_before[index + 1] + amount
        skip = bisect.bisect_left(cal.minutes_before, target) - 1
        if skip > index + 1:
            amount -= cal.minutes_before[skip] - cal.minutes_before[index + 1]
            index = skip
        else:
            index += 1
        minute = 0


def _minutes_into_day(cal: WorkCalendar, index: int, minute: int) -> int:
    return sum(max(0, min(end, minute) - start) for start, end in cal.sessions[index])


def _minutes_between(cal: WorkCalendar, a: tuple[int, int], b: tuple[int, int]) -> int:
    """Working minutes from effective moment a to effective moment b (0 when b is not after a)."""
    if b <= a:
        return 0
    before_b = cal.minutes_before[b[0]] + _minutes_into_day(cal, b[0], b[1])
    before_a = cal.minutes_before[a[0]] + _minutes_into_day(cal, a[0], a[1])
    return before_b - before_a


def working_minutes_between(cal: WorkCalendar, start: dt.datetime, end: dt.datetime) -> int:
    """Working minutes between two times (K2: how long a unit held a dossier)."""
    return _minutes_between(cal, _effective(cal, to_moment(start)), _effective(cal, to_moment(end)))


def _due(cal: WorkCalendar, receipt: tuple[int, int], limit: TimeLimit, rules: RuleSet) -> tuple[int, int]:
    index, minute = receipt
    if limit.unit == LimitUnit.WORKING_DAYS:
        whole = int(limit.value)
        fraction = limit.value - whole
        if not fraction:
            return _closing(cal, index + whole, rules)  # D1
        start = index + whole + 1  # D2: the fraction starts at the opening of the next working day
        cal.working_day(start)
        return _add_minutes(cal, start, cal.sessions[start][0][0], round(fraction * rules.hours_per_day * 60))
    if limit.unit == LimitUnit.WORKING_HOURS:
        return _add_minutes(cal, index, minute, round(limit.value * 60))  # D3
    if limit.unit == LimitUnit.SAME_DAY:
        return _closing(cal, index if minute < rules.cutoff_minute else index + 1, rules)  # D4
    ordinal = cal.working_ordinals[index] + int(limit.value)  # D5
    return _closing(cal, cal.index_on_or_after(ordinal), rules)


def merge_pauses(pauses: Sequence[Pause]) -> list[Pause]:
    """Overlapping or touching pauses as one: the clock cannot stop twice for the same minutes."""
    merged: list[Pause] = []
    for pause in sorted(pauses, key=lambda p: p.start):
        if merged and pause.start <= merged[-1].end:
            merged[-1] = Pause(merged[-1].start, max(merged[-1].end, pause.end))
        else:
            merged.append(pause)
    return merged


def due_time(
    cal: WorkCalendar,
    received: dt.datetime,
    limit: TimeLimit,
    rules: RuleSet = DEFAULT_RULES,
    *,
    pauses: Sequence[Pause] = (),
    supplement_requested: dt.datetime | None = None,
    supplement_received: dt.datetime | None = None,
) -> Deadline:
    """The effective receipt and the due time of one item, with supplements (D6) and pauses (D7)."""
    receipt = _effective(cal, to_moment(received))
    all_pauses = list(pauses)
    if supplement_received is not None:
        if supplement_received < received:
            raise ValueError("không thể nhận hồ sơ bổ sung trước khi tiếp nhận hồ sơ")
        if rules.supplement_policy == SupplementPolicy.RESTART:
            receipt = _effective(cal, to_moment(supplement_received))  # D6: the limit restarts
        else:
            if supplement_requested is None:
                raise ValueError("cách tính trừ thời gian chờ cần thời điểm yêu cầu bổ sung")
            all_pauses.append(Pause(supplement_requested, supplement_received))
    due = _due(cal, receipt, limit, rules)
    for pause in merge_pauses(all_pauses):  # D7
        stopped = max(_effective(cal, to_moment(pause.start)), receipt)
        if stopped >= due:
            continue
        left = _minutes_between(cal, stopped, due)
        resumed = _effective(cal, to_moment(pause.end))
        due = max(due, _add_minutes(cal, resumed[0], resumed[1], left))
    return Deadline(
        effective_receipt=to_datetime((cal.working_ordinals[receipt[0]], receipt[1])),
        due=to_datetime((cal.working_ordinals[due[0]], due[1])),
    )


def transfer_deadline(
    cal: WorkCalendar, received: dt.datetime, rules: RuleSet = DEFAULT_RULES
) -> dt.datetime:
    """Decree 61/2018 Art. 18: a paper dossier goes to the settling unit the same working day; one
    received at or after the cut-off (15:00) at the start of the next working day."""
    index, minute = _effective(cal, to_moment(received))
    if minute < rules.cutoff_minute:
        return to_datetime((cal.working_ordinals[index], cal.closing[index]))
    cal.working_day(index + 1)
    return to_datetime((cal.working_ordinals[index + 1], cal.sessions[index + 1][0][0]))


def apology_allowed(
    cal: WorkCalendar, issued_at: dt.datetime, due: dt.datetime, *, already_issued: bool
) -> bool:
    """D8: one apology, issued at least one working day (a full day's working minutes) before the due time."""
    if already_issued:
        return False
    issued = _effective(cal, to_moment(issued_at))
    day_minutes = cal.minutes_before[issued[0] + 1] - cal.minutes_before[issued[0]]
    return working_minutes_between(cal, issued_at, due) >= day_minutes


class Outcome(StrEnum):
    EARLY = "early"  # sớm hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn
    WITHIN_TIME = "within_time"  # đang trong hạn
    OVERDUE = "overdue"  # đang quá hạn


def classify(due: dt.datetime, *, finished: dt.datetime | None, now: dt.datetime) -> Outcome:
    """K1: finished before the due day → early; on the due day by the due time → on time; after → late.

    An item still open is within time or overdue against `now` (or the end of a report period). The
    statutory due time decides even when an apology set a later appointment (D8).
    """
    if finished is None:
        return Outcome.WITHIN_TIME if now <= due else Outcome.OVERDUE
    if finished > due:
        return Outcome.LATE
    local_due = due.astimezone(TZ)
    # A due at 24:00 (rule sets ending the day at midnight) belongs to the day before.
    due_day = (
        (local_due - dt.timedelta(microseconds=1)).date()
        if local_due.time() == dt.time(0)
        else local_due.date()
    )
    if finished.astimezone(TZ).date() < due_day:
        return Outcome.EARLY
    return Outcome.ON_TIME


def classify_step(held_minutes: int, allotted_minutes: int) -> Outcome:
    """K2: the working minutes a unit held the dossier against its step's allotment."""
    if held_minutes < allotted_minutes:
        return Outcome.EARLY
    return Outcome.ON_TIME if held_minutes == allotted_minutes else Outcome.LATE
