"""Reading a time limit as the procedure catalogue writes it ("03 ngày làm việc", "Trong ngày", …).

The first limit stated is the limit; whatever follows (conditions, other agencies' shares, longer limits
for special cases) is kept as a note. Text that does not state a limit in a form listed here comes back
unparsed with its raw text and a reason: the catalogue officer decides, motcua never guesses.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

from motcua.core.deadlines import LimitUnit, TimeLimit

_SPACES = re.compile(r"\s+")
_LEAD = r"^(?:(?:trong|thời hạn|thời gian|tối đa|không quá|là|giải quyết|:|-|\+)\s*)*"
_SAME_DAY = re.compile(_LEAD + r"(?:ngay\s+)?trong\s+(?:ngày|buổi)(?:\s+làm\s+việc)?\b")
_NUMBER_UNIT = re.compile(
    _LEAD + r"(\d+(?:[.,]\d+)?)\s*(ngày\s+làm\s+việc|ngày|giờ\s+làm\s+việc|giờ|tháng|tuần|phút)"
)
_UNITS = {
    "ngày làm việc": LimitUnit.WORKING_DAYS,
    "ngày": LimitUnit.CALENDAR_DAYS,
    "giờ làm việc": LimitUnit.WORKING_HOURS,
    "giờ": LimitUnit.WORKING_HOURS,
}


@dataclass(frozen=True)
class ParsedTimeLimit:
    raw: str
    limit: TimeLimit | None
    note: str = ""
    reason: str = ""  # why the text was not parsed

    @property
    def parsed(self) -> bool:
        return self.limit is not None


def _clean(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _rest(text: str, end: int) -> str:
    return text[end:].strip(" ,.;:-–()").strip()


def _ends_word(text: str, lowered: str, end: int) -> bool:
    """The unit word ends here: a lowercase letter would continue it ("ngàyx"); an uppercase one starts
    the next cell of a table the portal flattened ("5 Ngày làm việcMiễn phí")."""
    following = (text if len(text) == len(lowered) else lowered)[end : end + 1]
    return not (following.isalpha() and following.islower())


def parse_time_limit(raw: str) -> ParsedTimeLimit:
    """The first time limit stated in `raw`, or an explicit unparsed result that keeps `raw`."""
    text = _clean(raw)
    lowered = text.casefold()
    if not lowered or lowered in {"không có thông tin", "không quy định", "không"}:
        return ParsedTimeLimit(raw, None, reason="không ghi thời hạn")
    same_day = _SAME_DAY.match(lowered)
    if same_day:
        return ParsedTimeLimit(raw, TimeLimit(0, LimitUnit.SAME_DAY), note=_rest(text, same_day.end()))
    match = _NUMBER_UNIT.match(lowered)
    if match is not None and not _ends_word(text, lowered, match.end()):
        match = None
    if match is None:
        if re.match(_LEAD + r"\d+(?:[.,]\d+)?\s*$", lowered):
            return ParsedTimeLimit(
                raw, None, reason="có số nhưng thiếu đơn vị thời gian (ngày, ngày làm việc, giờ)"
            )
        return ParsedTimeLimit(raw, None, reason="không nhận ra thời hạn ở đầu nội dung")
    number, unit_text = float(match.group(1).replace(",", ".")), _SPACES.sub(" ", match.group(2))
    if not math.isfinite(number) or number >= 10_000:  # the catalogue stores at most 9999.99
        return ParsedTimeLimit(raw, None, reason="số quá lớn để là một thời hạn")
    if unit_text not in _UNITS:
        return ParsedTimeLimit(
            raw, None, reason=f"đơn vị “{unit_text}” chưa được hỗ trợ trong quy tắc tính hạn"
        )
    unit = _UNITS[unit_text]
    note = _rest(text, match.end())
    if unit_text == "giờ":
        note = "; ".join(filter(None, ["“giờ” không ghi “làm việc”: tính theo giờ làm việc (D3)", note]))
    if number == 0:
        return ParsedTimeLimit(raw, TimeLimit(0, LimitUnit.SAME_DAY), note=note)
    if unit == LimitUnit.CALENDAR_DAYS and number != int(number):
        return ParsedTimeLimit(raw, None, reason="ngày theo lịch phải là số nguyên")
    return ParsedTimeLimit(raw, TimeLimit(number, unit), note=note)
