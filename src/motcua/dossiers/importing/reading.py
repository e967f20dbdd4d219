"""Reading a historical dossier file (CSV or XLSX) into rows: dicts of column name → cell, with the row
number a person sees in a spreadsheet (the header is row 1)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from motcua.common.errors import ApplicationError
from motcua.dossiers.importing.columns import NAMES, REQUIRED

Row = dict[str, Any]


def read_file(name: str, data: bytes, *, unit_given: bool = False) -> list[tuple[int, Row]]:
    """The rows of a .csv (UTF-8, comma or semicolon) or .xlsx file, each with its row number."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == "csv":
        header, rows = _csv(data, name)
    elif suffix == "xlsx":
        header, rows = _xlsx(data)
    else:
        raise ApplicationError(
            "dossier_file_type",
            _("Tệp %(name)s: chỉ nhận .csv hoặc .xlsx.") % {"name": name},
            fields={"file": "type"},
        )
    check_header(header, unit_given=unit_given)
    return list(rows)


def check_header(header: list[str], *, unit_given: bool) -> None:
    unknown = [h for h in header if h and h not in NAMES]
    if unknown:
        raise ApplicationError(
            "dossier_file_columns",
            _("Cột không có trong mẫu: %(unknown)s. Các cột được dùng: %(known)s.")
            % {"unknown": ", ".join(unknown), "known": ", ".join(NAMES)},
            fields={"file": "columns"},
        )
    required = [*REQUIRED, *([] if unit_given else ["unit_code"])]
    missing = [c for c in required if c not in header]
    if missing:
        raise ApplicationError(
            "dossier_file_columns",
            _("Tệp thiếu cột bắt buộc: %(missing)s.") % {"missing": ", ".join(missing)},
            fields={"file": "columns"},
        )


def _csv(data: bytes, name: str) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ApplicationError(
            "dossier_file_invalid",
            _("Tệp %(name)s không phải văn bản UTF-8 (hãy lưu CSV với mã hóa UTF-8).") % {"name": name},
            fields={"file": "encoding"},
        ) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","  # Excel's CSV in a Vietnamese locale
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]

    def rows() -> Iterator[tuple[int, Row]]:
        for number, values in enumerate(reader, 2):
            if any(v.strip() for v in values):
                yield number, dict(zip(header, values, strict=False))

    return header, rows()


def _xlsx(data: bytes) -> tuple[list[str], Iterator[tuple[int, Row]]]:
    from openpyxl import load_workbook  # a heavy import, needed for this file type only

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ApplicationError(
            "dossier_file_invalid", _("Không đọc được tệp Excel: %s") % exc, fields={"file": "invalid"}
        ) from exc
    cells = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip().lower() for h in next(cells, ())]

    def rows() -> Iterator[tuple[int, Row]]:
        for number, values in enumerate(cells, 2):
            if any(v not in (None, "") for v in values):
                # dates stay datetime objects; everything else is read as the text it shows
                yield number, dict(zip(header, ("" if v is None else v for v in values), strict=False))

    return header, rows()
