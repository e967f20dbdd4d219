"""Due times for many items at once (D1 and R1 vectorised with NumPy over the calendar's arrays).

Used by calendar recomputation and the CSV command. Whole working-day limits, the bulk of all
procedures, take the vectorised path; other limits go through `due_time` one by one. Both give the
same answers (tests/core/test_deadlines_properties.py checks it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from motcua.core.calendar import WorkCalendar
from motcua.core.deadlines import DEFAULT_RULES, DayEnd, Deadline, LimitUnit, RuleSet, TimeLimit, due_time

_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_OFFSET_MINUTES = 7 * 60  # Asia/Ho_Chi_Minh has been UTC+07:00 since 1975, without daylight saving
_MINUTE = np.timedelta64(1, "m")

Minutes = npt.NDArray[np.int64]


@dataclass
class CalendarArrays:
    """The calendar as NumPy arrays, built once per calendar."""

    ordinals: Minutes
    closing: Minutes
    starts: list[Minutes]  # per session slot k: start minute of the k-th session of each working day
    ends: list[Minutes]

    @classmethod
    def of(cls, cal: WorkCalendar) -> CalendarArrays:
        slots = max(len(s) for s in cal.sessions)
        starts, ends = [], []
        for k in range(slots):
            # A day with fewer sessions repeats its closing, which no receipt minute can be below.
            starts.append(
                np.array([s[k][0] if k < len(s) else s[-1][1] for s in cal.sessions], dtype=np.int64)
            )
            ends.append(np.array([s[k][1] if k < len(s) else s[-1][1] for s in cal.sessions], dtype=np.int64))
        return cls(
            np.array(cal.working_ordinals, dtype=np.int64),
            np.array(cal.closing, dtype=np.int64),
            starts,
            ends,
        )


def due_working_days(
    cal: WorkCalendar, arrays: CalendarArrays, received_utc: npt.NDArray[np.datetime64], days: Minutes
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.datetime64]]:
    """Effective receipt (R1) and due time (D1) in UTC minutes for whole working-day limits."""
    if np.any(days < 1):
        raise ValueError("thời hạn ngày làm việc nguyên phải từ 1 ngày")
    local = (received_utc.astype("datetime64[m]").astype(np.int64)) + _OFFSET_MINUTES
    ordinal = local // 1440 + _EPOCH_ORDINAL
    minute = local % 1440
    if ordinal.size and (ordinal.min() < cal.first.toordinal() or ordinal.max() > cal.last.toordinal()):
        raise ValueError(f"thời điểm tiếp nhận nằm ngoài lịch ({cal.first.year}–{cal.last.year})")
    index = np.searchsorted(arrays.ordinals, ordinal, side="left")
    last = len(arrays.ordinals) - 1
    if np.any(index > last):
        raise ValueError("thời điểm tiếp nhận sau ngày làm việc cuối cùng của lịch")
    on_working_day = arrays.ordinals[index] == ordinal
    after_closing = on_working_day & (minute >= arrays.closing[index])
    effective_index = np.where(after_closing, index + 1, index)
    if np.any(effective_index + days > last):
        raise ValueError("hạn giải quyết rơi ra ngoài lịch; cần lịch dài hơn")
    # Inside the day: the minute itself inside a session, else the next session's start.
    inside = np.full(minute.shape, -1, dtype=np.int64)
    for start, end in zip(arrays.starts, arrays.ends, strict=True):
        day_start, day_end = start[index], end[index]
        pending = inside < 0
        inside = np.where(pending & (minute < day_start), day_start, inside)
        inside = np.where(pending & (minute >= day_start) & (minute < day_end), minute, inside)
    opening = arrays.starts[0][effective_index]
    effective_minute = np.where(on_working_day & ~after_closing, inside, opening)
    due_index = effective_index + days
    effective = (
        (arrays.ordinals[effective_index] - _EPOCH_ORDINAL) * 1440 + effective_minute - _OFFSET_MINUTES
    )
    due = (arrays.ordinals[due_index] - _EPOCH_ORDINAL) * 1440 + arrays.closing[due_index] - _OFFSET_MINUTES
    return effective.astype("datetime64[m]"), due.astype("datetime64[m]")


def due_many(
    cal: WorkCalendar,
    received: Sequence[dt.datetime],
    limits: Sequence[TimeLimit],
    rules: RuleSet = DEFAULT_RULES,
    arrays: CalendarArrays | None = None,
) -> list[Deadline]:
    """`due_time` for each item; whole working-day limits in one vectorised pass."""
    arrays = arrays or cal.arrays(CalendarArrays.of)
    results: list[Deadline | None] = [None] * len(received)
    fast = [
        i
        for i, limit in enumerate(limits)
        if limit.unit == LimitUnit.WORKING_DAYS
        and limit.value == int(limit.value)
        and rules.day_end == DayEnd.CLOSING
    ]
    if fast:
        stamps = np.array(
            [received[i].astimezone(dt.UTC).replace(tzinfo=None) for i in fast], dtype="datetime64[s]"
        )
        stamps = stamps.astype("datetime64[m]")  # seconds do not count (as in to_moment)
        days = np.array([int(limits[i].value) for i in fast], dtype=np.int64)
        effective, due = due_working_days(cal, arrays, stamps, days)
        for position, i in enumerate(fast):
            results[i] = Deadline(_aware(effective[position]), _aware(due[position]))
    for i, limit in enumerate(limits):
        if results[i] is None:
            results[i] = due_time(cal, received[i], limit, rules)
    return [r for r in results if r is not None]


def _aware(value: np.datetime64) -> dt.datetime:
    from motcua.core.calendar import TZ

    minutes = int(value.astype(np.int64))
    return (dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(TZ)
