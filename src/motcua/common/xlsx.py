"""Writing rows into openpyxl sheets safely: text stays text, a value starting with "=" never becomes a
formula (spreadsheet formula injection)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def guard_last_row(sheet: Any) -> None:
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def append_text_row(sheet: Any, values: Sequence[Any]) -> None:
    sheet.append(list(values))
    guard_last_row(sheet)
