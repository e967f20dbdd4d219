"""Rules on the procedure catalogue: the internal process must fit the time limit, and the Decision 766
group 1 checks on publication (regulations.md §2.4).

Pure functions over the deadline engine's types and a `WorkCalendar`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum

from motcua.core.calendar import WorkCalendar
from motcua.core.deadlines import LimitUnit, TimeLimit


class Fit(StrEnum):
    EXACT = "exact"  # the allotments must add up to the limit
    AT_MOST = "at_most"  # the allotments may not exceed what the limit can hold


def limit_hours(limit: TimeLimit, hours_per_day: int) -> tuple[Decimal, Fit]:
    """The working hours a time limit gives the internal process, and how strictly steps must fit it.

    Working days and hours are exact (Circular 01/2018 Art. 8: the internal process divides the limit).
    A same-day limit holds at most one working day; N calendar days hold at most N working days, fewer
    when they cover a weekend or a holiday, so their steps may only be checked against that ceiling.
    """
    value = Decimal(str(limit.value))
    if limit.unit == LimitUnit.WORKING_DAYS:
        return value * hours_per_day, Fit.EXACT
    if limit.unit == LimitUnit.WORKING_HOURS:
        return value, Fit.EXACT
    if limit.unit == LimitUnit.SAME_DAY:
        return Decimal(hours_per_day), Fit.AT_MOST
    return value * hours_per_day, Fit.AT_MOST


def allotment_problem(
    limit: TimeLimit, step_hours: Sequence[Decimal], *, hours_per_day: int = 8, fit: Fit | None = None
) -> str:
    """Why the steps' working hours do not fit the time limit ("" when they do)."""
    if any(hours < 0 for hours in step_hours):
        return "thời gian của một bước không được âm"
    total = sum(step_hours, Decimal(0))
    available, strictness = limit_hours(limit, hours_per_day)
    strictness = fit or strictness
    if strictness == Fit.EXACT and total != available:
        return (
            f"tổng thời gian các bước là {_hours(total)} giờ làm việc, "
            f"phải bằng thời hạn giải quyết {_hours(available)} giờ làm việc"
        )
    if strictness == Fit.AT_MOST and total > available:
        return (
            f"tổng thời gian các bước là {_hours(total)} giờ làm việc, "
            f"vượt quá {_hours(available)} giờ làm việc mà thời hạn cho phép"
        )
    return ""


def _hours(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


# -- Decision 766, group 1 ------------------------------------------------------------------------

#: working days allowed, by issuer level: (publish before the legal basis takes effect, make public after)
LEAD_DAYS: Mapping[str, tuple[int, int]] = {"ministry": (20, 10), "province": (5, 5)}

#: the parts of a procedure that Decree 63/2010 Art. 8(2) requires, as the 766 indicator 1.3 lists them
FULL_CONTENT_PARTS: Mapping[str, str] = {
    "name": "tên thủ tục",
    "steps": "trình tự thực hiện",
    "channels": "cách thức thực hiện",
    "documents": "thành phần, số lượng hồ sơ",
    "time_limit": "thời hạn giải quyết",
    "applicants": "đối tượng thực hiện",
    "agency": "cơ quan thực hiện",
}


def working_days_before(cal: WorkCalendar, day: dt.date, count: int) -> dt.date:
    """The `count`-th working day before `day` (`day` itself not counted)."""
    index = bisect.bisect_left(cal.working_ordinals, day.toordinal()) - count
    if index < 0:
        raise ValueError(f"lịch không đủ ngày làm việc trước {day:%d/%m/%Y}")
    return dt.date.fromordinal(cal.working_ordinals[index])


def working_days_after(cal: WorkCalendar, day: dt.date, count: int) -> dt.date:
    """The `count`-th working day after `day` (`day` itself not counted, as in D1)."""
    if not cal.first <= day <= cal.last:
        raise ValueError(f"ngày {day:%d/%m/%Y} nằm ngoài lịch ({cal.first.year}–{cal.last.year})")
    index = bisect.bisect_right(cal.working_ordinals, day.toordinal()) + count - 1
    return dt.date.fromordinal(cal.working_day(index))


def published_on_time(
    cal: WorkCalendar, *, signed_on: dt.date, legal_effective_on: dt.date | None, issuer_level: str
) -> bool | None:
    """766 indicator 1.1: the decision is signed at least 20 (ministry) or 5 (province) working days
    before the latest effective date of the legal basis; None while that date is not known."""
    if legal_effective_on is None:
        return None
    lead, _ = LEAD_DAYS[issuer_level]
    try:
        latest = working_days_before(cal, legal_effective_on, lead)
    except ValueError:  # the legal basis took effect before the calendar begins (a 2016 law, say)
        return False if signed_on >= legal_effective_on else None
    return signed_on <= latest


def made_public_on_time(
    cal: WorkCalendar,
    *,
    signed_on: dt.date,
    made_public_on: dt.date | None,
    issuer_level: str,
    today: dt.date,
) -> bool | None:
    """766 indicator 1.2: made public no later than 10 (ministry) or 5 (province) working days after the
    decision; None while not yet public and still within that time."""
    _, lag = LEAD_DAYS[issuer_level]
    try:
        latest = working_days_after(cal, signed_on, lag)
    except ValueError:  # a decision older than the calendar: its dates cannot be counted here
        return None
    if made_public_on is None:
        return None if today <= latest else False
    return made_public_on <= latest


def missing_content(present: Mapping[str, bool]) -> list[str]:
    """766 indicator 1.3: the Decree 63/2010 Art. 8(2) parts that a procedure's public record lacks."""
    return [label for key, label in FULL_CONTENT_PARTS.items() if not present.get(key, False)]
