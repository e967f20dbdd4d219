"""Dossier and result codes (Decree 61/2018 Art. 26; Circular 01/2018 Art. 19; Decree 45/2020 Art. 14(3)).

A dossier code is the receiving unit's code, the receipt date and the day's sequence number:
``<unit code>-YYMMDD-NNNN`` (for example ``H15.50.05.13-261008-0975``). The sequence has four digits
at least; dossiers linked from ministry systems carry six or seven, so reading does not insist on four
(regulations.md §1.10). An electronic result is ``<dossier code>-KQ<n>``, n numbering a dossier's results.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_UNIT = r"[0-9A-Za-z][0-9A-Za-z.\-]*?"
_UNIT_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,39}")
_CODE = re.compile(rf"({_UNIT})-(\d{{2}})(\d{{2}})(\d{{2}})-(\d{{4,7}})")
_RESULT = re.compile(rf"({_UNIT}-\d{{6}}-\d{{4,7}})-KQ(\d+)")


@dataclass(frozen=True)
class DossierCode:
    unit: str
    received_on: dt.date
    sequence: int

    def __str__(self) -> str:
        return dossier_code(self.unit, self.received_on, self.sequence)


def dossier_code(unit: str, received_on: dt.date, sequence: int) -> str:
    """The code of the `sequence`-th dossier a unit received on a day (1-based, four digits at least)."""
    if not _UNIT_CODE.fullmatch(unit):
        raise ValueError(f"mã đơn vị “{unit}” không hợp lệ")
    if not 1 <= sequence <= 9_999_999:
        raise ValueError(f"số thứ tự hồ sơ trong ngày phải từ 1 đến 9.999.999, không phải {sequence}")
    return f"{unit}-{received_on:%y%m%d}-{sequence:04d}"


def parse_dossier_code(text: str) -> DossierCode | None:
    """The parts of a dossier code, or None when `text` is not one (a bad date is not one either)."""
    match = _CODE.fullmatch(text.strip())
    if match is None:
        return None
    unit, year, month, day, sequence = match.groups()
    try:
        received_on = dt.date(2000 + int(year), int(month), int(day))
    except ValueError:
        return None
    return DossierCode(unit, received_on, int(sequence))


def result_code(dossier: str, number: int) -> str:
    """The code of a dossier's `number`-th electronic result (1-based)."""
    if number < 1:
        raise ValueError("kết quả được đánh số từ 1")
    if parse_dossier_code(dossier) is None:
        raise ValueError(f"“{dossier}” không phải mã hồ sơ")
    return f"{dossier}-KQ{number}"


def parse_result_code(text: str) -> tuple[str, int] | None:
    match = _RESULT.fullmatch(text.strip())
    if match is None or parse_dossier_code(match.group(1)) is None:
        return None
    return match.group(1), int(match.group(2))
