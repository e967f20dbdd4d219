"""Importing the 2024 Ba Tơ plan: the text form of the seed, the same table as .docx, and bad files."""

from __future__ import annotations

import io
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.core.plan_document import parse_plan_rows, rows_from_text
from motcua.plans.enums import TaskRole
from motcua.plans.models import Plan, PlanTask, PlanTaskDue
from motcua.plans.services import plan_import
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    return SEED.read_bytes()


def _codes(task: PlanTask, role: str) -> set[str]:
    return set(task.assignments.filter(role=role).values_list("unit__code", flat=True))


def test_seed_imports_exactly(demo_units: dict[str, Unit], seed_bytes: bytes) -> None:
    result = plan_import(actor=None, name=SEED.name, data=seed_bytes)
    plan = result.plan
    assert (plan.year, plan.decision_number, plan.unit.code) == (2024, "486/QĐ-UBND", "535")
    assert plan.decision_date.isoformat() == "2024-02-26"
    assert plan.sections.count() == 13
    assert list(plan.tasks.values_list("number", flat=True)) == [str(n) for n in range(1, 46)]
    assert plan.targets.count() == 12
    assert PlanTask.objects.filter(plan=plan).exclude(units_unresolved=[]).count() == 0
    assert PlanTask.objects.filter(plan=plan).exclude(timing_unknown=[]).count() == 0
    assert list(plan.tasks.filter(assignments__isnull=True).values_list("number", flat=True)) == ["26"]

    communes = {u.code for k, u in demo_units.items() if k.startswith("2024:")}
    task18 = plan.tasks.get(number="18")
    assert _codes(task18, TaskRole.LEAD) == {"535-TCKH"}
    assert {"535-THUE", "535-KBNN", "535-TNMT", "535-VHTT", "535-VP"} <= _codes(task18, TaskRole.SUPPORT)
    assert communes <= _codes(task18, TaskRole.SUPPORT)
    task38 = plan.tasks.get(number="38")
    assert _codes(task38, TaskRole.LEAD) == {"535-CA"}
    task1 = plan.tasks.get(number="1")
    assert [d.isoformat() for d in task1.due_dates.values_list("due_on", flat=True)] == ["2024-02-29"]
    assert task1.units_text.startswith("- Văn phòng HĐND và UBND huyện chủ trì.")
    assert [
        d.isoformat() for d in plan.tasks.get(number="37").due_dates.values_list("due_on", flat=True)
    ] == [
        "2024-06-14",
        "2024-12-14",
    ]
    assert plan.tasks.get(number="40").timings.get().kind == "no_fixed_date"
    assert AuditEvent.objects.filter(operation="plans.plan_import", object_id=str(plan.pk)).count() == 1


def test_importing_the_same_plan_twice_is_refused(demo_units: dict[str, Unit], seed_bytes: bytes) -> None:
    plan_import(actor=None, name=SEED.name, data=seed_bytes)
    with pytest.raises(ApplicationError) as twice:
        plan_import(actor=None, name=SEED.name, data=seed_bytes)
    assert twice.value.code == "plan_exists"
    assert Plan.objects.count() == 1


def _docx_of_seed(text: str) -> bytes:
    """The seed's table as a Word document, the way a district office keeps it: header on each page, section
    rows in bold, and task 3 split over two rows (a page break)."""
    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Ba Tơ")
    document.add_paragraph(
        "(Ban hành kèm theo Quyết định số 486/QĐ-UBND ngày 26/02/2024 của Chủ tịch UBND huyện Ba Tơ)"
    )
    rows = rows_from_text(text)
    table = document.add_table(rows=0, cols=5)
    for cells in rows:
        if len(cells) != 5:
            continue
        row = table.add_row()
        for index, raw in enumerate(cells):
            bold = "<b>" in raw
            plain = raw.replace("<b>", "").replace("</b>", "")
            paragraph = row.cells[index].paragraphs[0]
            run = paragraph.add_run(plain.replace("&amp;", "&").replace("<p>", "").replace("</p>", ""))
            run.bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_same_table_as_docx_imports_the_same_way(demo_units: dict[str, Unit], seed_bytes: bytes) -> None:
    text = seed_bytes.decode("utf-8")
    from_text = parse_plan_rows(rows_from_text(text))
    result = plan_import(actor=None, name="ke-hoach-2024.docx", data=_docx_of_seed(text))
    plan = result.plan
    assert plan.decision_number == "486/QĐ-UBND"
    assert plan.sections.count() == 13
    assert [t.number for t in plan.tasks.all()] == [t.number for t in from_text.tasks]
    assert plan.tasks.get(number="3").content == from_text.tasks[2].content
    assert plan.tasks.get(number="35").timing_text == "Theo Kế hoạch"
    assert _codes(plan.tasks.get(number="38"), TaskRole.LEAD) == {"535-CA"}
    assert plan.targets.count() == 12


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("trong.txt", b"", "Tệp trống"),
        ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00IHDR", "không phải văn bản"),
        (
            "vanban.txt",
            "Kế hoạch năm 2024 trên địa bàn huyện Ba Tơ.\nKhông có bảng.".encode(),
            "Không tìm thấy bảng",
        ),
        ("cot.txt", "STT\tNội dung\tKết quả\n<b>I</b>\t<b>A</b>\t\n".encode(), "có 3 cột, cần 5"),
        ("hong.docx", b"PK\x03\x04 not really a zip", "bị hỏng"),
    ],
)
def test_bad_files_create_nothing(demo_units: dict[str, Unit], name: str, data: bytes, message: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        plan_import(actor=None, name=name, data=data, year=2024)
    assert refused.value.code == "plan_file_invalid"
    assert message in refused.value.message
    assert (Plan.objects.count(), PlanTask.objects.count(), PlanTaskDue.objects.count()) == (0, 0, 0)


def test_command_prints_the_json_summary(demo_units: dict[str, Unit], seed_bytes: bytes) -> None:
    out = StringIO()
    call_command("plans", "import", str(SEED), "--json", stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["counts"] == {"sections": 13, "tasks": 45, "targets": 12}
    first = summary["sections"][0]["tasks"][0]
    assert first["number"] == "1"
    assert first["lead"] == [{"code": "535-VP", "name": "Văn phòng HĐND và UBND huyện Ba Tơ"}]
    assert first["timing"]["due_dates"] == ["2024-02-29"]
    assert summary["targets"][0] == {
        "number": "1",
        "parent": None,
        "content": "Tỷ lệ cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC có đủ điều kiện trên Cổng"
        " Dịch vụ công quốc gia.",
        "measure": "%",
        "value_text": "Tối thiểu 80",
        "comparator": ">=",
        "value": 80.0,
        "units_raw": "- Văn phòng HĐND và UBND huyện phối hợp với các sở, ban ngành thực hiện",
    }
    assert summary["targets"][-1]["parent"] == "10"
    assert summary["tasks_without_units"] == ["26"]  # its units cell is empty in the seed


def test_command_errors_exit_2(demo_units: dict[str, Unit], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError) as refused:
        call_command("plans", "import", str(empty), stdout=StringIO())
    assert refused.value.returncode == 2
    with pytest.raises(CommandError, match="Không có tệp"):
        call_command("plans", "import", str(tmp_path / "missing.txt"), stdout=StringIO())


def test_docx_with_merged_cells(demo_units: dict[str, Unit]) -> None:
    """Word tables merge a section's title across columns, and a task's cells down over a page break."""
    import docx

    document = docx.Document()
    document.add_paragraph("Kế hoạch kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Ba Tơ")
    table = document.add_table(rows=4, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["STT", "Nội dung công việc", "Kết quả", "Cơ quan, đơn vị thực hiện", "Thời gian thực hiện"],
        strict=True,
    ):
        cell.text = text
    numeral = table.cell(1, 0).paragraphs[0].add_run("I")
    numeral.bold = True
    title = table.cell(1, 1).merge(table.cell(1, 4))
    title.paragraphs[0].add_run("Truyền thông").bold = True
    table.cell(2, 0).text, table.cell(2, 1).text, table.cell(2, 2).text = "1", "Tuyên truyền về", "Tin bài"
    table.cell(2, 3).text = "Phòng VH&TT chủ trì"
    table.cell(2, 4).text = "Thường xuyên"
    table.cell(3, 1).text = "dịch vụ công trực tuyến"
    table.cell(2, 0).merge(table.cell(3, 0))  # the number spans the page break
    table.cell(2, 4).merge(table.cell(3, 4))  # and so does the timing
    buffer = io.BytesIO()
    document.save(buffer)
    plan = plan_import(actor=None, name="merged.docx", data=buffer.getvalue()).plan
    assert [(s.numeral, s.title) for s in plan.sections.all()] == [("I", "Truyền thông")]
    (task,) = plan.tasks.all()
    assert (task.number, task.content, task.timing_text) == (
        "1",
        "Tuyên truyền về dịch vụ công trực tuyến",
        "Thường xuyên",
    )
    assert task.timing_unknown == []
    assert _codes(task, TaskRole.LEAD) == {"535-VHTT"}


def test_a_plan_without_a_decision_number_is_not_imported_twice(demo_units: dict[str, Unit]) -> None:
    text = (
        "Kế hoạch kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Ba Tơ\n"
        "STT\tNội dung\tKết quả\tĐơn vị\tThời gian\n<b>I</b>\t<b>Phần</b>\t\t\t\n1\tViệc\tKQ\tPhòng Tư pháp\tQuý I\n"
    )
    plan_import(actor=None, name="a.txt", data=text.encode())
    with pytest.raises(ApplicationError) as twice:
        plan_import(actor=None, name="a.txt", data=text.encode())
    assert twice.value.code == "plan_exists"
