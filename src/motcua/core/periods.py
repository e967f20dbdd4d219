"""Official report periods (regulations.md §4, Decree 09/2019/NĐ-CP Art. 12): data cut-off windows.

Monthly: the 15th of the previous month to the 14th of the month. Quarterly: the 15th of the month
before the quarter to the 14th of its last month. H1: 15/12 of the previous year to 14/6; H2: 15/6 to
14/12; annual: 15/12 of the previous year to 14/12. Versioned as data: a `PeriodRules` value holds the
cut-off day, so a change of the rule is a new value, not new code.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


@dataclass(frozen=True)
class PeriodRules:
    code: str = "nd09-2019"
    cutoff_day: int = 14  # the data cut-off: the 14th; a period starts the day after (the 15th)


DEFAULT_PERIOD_RULES = PeriodRules()


@dataclass(frozen=True)
class ReportPeriod:
    kind: PeriodKind
    year: int
    number: int  # month 1–12, quarter 1–4, half 1–2, year 1
    start: dt.date
    end: dt.date  # the data cut-off, included

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"Tháng {self.number:02d}/{self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"Quý {('I', 'II', 'III', 'IV')[self.number - 1]}/{self.year}"
        if self.kind == PeriodKind.HALF_YEAR:
            return f"{'6 tháng đầu năm' if self.number == 1 else '6 tháng cuối năm'} {self.year}"
        return f"Năm {self.year}"


def _cut(year: int, month: int, rules: PeriodRules) -> dt.date:
    return dt.date(year, month, rules.cutoff_day)


def _after(year: int, month: int, rules: PeriodRules) -> dt.date:
    """The first day after the cut-off of (year, month); month 0 is December of the previous year."""
    if month == 0:
        year, month = year - 1, 12
    return _cut(year, month, rules) + dt.timedelta(days=1)


def report_period(
    kind: PeriodKind, year: int, number: int = 1, rules: PeriodRules = DEFAULT_PERIOD_RULES
) -> ReportPeriod:
    """The official period `number` of `kind` in `year`."""
    limits = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2, PeriodKind.YEAR: 1}
    if not 1 <= number <= limits[kind]:
        raise ValueError(f"kỳ {number} không có trong loại kỳ {kind.value} (1–{limits[kind]})")
    last_month = {
        PeriodKind.MONTH: number,
        PeriodKind.QUARTER: number * 3,
        PeriodKind.HALF_YEAR: number * 6,
        PeriodKind.YEAR: 12,
    }[kind]
    months = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6, PeriodKind.YEAR: 12}[kind]
    return ReportPeriod(
        kind, year, number, _after(year, last_month - months, rules), _cut(year, last_month, rules)
    )


def periods_of_year(
    kind: PeriodKind, year: int, rules: PeriodRules = DEFAULT_PERIOD_RULES
) -> list[ReportPeriod]:
    count = {PeriodKind.MONTH: 12, PeriodKind.QUARTER: 4, PeriodKind.HALF_YEAR: 2, PeriodKind.YEAR: 1}[kind]
    return [report_period(kind, year, n, rules) for n in range(1, count + 1)]


def period_containing(
    kind: PeriodKind, day: dt.date, rules: PeriodRules = DEFAULT_PERIOD_RULES
) -> ReportPeriod:
    """The official period of `kind` whose window contains `day` (15/12/2024 belongs to 2025's)."""
    for year in (day.year, day.year + 1):
        for period in periods_of_year(kind, year, rules):
            if period.start <= day <= period.end:
                return period
    raise ValueError(f"không tìm thấy kỳ báo cáo chứa ngày {day:%d/%m/%Y}")  # pragma: no cover - unreachable
