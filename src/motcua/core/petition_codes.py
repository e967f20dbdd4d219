"""Petition codes (mã phản ánh, kiến nghị) as the national petition system writes them:
``PAKN.YYYYMMDD.NNNN``, the receipt date and the day's sequence number (regulations.md §3b.6, example
``PAKN.20200812.0012``). The sequence has four digits at least; reading does not insist on exactly four,
as for dossier codes (a busy day may pass 9999).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PREFIX = "PAKN"
_CODE = re.compile(rf"{PREFIX}\.(\d{{4}})(\d{{2}})(\d{{2}})\.(\d{{4,7}})")


@dataclass(frozen=True)
class PetitionCode:
    received_on: dt.date
    sequence: int

    def __str__(self) -> str:
        return petition_code(self.received_on, self.sequence)


def petition_code(received_on: dt.date, sequence: int) -> str:
    """The code of the `sequence`-th petition received on a day (1-based, four digits at least)."""
    if not 1 <= sequence <= 9_999_999:
        raise ValueError(f"số thứ tự phản ánh trong ngày phải từ 1 đến 9.999.999, không phải {sequence}")
    return f"{PREFIX}.{received_on:%Y%m%d}.{sequence:04d}"


def parse_petition_code(text: str) -> PetitionCode | None:
    """The parts of a petition code, or None when `text` is not one (a bad date is not one either)."""
    match = _CODE.fullmatch(text.strip().upper())
    if match is None:
        return None
    year, month, day, sequence = match.groups()
    try:
        received_on = dt.date(int(year), int(month), int(day))
    except ValueError:
        return None
    return PetitionCode(received_on, int(sequence))
