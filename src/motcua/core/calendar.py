"""The working calendar: which days are working days and when the office is open (rules C1–C2).

A `WorkCalendar` is built once per unit and period from the `holidays` package (Vietnam: public
holidays, Tết ranges, compensatory days and make-up Saturdays) plus overrides given as data, and
precomputes, for every day in its range, whether it is a working day, the sorted list of working days
and the cumulative working minutes before each of them. Deadline arithmetic is then a few binary
searches (see `motcua.core.deadlines`), and bulk work runs on the same arrays with NumPy.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

T = TypeVar("T")
Session = tuple[int, int]  # minutes after midnight: [start, end)


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    value = int(hours) * 60 + int(minutes or 0)
    if not 0 <= value <= 24 * 60:
        raise ValueError(f"“{text}” không phải giờ trong ngày")
    return value


def parse_sessions(text: str) -> tuple[Session, ...]:
    """ "07:00-11:30,13:30-17:00" → ((420, 690), (810, 1020)); sessions must be ordered and apart."""
    sessions: list[Session] = []
    for part in text.replace(" ", "").split(","):
        start, sep, end = part.partition("-")
        if not sep:
            raise ValueError(f"buổi làm việc “{part}” phải có dạng BẮT ĐẦU-KẾT THÚC")
        session = (_minutes(start), _minutes(end))
        if session[0] >= session[1] or (sessions and session[0] < sessions[-1][1]):
            raise ValueError(f"các buổi làm việc phải theo thứ tự và không chồng nhau: “{text}”")
        sessions.append(session)
    if not sessions:
        raise ValueError("giờ làm việc cần ít nhất một buổi")
    return tuple(sessions)


DEFAULT_SESSIONS: tuple[Session, ...] = ((7 * 60, 11 * 60 + 30), (13 * 60 + 30, 17 * 60))


@dataclass(frozen=True)
class Season:
    """Office hours from (month, day) to (month, day), both included; may wrap over the new year."""

    start: tuple[int, int]
    end: tuple[int, int]
    sessions: tuple[Session, ...]

    def covers(self, day: dt.date) -> bool:
        key = (day.month, day.day)
        if self.start <= self.end:
            return self.start <= key <= self.end
        return key >= self.start or key <= self.end


@dataclass(frozen=True)
class OfficeHours:
    """A unit's office hours (C2): default 07:00–11:30 and 13:30–17:00, with seasonal variants."""

    sessions: tuple[Session, ...] = DEFAULT_SESSIONS
    seasons: tuple[Season, ...] = ()

    def for_day(self, day: dt.date) -> tuple[Session, ...]:
        for season in self.seasons:
            if season.covers(day):
                return season.sessions
        return self.sessions


@dataclass(frozen=True)
class DayOverride:
    """An administrator's change to the calendar: an extra day off or an extra working day."""

    day: dt.date
    working: bool
    reason: str = ""


@dataclass(frozen=True)
class CalendarDay:
    day: dt.date
    working: bool
    source: str  # why it is (not) a working day


@dataclass
class WorkCalendar:
    """Working days and office hours over a range of years, precomputed for fast arithmetic."""

    first: dt.date
    last: dt.date
    hours: OfficeHours
    reasons: dict[dt.date, str]
    working_ordinals: list[int]
    # For the i-th working day: its sessions, its closing minute, and the working minutes before it.
    sessions: list[tuple[Session, ...]]
    closing: list[int]
    minutes_before: list[int]
    _is_working: bytearray = field(repr=False, default_factory=bytearray)

    @classmethod
    def build(
        cls,
        years: Iterable[int],
        *,
        overrides: Sequence[DayOverride] = (),
        hours: OfficeHours | None = None,
        country: str = "VN",
    ) -> WorkCalendar:
        """The calendar of `years` (C1): Monday–Friday, less official days off, plus make-up days."""
        import holidays  # imported here: only building a calendar needs it

        year_list = sorted(set(years))
        if not year_list:
            raise ValueError("lịch cần ít nhất một năm")
        official = holidays.country_holidays(country, years=year_list, language="vi")
        extra_working = {
            day for day in official.weekend_workdays if year_list[0] <= day.year <= year_list[-1]
        }
        first, last = dt.date(year_list[0], 1, 1), dt.date(year_list[-1], 12, 31)
        office = hours or OfficeHours()
        flags = bytearray()
        reasons: dict[dt.date, str] = {}
        by_day = {o.day: o for o in overrides}
        day = first
        while day <= last:
            working = day.weekday() < 5
            if day in official:
                working, reasons[day] = False, f"holidays: {official.get(day)}"
            if day in extra_working:
                working, reasons[day] = True, "holidays: ngày làm bù"
            override = by_day.get(day)
            if override is not None:
                working = override.working
                reasons[day] = override.reason or (
                    "ngày làm việc bổ sung" if working else "ngày nghỉ bổ sung"
                )
            flags.append(1 if working else 0)
            day += dt.timedelta(days=1)
        ordinals = [first.toordinal() + i for i, flag in enumerate(flags) if flag]
        sessions = [office.for_day(dt.date.fromordinal(o)) for o in ordinals]
        closing = [s[-1][1] for s in sessions]
        minutes_before = [0]
        for day_sessions in sessions:
            minutes_before.append(minutes_before[-1] + sum(end - start for start, end in day_sessions))
        return cls(first, last, office, reasons, ordinals, sessions, closing, minutes_before, flags)

    _cache: dict[str, object] = field(repr=False, default_factory=dict)

    def arrays(self, build: Callable[[WorkCalendar], T]) -> T:
        """Derived structures (NumPy arrays for bulk work), built once per calendar."""
        key = getattr(build, "__qualname__", repr(build))
        if key not in self._cache:
            self._cache[key] = build(self)
        return self._cache[key]  # type: ignore[return-value]

    # -- days ---------------------------------------------------------------------------------

    def _check(self, ordinal: int) -> None:
        if not self.first.toordinal() <= ordinal <= self.last.toordinal():
            day = dt.date.fromordinal(ordinal)
            raise ValueError(f"ngày {day:%d/%m/%Y} nằm ngoài lịch ({self.first.year}–{self.last.year})")

    def is_working_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        self._check(ordinal)
        return bool(self._is_working[ordinal - self.first.toordinal()])

    def index_on_or_after(self, ordinal: int) -> int:
        """Index (in `working_ordinals`) of the first working day on or after `ordinal`."""
        self._check(ordinal)
        index = bisect.bisect_left(self.working_ordinals, ordinal)
        if index >= len(self.working_ordinals):
            raise ValueError(f"lịch không còn ngày làm việc nào sau {dt.date.fromordinal(ordinal):%d/%m/%Y}")
        return index

    def working_day(self, index: int) -> int:
        if index >= len(self.working_ordinals):
            raise ValueError("hạn giải quyết rơi ra ngoài lịch; cần lịch dài hơn")
        return self.working_ordinals[index]

    def days(self, year: int) -> list[CalendarDay]:
        """The year's days off on weekdays and working weekend days, with their source."""
        listed = []
        day = max(dt.date(year, 1, 1), self.first)
        end = min(dt.date(year, 12, 31), self.last)
        while day <= end:
            working = self.is_working_day(day)
            if working != (day.weekday() < 5) or day in self.reasons:
                listed.append(CalendarDay(day, working, self.reasons.get(day, "cuối tuần")))
            day += dt.timedelta(days=1)
        return listed
