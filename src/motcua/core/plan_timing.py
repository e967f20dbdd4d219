"""Timing phrases of a control plan ("Quý I", "Thường xuyên", "Định kỳ 06 tháng và cuối năm", …) read into
schedules with concrete due dates in the plan's year, or an explicit "no fixed date" with the reason.

A cell may hold several phrases ("- Định kỳ theo quy định. - Đột xuất theo thời điểm yêu cầu."); each is
read on its own and the dates are combined. A phrase matching no rule is reported in `unknown`, never
guessed. Periodic phrases use the official report cut-offs (`motcua.core.periods`).
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from motcua.core.periods import PeriodKind, periods_of_year

_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


class TimingKind(StrEnum):
    DEADLINE = "deadline"  # a date, the end of a month or of a quarter
    CONTINUOUS = "continuous"  # thường xuyên: all year, reported each quarter
    PERIODIC = "periodic"  # định kỳ: at report cut-offs
    NO_FIXED_DATE = "no_fixed_date"  # theo kế hoạch, theo lộ trình, đột xuất


@dataclass(frozen=True)
class TimingPart:
    phrase: str
    kind: TimingKind
    dates: tuple[dt.date, ...] = ()
    cadence: str = ""  # for continuous and periodic parts: how often progress is reported
    reason: str = ""  # for parts without a fixed date


@dataclass(frozen=True)
class Schedule:
    raw: str
    parts: tuple[TimingPart, ...] = ()
    unknown: tuple[str, ...] = ()

    @property
    def due_dates(self) -> tuple[dt.date, ...]:
        return tuple(sorted({day for part in self.parts for day in part.dates}))

    @property
    def parsed(self) -> bool:
        return bool(self.parts) and not self.unknown

    @property
    def no_fixed_date(self) -> bool:
        return bool(self.parts) and all(part.kind == TimingKind.NO_FIXED_DATE for part in self.parts)


def _clean(text: str) -> str:
    text = html.unescape(_TAGS.sub(" ", text))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _phrases(text: str) -> list[str]:
    """Split a cell into phrases at bullets ("- "), semicolons and sentence ends."""
    pieces = re.split(r"(?:^|\s)-\s+|;|\.(?:\s|$)", text)
    return [p.strip(" .,:-") for p in pieces if p.strip(" .,:-")]


def _quarter_ends(year: int) -> tuple[dt.date, ...]:
    return tuple(p.end for p in periods_of_year(PeriodKind.QUARTER, year))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_Rule = Callable[[re.Match[str], int], TimingPart]


def _month(m: re.Match[str], year: int) -> TimingPart:
    month = int(m.group(1))
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không có")
    return TimingPart(m.group(0), TimingKind.DEADLINE, (_month_end(int(m.group(2) or year), month),))


def _quarter(m: re.Match[str], year: int) -> TimingPart:
    quarter = _ROMAN.get(m.group(1)) or int(m.group(1))
    if not 1 <= quarter <= 4:
        raise ValueError(f"quý {quarter} không có")
    return TimingPart(m.group(0), TimingKind.DEADLINE, (_month_end(int(m.group(2) or year), quarter * 3),))


def _before(m: re.Match[str], year: int) -> TimingPart:
    day, month = int(m.group(1)), int(m.group(2))
    return TimingPart(m.group(0), TimingKind.DEADLINE, (dt.date(int(m.group(3) or year), month, day),))


def _continuous(m: re.Match[str], year: int) -> TimingPart:
    return TimingPart(
        m.group(0), TimingKind.CONTINUOUS, _quarter_ends(year), cadence="báo cáo tiến độ hằng quý"
    )


def _quarterly_and_year(m: re.Match[str], year: int) -> TimingPart:
    return TimingPart(m.group(0), TimingKind.PERIODIC, _quarter_ends(year), cadence="hằng quý và cả năm")


def _half_and_year(m: re.Match[str], year: int) -> TimingPart:
    dates = tuple(p.end for p in periods_of_year(PeriodKind.HALF_YEAR, year))
    return TimingPart(m.group(0), TimingKind.PERIODIC, dates, cadence="6 tháng và cuối năm")


def _every_three_months(m: re.Match[str], year: int) -> TimingPart:
    return TimingPart(m.group(0), TimingKind.PERIODIC, _quarter_ends(year), cadence="3 tháng một lần")


def _periodic_by_rule(m: re.Match[str], year: int) -> TimingPart:
    return TimingPart(
        m.group(0),
        TimingKind.PERIODIC,
        _quarter_ends(year),
        cadence="theo chế độ báo cáo định kỳ (quý, 6 tháng, năm; chốt số liệu ngày 14)",
    )


def _no_date(reason: str) -> _Rule:
    def rule(m: re.Match[str], year: int) -> TimingPart:
        return TimingPart(m.group(0), TimingKind.NO_FIXED_DATE, reason=reason)

    return rule


_RULES: tuple[tuple[re.Pattern[str], _Rule], ...] = (
    (re.compile(r"^tháng (\d{1,2})(?:/(\d{4}))?$"), _month),
    (re.compile(r"^quý (i{1,3}|iv|[1-4])(?:/(\d{4}))?$"), _quarter),
    (
        re.compile(r"^(?:trước|chậm nhất|hạn chót|trước hoặc vào) ngày (\d{1,2})/(\d{1,2})(?:/(\d{4}))?$"),
        _before,
    ),
    (re.compile(r"^thường xuyên$"), _continuous),
    (re.compile(r"^hàng quý/năm$|^hằng quý/năm$|^hàng quý và cả năm$"), _quarterly_and_year),
    (re.compile(r"^định kỳ 0?6 tháng và cuối năm$"), _half_and_year),
    (re.compile(r"^định kỳ 0?3 tháng/lần$|^hàng quý$|^hằng quý$"), _every_three_months),
    (re.compile(r"^định kỳ theo quy định$"), _periodic_by_rule),
    (
        re.compile(r"^theo lộ trình (?:kế hoạch|công văn)$"),
        _no_date("theo lộ trình của văn bản được dẫn chiếu"),
    ),
    (re.compile(r"^theo kế hoạch$"), _no_date("theo kế hoạch riêng của nhiệm vụ")),
    # "Đợt xuất" is how the 2024 plan spells "đột xuất".
    (re.compile(r"^(?:đột|đợt) xuất(?: theo (?:thời điểm )?yêu cầu)?$"), _no_date("đột xuất, theo yêu cầu")),
)


@dataclass
class _Reading:
    parts: list[TimingPart] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def parse_timing(raw: str, year: int) -> Schedule:
    """The schedule that a plan's timing cell gives in the plan's `year`."""
    reading = _Reading()
    for phrase in _phrases(_clean(raw)):
        key = phrase.casefold()
        for pattern, rule in _RULES:
            match = pattern.match(key)
            if match is None:
                continue
            try:
                part = rule(match, year)
            except ValueError:
                reading.unknown.append(phrase)
            else:
                reading.parts.append(TimingPart(phrase, part.kind, part.dates, part.cadence, part.reason))
            break
        else:
            reading.unknown.append(phrase)
    return Schedule(raw=raw, parts=tuple(reading.parts), unknown=tuple(reading.unknown))
