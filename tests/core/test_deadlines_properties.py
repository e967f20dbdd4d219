"""Hypothesis properties of the deadline engine over the real 2024–2026 calendar."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from motcua.core.bulk import CalendarArrays, due_many
from motcua.core.calendar import TZ, WorkCalendar
from motcua.core.deadlines import LimitUnit, Pause, TimeLimit, due_time, effective_receipt

CAL = WorkCalendar.build(range(2023, 2028))
ARRAYS = CalendarArrays.of(CAL)
START = dt.datetime(2024, 1, 1, tzinfo=TZ)

moments = st.integers(min_value=0, max_value=3 * 365 * 1440).map(lambda m: START + dt.timedelta(minutes=m))
limits = st.one_of(
    st.integers(1, 60).map(lambda n: TimeLimit(n, LimitUnit.WORKING_DAYS)),
    st.sampled_from([0.5, 1.5, 2.5, 3.25]).map(lambda v: TimeLimit(v, LimitUnit.WORKING_DAYS)),
    st.integers(1, 200).map(lambda n: TimeLimit(n, LimitUnit.WORKING_HOURS)),
    st.integers(1, 90).map(lambda n: TimeLimit(n, LimitUnit.CALENDAR_DAYS)),
    st.just(TimeLimit(0, LimitUnit.SAME_DAY)),
)


def _in_office_hours(at: dt.datetime) -> bool:
    local = at.astimezone(TZ)
    if not CAL.is_working_day(local.date()):
        return False
    minute = local.hour * 60 + local.minute
    return any(start <= minute <= end for start, end in CAL.hours.for_day(local.date()))


@given(moments, limits)
def test_due_falls_in_office_hours_of_a_working_day(received: dt.datetime, limit: TimeLimit) -> None:
    deadline = due_time(CAL, received, limit)
    assert _in_office_hours(deadline.due)
    assert _in_office_hours(deadline.effective_receipt)
    assert deadline.effective_receipt >= received.replace(second=0)
    assert deadline.due > deadline.effective_receipt or limit.unit == LimitUnit.SAME_DAY


@given(moments, st.sampled_from(list(LimitUnit)), st.integers(1, 40), st.integers(1, 40))
def test_a_longer_limit_never_gives_an_earlier_due(
    received: dt.datetime, unit: LimitUnit, a: int, b: int
) -> None:
    if unit == LimitUnit.SAME_DAY:
        return
    shorter, longer = sorted((a, b))
    assert (
        due_time(CAL, received, TimeLimit(shorter, unit)).due
        <= due_time(CAL, received, TimeLimit(longer, unit)).due
    )


@given(moments, limits, st.integers(0, 20 * 1440), st.integers(0, 30 * 1440))
def test_a_pause_never_shortens_a_deadline(
    received: dt.datetime, limit: TimeLimit, after: int, length: int
) -> None:
    start = received + dt.timedelta(minutes=after)
    pause = Pause(start, start + dt.timedelta(minutes=length))
    assert due_time(CAL, received, limit, pauses=[pause]).due >= due_time(CAL, received, limit).due


@settings(max_examples=50)
@given(st.lists(st.tuples(moments, limits), min_size=1, max_size=40))
def test_bulk_and_single_agree(items: list[tuple[dt.datetime, TimeLimit]]) -> None:
    received = [r for r, _ in items]
    limit_list = [lim for _, lim in items]
    assert due_many(CAL, received, limit_list, arrays=ARRAYS) == [due_time(CAL, r, lim) for r, lim in items]


@given(moments)
def test_effective_receipt_is_idempotent(received: dt.datetime) -> None:
    once = effective_receipt(CAL, received)
    assert effective_receipt(CAL, once) == once
