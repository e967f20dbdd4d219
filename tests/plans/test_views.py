"""The plan pages: import by upload, issue, a unit's tasks and report, review, dashboard, exports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from motcua.accounts.models import User
from motcua.plans.enums import ReportStatus
from motcua.plans.models import Plan, TaskReport
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_control_office_imports_by_upload_and_issues(demo_accounts: dict[str, User]) -> None:
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    office = _client(demo_accounts["vanphong"])
    response = office.post("/plans/import/", {"file": SimpleUploadedFile(SEED.name, SEED.read_bytes())})
    plan = Plan.objects.get()
    assert response["Location"] == f"/plans/{plan.pk}/"
    page = office.get(f"/plans/{plan.pk}/").content.decode()
    assert "Ban hành kế hoạch" in page
    assert "Phòng Tài chính - Kế hoạch huyện Ba Tơ" in page
    office.post(f"/plans/{plan.pk}/issue/")
    assert Plan.objects.get().status == "issued"


def test_upload_of_a_bad_file_says_why_and_creates_nothing(demo_accounts: dict[str, User]) -> None:
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        "/plans/import/", {"file": SimpleUploadedFile("x.txt", b"\x00\x01\x02binary")}, follow=True
    )
    assert "không phải văn bản" in response.content.decode()
    assert Plan.objects.count() == 0


def test_officers_cannot_import(demo_accounts: dict[str, User]) -> None:
    response = _client(demo_accounts["motcua.bato"]).post(
        "/plans/import/", {"file": SimpleUploadedFile("a.txt", b"STT\tA\tB\tC\tD\n")}
    )
    assert response.status_code == 403
    assert Plan.objects.count() == 0


def test_a_commune_sees_and_reports_its_tasks_only(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    officer = _client(demo_accounts["motcua.thitran"])
    page = officer.get("/plans/my-tasks/").content.decode()
    task2 = issued_plan.tasks.get(number="2")
    task3 = issued_plan.tasks.get(number="3")
    assert f"/plans/tasks/{task2.pk}/report/" in page
    assert f"/plans/tasks/{task3.pk}/report/" not in page
    assert officer.get(f"/plans/tasks/{task3.pk}/report/").status_code == 404
    response = officer.post(
        f"/plans/tasks/{task2.pk}/report/",
        {
            "unit": str(demo_units["2024:21484"].pk),
            "as_of": "2024-03-14",
            "percent": "100",
            "text": "Đã ban hành kế hoạch của thị trấn.",
            "evidence_kind": "document",
            "evidence": [
                SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf")
            ],
        },
    )
    assert response.status_code == 302
    report = TaskReport.objects.get()
    assert (report.unit.code, report.percent, report.evidence.count()) == ("21484", 100, 1)
    bad = officer.post(
        f"/plans/tasks/{task2.pk}/report/",
        {
            "unit": str(demo_units["2024:21484"].pk),
            "as_of": "2024-03-14",
            "percent": "50",
            "text": "x",
            "evidence_kind": "document",
            "evidence": [SimpleUploadedFile("a.exe", b"MZ")],
        },
    )
    assert "không được nhận" in bad.content.decode()
    assert TaskReport.objects.count() == 1
    # another commune cannot open the plan's review page
    other = _client(demo_accounts["motcua.bato"])
    assert other.get(f"/plans/{issued_plan.pk}/reviews/").status_code == 404


def test_review_dashboard_and_exports(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    import datetime as dt

    from motcua.plans.services import task_report_submit

    report = task_report_submit(
        actor=demo_accounts["motcua.thitran"],
        task=issued_plan.tasks.get(number="2"),
        unit=demo_units["2024:21484"],
        as_of=dt.date(2024, 3, 14),
        text="Xong",
        percent=100,
    )
    office = _client(demo_accounts["vanphong"])
    assert "Nhiệm vụ 2 – Thị trấn Ba Tơ" in office.get(f"/plans/{issued_plan.pk}/reviews/").content.decode()
    office.post(f"/plans/reports/{report.pk}/review/", {"decision": "accept", "note": "Đạt"})
    assert TaskReport.objects.get().status == ReportStatus.ACCEPTED
    page = office.get(f"/plans/{issued_plan.pk}/").content.decode()
    assert "Theo đơn vị chủ trì" in page
    assert "<svg" in page

    xlsx = office.get(f"/plans/{issued_plan.pk}/export.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][0] == issued_plan.title
    assert values[2][:4] == ["STT", "Nội dung công việc", "Kết quả công việc", "Chủ trì"]
    task_rows = [row for row in values[3:] if row[0] and str(row[0]).isdigit()]
    assert len(task_rows) == 45
    assert any("Thị trấn Ba Tơ: 100%" in (row[8] or "") for row in task_rows)

    docx_response = office.get(f"/plans/{issued_plan.pk}/export.docx")
    import docx

    document = docx.Document(io.BytesIO(docx_response.content))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    rows = document.tables[1].rows
    assert rows[0].cells[1].text == "Nội dung công việc"
    assert sum(1 for r in rows if r.cells[0].text.isdigit()) == 45


def test_units_see_their_tasks_not_the_plan_nor_other_units_reports(
    issued_plan: Plan, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    import datetime as dt

    from motcua.plans.services import task_report_submit
    from motcua.plans.services.running import EvidenceUpload

    task2 = issued_plan.tasks.get(number="2")
    report = task_report_submit(
        actor=demo_accounts["motcua.thitran"],
        task=task2,
        unit=demo_units["2024:21484"],
        as_of=dt.date(2024, 3, 14),
        text="Báo cáo của thị trấn",
        percent=50,
        evidence=[EvidenceUpload("minutes", SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 x"))],
    )
    evidence = report.evidence.get()
    other = _client(demo_accounts["motcua.bato"])
    for url in (
        f"/plans/{issued_plan.pk}/",
        f"/plans/{issued_plan.pk}/export.xlsx",
        f"/plans/{issued_plan.pk}/reviews/",
        f"/plans/evidence/{evidence.pk}/",
    ):
        assert other.get(url).status_code == 404, url
    assert "Báo cáo của thị trấn" not in other.get(f"/plans/tasks/{task2.pk}/report/").content.decode()
    assert other.post(f"/plans/reports/{report.pk}/review/", {"decision": "accept"}).status_code == 404
    own = _client(demo_accounts["motcua.thitran"])
    assert "Báo cáo của thị trấn" in own.get(f"/plans/tasks/{task2.pk}/report/").content.decode()
    download = own.get(f"/plans/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.4 x"
    assert _client(demo_accounts["vanphong"]).get(f"/plans/evidence/{evidence.pk}/").status_code == 200


def test_exports_keep_text_as_text_and_include_targets(
    issued_plan: Plan, demo_accounts: dict[str, User]
) -> None:
    from openpyxl import load_workbook

    task = issued_plan.tasks.get(number="1")
    task.content = '=HYPERLINK("http://example.invalid","bấm")'
    task.save()
    office = _client(demo_accounts["vanphong"])
    book = load_workbook(io.BytesIO(office.get(f"/plans/{issued_plan.pk}/export.xlsx").content))
    plan_sheet, targets = book.worksheets
    first = next(row for row in plan_sheet.iter_rows(min_row=4) if row[0].value == "1")
    assert first[1].data_type == "s"
    assert first[1].value.startswith("=HYPERLINK")
    assert first[6].value == "29/02/2024"
    values = [[c.value for c in row] for row in targets.iter_rows()]
    assert values[0] == ["STT", "Nội dung chỉ tiêu", "Đơn vị tính", "Chỉ tiêu", "Cơ quan thực hiện"]
    assert values[1][3] == "≥ 80"
    assert len(values) == 13


def test_create_by_hand_picks_the_issuing_unit(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    office = _client(demo_accounts["vanphong"])
    assert "Huyện Ba Tơ" in office.get("/plans/").content.decode()
    response = office.post(
        "/plans/create/",
        {
            "unit": str(demo_units["district"].pk),
            "title": "Kế hoạch bổ sung",
            "year": "2024",
            "decision_number": "",
        },
    )
    plan = Plan.objects.get()
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert (plan.unit.code, plan.status) == ("535", "draft")
    refused = office.post(
        "/plans/create/", {"unit": str(demo_units["2025:21484"].pk), "title": "X", "year": "2026"}
    )
    assert refused.status_code == 302
    assert Plan.objects.count() == 1


def test_the_office_corrects_a_tasks_units_and_timing(
    issued_plan: Plan, demo_accounts: dict[str, User]
) -> None:
    from motcua.common.models import AuditEvent

    task26 = issued_plan.tasks.get(number="26")  # its units cell is empty in the seed
    assert task26.assignments.count() == 0
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        f"/plans/tasks/{task26.pk}/edit/",
        {
            "units_text": "- Văn phòng HĐND và UBND huyện chủ trì. - UBND các xã, thị trấn phối hợp.",
            "timing_text": "Quý III",
        },
    )
    assert response.status_code == 302
    task26.refresh_from_db()
    assert set(task26.assignments.filter(role="lead").values_list("unit__code", flat=True)) == {"535-VP"}
    assert task26.assignments.filter(role="support").count() == 19
    assert [d.isoformat() for d in task26.due_dates.values_list("due_on", flat=True)] == ["2024-09-30"]
    assert AuditEvent.objects.filter(operation="plans.task_update", object_id=str(task26.pk)).count() == 1
    assert (
        _client(demo_accounts["motcua.thitran"])
        .post(f"/plans/tasks/{task26.pk}/edit/", {"units_text": "", "timing_text": ""})
        .status_code
        == 404
    )
    assert task26.assignments.count() == 20
