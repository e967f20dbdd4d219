"""Reading catalogue files: the portal's JSONL as crawled, a JSON list, or CSV/XLSX with the same columns."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from motcua.common.errors import ApplicationError

#: the portal's columns, in the order of its pages
COLUMNS = (
    "ma_thu_tuc",
    "ten_thu_tuc",
    "cap_thuc_hien",
    "loai_thu_tuc",
    "linh_vuc",
    "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "dia_chi_tiep_nhan",
    "co_quan_duoc_uy_quyen",
    "co_quan_phoi_hop",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "so_quyet_dinh",
    "thu_tuc_lien_quan",
    "detail_url",
)


def read_rows(name: str, data: bytes) -> list[dict[str, Any]]:
    """The rows of a catalogue file: .jsonl (one object a line), .json (a list), .csv or .xlsx."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if suffix == "jsonl":
            return [
                _row(json.loads(line), n)
                for n, line in enumerate(data.decode("utf-8").splitlines(), 1)
                if line.strip()
            ]
        if suffix == "json":
            loaded = json.loads(data.decode("utf-8"))
            if not isinstance(loaded, list):
                raise ApplicationError("catalog_file_invalid", "Tệp JSON phải là một danh sách thủ tục.")
            return [_row(item, n) for n, item in enumerate(loaded, 1)]
        if suffix == "csv":
            reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
            return [_row(item, n) for n, item in enumerate(reader, 2)]
        if suffix == "xlsx":
            return list(_xlsx_rows(data))
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise ApplicationError("catalog_file_invalid", f"Không đọc được tệp {name}: {exc}") from exc
    raise ApplicationError(
        "catalog_file_type", f"Tệp {name}: chỉ nhận .jsonl, .json, .csv hoặc .xlsx.", fields={"file": "type"}
    )


def _row(item: Any, line: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ApplicationError(
            "catalog_file_invalid", f"Dòng {line}: không phải một thủ tục (đối tượng JSON)."
        )
    return {str(k): ("" if v is None else v) for k, v in item.items()}


def _xlsx_rows(data: bytes) -> Iterator[dict[str, Any]]:
    from openpyxl import load_workbook  # a heavy import, needed for this file type only

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ApplicationError("catalog_file_invalid", f"Không đọc được tệp Excel: {exc}") from exc
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    for number, values in enumerate(rows, 2):
        if any(v not in (None, "") for v in values):
            yield _row(dict(zip(header, ("" if v is None else str(v) for v in values), strict=False)), number)
