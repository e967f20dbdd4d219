"""The plan with its status, as XLSX (openpyxl) and DOCX (python-docx, administrative layout of Decree 30/2020)."""

from __future__ import annotations

import io
from typing import Any

from motcua.common.xlsx import append_text_row
from motcua.plans.enums import TaskRole
from motcua.plans.models import Plan, TaskReport

HEADERS = [
    "STT",
    "Nội dung công việc",
    "Kết quả công việc",
    "Chủ trì",
    "Phối hợp",
    "Thời gian thực hiện",
    "Hạn",
    "Trạng thái",
    "Báo cáo gần nhất",
]


TARGET_HEADERS = ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Cơ quan thực hiện"]


def _target_rows(plan: Plan) -> list[list[str]]:
    return [
        [
            t.number,
            t.content,
            t.measure,
            (f"≥ {t.value.normalize():f}" if t.at_least else f"{t.value.normalize():f}")
            if t.value is not None
            else t.value_text,
            t.units_text,
        ]
        for t in plan.targets.all()
    ]


def _rows(plan: Plan) -> list[tuple[str, list[str]]]:
    latest: dict[int, TaskReport] = {}
    for report in TaskReport.objects.filter(task__plan=plan).select_related("unit").order_by("as_of", "id"):
        latest[report.task_id] = report
    rows: list[tuple[str, list[str]]] = []
    tasks = plan.tasks.prefetch_related("assignments__unit", "due_dates").select_related("section")
    section = None
    for task in tasks:
        if task.section_id != section:
            section = task.section_id
            rows.append(("section", [task.section.numeral, task.section.title, "", "", "", "", "", "", ""]))
        lead = "; ".join(a.unit.name for a in task.assignments.all() if a.role == TaskRole.LEAD)
        support = "; ".join(a.unit.name for a in task.assignments.all() if a.role == TaskRole.SUPPORT)
        dues = ", ".join(f"{d.due_on:%d/%m/%Y}" for d in task.due_dates.all())
        latest_report = latest.get(task.pk)
        last = (
            f"{latest_report.unit.name}: {latest_report.percent}% ({latest_report.as_of:%d/%m/%Y},"
            f" {latest_report.get_status_display()})"
            if latest_report
            else ""
        )
        rows.append(
            (
                "task",
                [
                    task.number,
                    task.content,
                    task.expected_result,
                    lead,
                    support,
                    task.timing_text,
                    dues,
                    task.get_status_display(),
                    last,
                ],
            )
        )
    return rows


def plan_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet: Any = book.active
    sheet.title = f"Kế hoạch {plan.year}"
    sheet.append([plan.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{plan.decision_number} – {plan.unit.name}"])
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for kind, values in _rows(plan):
        append_text_row(sheet, values)
        if kind == "section":
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (6, 60, 40, 30, 30, 18, 14, 16, 30), strict=True):
        sheet.column_dimensions[column].width = width
    for row in sheet.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    targets = book.create_sheet("Chỉ tiêu")
    targets.append(TARGET_HEADERS)
    for cell in targets[1]:
        cell.font = Font(bold=True)
    for values in _target_rows(plan):
        append_text_row(targets, values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_docx(plan: Plan) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = f"{plan.unit.name.upper()}\n"
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    for cell in (left, right):
        for paragraph in cell.paragraphs:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for run in paragraph.runs:
                run.bold = True
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("BÁO CÁO TÌNH HÌNH THỰC HIỆN KẾ HOẠCH").bold = True
    subtitle = document.add_paragraph(plan.title)
    subtitle.alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADERS, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for kind, values in _rows(plan):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(text)
            run.bold = kind == "section"
    if plan.targets.exists():
        document.add_paragraph().add_run("CHỈ TIÊU").bold = True
        targets = document.add_table(rows=1, cols=len(TARGET_HEADERS))
        targets.style = "Table Grid"
        for cell, text in zip(targets.rows[0].cells, TARGET_HEADERS, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for values in _target_rows(plan):
            for cell, text in zip(targets.add_row().cells, values, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
