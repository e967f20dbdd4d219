"""The campaign summary as XLSX (openpyxl): one row per record, the totals against the target, the
hour value with its source, and the cost lines on a second sheet."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from motcua.common.xlsx import append_text_row, guard_last_row
from motcua.reviews.selectors import CampaignSummary


def _headers() -> list[str]:
    return [
        _("STT"),
        _("Mã TTHC"),
        _("Tên TTHC"),
        _("Đơn vị rà soát"),
        _("Trạng thái"),
        _("Chi phí 1 lần hiện tại (đồng)"),
        _("Chi phí 1 lần sau đơn giản hóa (đồng)"),
        _("Số lần/năm"),
        _("Số lần/năm sau đơn giản hóa"),
        _("Số đối tượng/năm"),
        _("Chi phí/năm hiện tại (đồng)"),
        _("Chi phí/năm sau đơn giản hóa (đồng)"),
        _("Chi phí tiết kiệm/năm (đồng)"),
        _("Tỷ lệ cắt giảm (%)"),
        _("Tính vào tổng"),
    ]


def _number(value: Decimal | None) -> int | float | None:
    """Whole đồng as integers, other figures as floats, so that the sheet can sum them."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def campaign_xlsx(summary: CampaignSummary) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    campaign = summary.campaign
    book = Workbook()
    sheet: Any = book.active
    sheet.title = _("Tổng hợp")
    append_text_row(sheet, [campaign.name])
    sheet["A1"].font = Font(bold=True, size=13)
    append_text_row(
        sheet,
        [f"{campaign.unit.name} – {campaign.year}" + (f" – {campaign.basis}" if campaign.basis else "")],
    )
    sheet.append([_("Giá trị một giờ (đồng)"), _number(campaign.hour_value)])
    append_text_row(sheet, [_("Nguồn"), campaign.hour_value_source])
    sheet.append([])
    header_row = sheet.max_row + 1
    append_text_row(sheet, _headers())
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(summary.rows, start=1):
        record, c = row.record, row.comparison
        sheet.append(
            [
                number,
                record.procedure.code,
                record.procedure.name,
                record.unit.name,
                record.get_status_display(),
                _number(c.one_time_before),
                _number(c.one_time_after),
                _number(row.before.times_per_year),
                _number(row.after.times_per_year),
                record.subjects_per_year,
                _number(c.annual_before),
                _number(c.annual_after),
                _number(c.saving),
                _number(c.reduction_percent),
                _("Có") if row.counted else _("Không"),
            ]
        )
        guard_last_row(sheet)
    t = summary.total
    sheet.append(
        [
            _("Tổng cộng (phiếu đã gửi, đã chấp nhận)"),
            None,
            None,
            None,
            None,
            _number(t.one_time_before),
            _number(t.one_time_after),
            None,
            None,
            None,
            _number(t.annual_before),
            _number(t.annual_after),
            _number(t.saving),
            _number(t.reduction_percent),
            summary.counted,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.append([_("Chỉ tiêu cắt giảm (%)"), _number(summary.target_percent)])
    sheet.append([_("Kết quả"), _("Đạt chỉ tiêu") if summary.meets_target else _("Chưa đạt chỉ tiêu")])
    for column, width in zip(
        "ABCDEFGHIJKLMNO", (8, 16, 50, 30, 18, 16, 16, 10, 10, 12, 18, 18, 18, 12, 10), strict=True
    ):
        sheet.column_dimensions[column].width = width
    _lines_sheet(book.create_sheet(_("Chi tiết chi phí")), summary)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _lines_sheet(sheet: Any, summary: CampaignSummary) -> None:
    append_text_row(
        sheet,
        [
            _("Mã TTHC"),
            _("Đơn vị"),
            _("Phương án"),
            _("Loại"),
            _("Nội dung"),
            _("Số giờ"),
            _("Số tiền (đồng)"),
        ],
    )
    for row in summary.rows:
        for line in row.record.cost_lines.all():
            sheet.append(
                [
                    row.record.procedure.code,
                    row.record.unit.name,
                    line.get_scenario_display(),
                    line.get_kind_display(),
                    line.name,
                    _number(line.hours),
                    _number(line.amount),
                ]
            )
            guard_last_row(sheet)
