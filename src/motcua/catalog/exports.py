"""The catalogue as JSON (every version field, parsed and raw), as an XLSX workbook for officers, and as the
portal's own columns (JSONL, CSV) for moving a catalogue from one installation to another."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from motcua.catalog.enums import LimitUnit
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_data
from motcua.catalog.services.importing import COLUMNS
from motcua.common.xlsx import append_text_row


def catalog_json(versions: Iterable[ProcedureVersion]) -> bytes:
    return json.dumps([version_data(v) for v in versions], ensure_ascii=False, indent=1).encode()


def _limit(value: Any, unit: str) -> str:
    if not unit:
        return ""
    if unit == "same_day":
        return "trong ngày"
    number = f"{value.normalize():f}".replace(".", ",") if value is not None else "?"
    return f"{number} {LimitUnit(unit).label}"


def catalog_xlsx(versions: Iterable[ProcedureVersion]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    main = book.active
    main.title = "Thủ tục"
    fees = book.create_sheet("Phí, lệ phí")
    documents = book.create_sheet("Thành phần hồ sơ")
    steps = book.create_sheet("Quy trình nội bộ")
    append_text_row(
        main,
        [
            "Mã thủ tục",
            "Tên thủ tục",
            "Lĩnh vực",
            "Phiên bản",
            "Trạng thái",
            "Hiệu lực từ",
            "Hiệu lực đến",
            "Thời hạn",
            "Thời hạn (nguyên văn)",
            "Hình thức nộp",
            "Mức độ DVCTT",
            "Đối tượng",
            "Cơ quan có thẩm quyền",
            "Cơ quan thực hiện",
            "Căn cứ pháp lý",
            "Nội dung chưa đọc được",
        ],
    )
    append_text_row(
        fees,
        ["Mã thủ tục", "Hình thức nộp", "Miễn phí", "Mức thu (đồng)", "Đơn vị tính", "Ghi chú", "Nguyên văn"],
    )
    append_text_row(
        documents, ["Mã thủ tục", "Nhóm", "Tên giấy tờ", "Bản chính", "Bản sao chứng thực", "Bản sao", "Mẫu"]
    )
    append_text_row(steps, ["Mã thủ tục", "Bước", "Nội dung", "Người thực hiện", "Giờ làm việc"])
    for version in versions:
        code = version.procedure.code
        append_text_row(
            main,
            [
                code,
                version.name,
                version.field,
                version.number,
                version.get_status_display(),
                version.valid_from,
                version.valid_to,
                _limit(version.time_limit_value, version.time_limit_unit),
                version.time_limit_raw,
                ", ".join(c.get_channel_display() for c in version.channels.all()),
                version.get_online_level_display() if version.online_level else "chưa xác định",
                "; ".join(version.applicants),
                version.competent_agency,
                version.implementing_agency,
                "; ".join(d.get("code", "") for d in version.legal_basis),
                "; ".join(f"{p['kind']}: {p['reason']}" for p in version.import_problems),
            ],
        )
        for fee in version.fees.all():
            append_text_row(
                fees,
                [
                    code,
                    fee.get_channel_display() if fee.channel else "mọi hình thức",
                    {True: "có", False: "không", None: ""}[fee.free],
                    fee.amount,
                    fee.per,
                    fee.note,
                    fee.raw,
                ],
            )
        for doc in version.documents.all():
            append_text_row(
                documents,
                [
                    code,
                    doc.group,
                    doc.name,
                    doc.originals,
                    doc.certified_copies,
                    doc.copies,
                    doc.template_name,
                ],
            )
        for step in version.steps.all():
            append_text_row(steps, [code, step.position, step.name, step.get_role_display(), step.hours])
    for sheet in book.worksheets:
        sheet.freeze_panes = "A2"
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    main.column_dimensions["B"].width = 60
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def catalog_source_rows(versions: Iterable[ProcedureVersion]) -> list[dict[str, str]]:
    """The portal's own columns of each version, as imported: for moving a catalogue between installations
    (import them elsewhere and the same versions come out). Versions made by hand have no source row."""
    rows = []
    for version in versions:
        raw = version.source_raw or {}
        if raw:
            rows.append({column: _cell(raw.get(column, "")) for column in COLUMNS})
    return rows


def _cell(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def catalog_jsonl(versions: Iterable[ProcedureVersion]) -> bytes:
    lines = (json.dumps(row, ensure_ascii=False) for row in catalog_source_rows(versions))
    return ("\n".join(lines) + "\n").encode()


def catalog_csv(versions: Iterable[ProcedureVersion]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for row in catalog_source_rows(versions):
        writer.writerow(row)  # verbatim, for machines (the command line only): people get the XLSX
    return buffer.getvalue().encode("utf-8-sig")
