"""Benchmark of the deadline engine (issue 3). Prints its figures as JSON.

    python3 dev.py bench          (or: .venv/bin/python bench/deadlines.py)

- single: one `due_time` call, median over many calls with mixed limits (target: under 20 µs);
- bulk: whole working-day due times per second with the NumPy path (target: at least 500,000/s);
- baseline: the same inputs through a straightforward loop that steps day by day asking `holidays`
  whether each day is a working day; the bulk path must be at least 50 times faster, and both must
  give the same due days.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time

import holidays
import numpy as np

from motcua.core.bulk import CalendarArrays, due_working_days
from motcua.core.calendar import TZ, WorkCalendar
from motcua.core.deadlines import LimitUnit, TimeLimit, due_time

BULK_ITEMS = 1_000_000
BASELINE_ITEMS = 20_000
SINGLE_CALLS = 20_000


def naive_due_day(
    received_local: dt.datetime, days: int, official: holidays.HolidayBase, make_up: set[dt.date]
) -> dt.date:
    """What a straightforward implementation does: step one day at a time and ask `holidays`."""

    def working(day: dt.date) -> bool:
        return day in make_up or (day.weekday() < 5 and day not in official)

    day = received_local.date()
    if not working(day) or received_local.time() >= dt.time(17, 0):
        day += dt.timedelta(days=1)
        while not working(day):
            day += dt.timedelta(days=1)
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if working(day):
            counted += 1
    return day


def main() -> None:
    rng = random.Random(20240207)
    cal = WorkCalendar.build(range(2023, 2029))
    arrays = CalendarArrays.of(cal)
    start = dt.datetime(2024, 1, 1, tzinfo=TZ)
    minutes = np.array([rng.randrange(0, 3 * 365 * 1440) for _ in range(BULK_ITEMS)], dtype=np.int64)
    days = np.array([rng.randrange(1, 31) for _ in range(BULK_ITEMS)], dtype=np.int64)
    received_utc = (np.datetime64("2023-12-31T17:00") + minutes.astype("timedelta64[m]")).astype(
        "datetime64[m]"
    )

    # single calls: mixed units, as the services call it
    limits = [
        TimeLimit(3, LimitUnit.WORKING_DAYS),
        TimeLimit(1.5, LimitUnit.WORKING_DAYS),
        TimeLimit(4, LimitUnit.WORKING_HOURS),
        TimeLimit(15, LimitUnit.CALENDAR_DAYS),
        TimeLimit(0, LimitUnit.SAME_DAY),
        TimeLimit(20, LimitUnit.WORKING_DAYS),
    ]
    moments = [start + dt.timedelta(minutes=int(m)) for m in minutes[:SINGLE_CALLS]]
    timings = []
    for i, received in enumerate(moments):
        limit = limits[i % len(limits)]
        began = time.perf_counter_ns()
        due_time(cal, received, limit)
        timings.append(time.perf_counter_ns() - began)
    single_median_us = statistics.median(timings) / 1000

    # bulk: median of 5 runs over 1,000,000 items
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        _effective, due = due_working_days(cal, arrays, received_utc, days)
        runs.append(time.perf_counter() - began)
    bulk_seconds = statistics.median(runs)
    bulk_per_second = BULK_ITEMS / bulk_seconds

    # baseline on the first items of the same input, and agreement of the due days
    official = holidays.country_holidays("VN", years=range(2023, 2029))
    make_up = set(official.weekend_workdays)
    began = time.perf_counter()
    naive = [
        naive_due_day(start + dt.timedelta(minutes=int(minutes[i])), int(days[i]), official, make_up)
        for i in range(BASELINE_ITEMS)
    ]
    baseline_seconds = time.perf_counter() - began
    baseline_per_second = BASELINE_ITEMS / baseline_seconds
    due_days = (due[:BASELINE_ITEMS] + np.timedelta64(7 * 60, "m")).astype("datetime64[D]").astype(dt.date)
    mismatches = sum(1 for a, b in zip(naive, due_days, strict=True) if a != b)

    figures = {
        "machine": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "holidays": holidays.__version__,
        },
        "single_due_time_median_us": round(single_median_us, 2),
        "single_due_time_p95_us": round(sorted(timings)[int(len(timings) * 0.95)] / 1000, 2),
        "bulk_items": BULK_ITEMS,
        "bulk_seconds_median_of_5": round(bulk_seconds, 4),
        "bulk_due_times_per_second": round(bulk_per_second),
        "baseline_items": BASELINE_ITEMS,
        "baseline_due_times_per_second": round(baseline_per_second),
        "bulk_speedup_over_baseline": round(bulk_per_second / baseline_per_second, 1),
        "baseline_mismatches": mismatches,
        "targets": {
            "single_median_under_20us": single_median_us < 20,
            "bulk_at_least_500k_per_s": bulk_per_second >= 500_000,
            "bulk_at_least_50x_baseline": bulk_per_second / baseline_per_second >= 50,
        },
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
