"""`motcua dossiers import` and `export`: historical dossiers of Thị trấn Ba Tơ, March 2024, under
“Đăng ký kết hôn” (5 working days, 30.000 đ)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from motcua.catalog.models import ProcedureVersion
from motcua.common.models import AuditEvent
from motcua.documents.models import DossierDocument, Owner
from motcua.dossiers.enums import Status
from motcua.dossiers.importing import (
    dossiers_import,
    export_queryset,
    export_rows,
    read_file,
    to_csv,
    to_xlsx,
)
from motcua.dossiers.importing.columns import NAMES
from motcua.dossiers.models import Counter, Dossier, DossierEvent, Payment, Rating
from motcua.dossiers.selectors import control_rows, tracking_book
from motcua.units.models import Unit
from tests.dossiers.conftest import Receive, at

pytestmark = pytest.mark.django_db

BASE = {
    "unit_code": "21484",
    "procedure_code": "1.000894",
    "applicant_kind": "citizen",
    "applicant_identifier": "051090001234",
    "applicant_name": "Đinh Thị Mai",
    "applicant_address": "Tổ dân phố Ba Tơ",
    "applicant_phone": "0905123456",
    "channel": "counter",
    "return_channel": "counter",
    "received_by": "bato.counter",
    "fee_amount": "30000",
    "paid_online": "0",
    "components": "2",
    "digitised_components": "0",
    "reused_components": "0",
}
#: every column as the export writes it, so that an export of these dossiers gives this file back
ROWS: list[dict[str, str]] = [
    {  # online, late with an apology, paid online, electronic result, rated
        **BASE,
        "code": "21484-240304-0001",
        "channel": "online",
        "return_channel": "online",
        "status": "returned",
        "received_at": "2024-03-04 09:00",
        "due_at": "2024-03-11 17:00",
        "assignee": "bato.specialist",
        "approved_by": "bato.head",
        "transferred_at": "2024-03-04 10:00",
        "apologised_at": "2024-03-07 10:00",
        "appointment_at": "2024-03-14 17:00",
        "finished_at": "2024-03-13 10:00",
        "result_kind": "electronic",
        "e_result_code": "21484-240304-0001-KQ1",
        "returned_at": "2024-03-13 15:00",
        "paid_at": "2024-03-04 09:00",
        "paid_online": "1",
        "digitised_components": "2",
        "reused_components": "1",
        "rating": "satisfied",
    },
    {  # found incomplete at appraisal: the limit restarts on the supplement (D6)
        **BASE,
        "code": "21484-240305-0001",
        "applicant_identifier": "051090001235",
        "applicant_name": "Phạm Văn Nam",
        "status": "in_progress",
        "received_at": "2024-03-05 08:00",
        "due_at": "2024-03-15 17:00",
        "assignee": "bato.specialist",
        "transferred_at": "2024-03-05 09:00",
        "supplement_requested_at": "2024-03-06 09:00",
        "supplement_received_at": "2024-03-08 14:00",
        "digitised_components": "1",
    },
    {  # asked for a supplement at the counter, still waiting
        **BASE,
        "code": "21484-240306-0001",
        "status": "awaiting_supplement",
        "received_at": "2024-03-06 10:00",
        "due_at": "2024-03-13 17:00",
        "supplement_requested_at": "2024-03-06 10:05",
    },
    {
        **BASE,
        "code": "21484-240306-0002",
        "channel": "online",
        "return_channel": "online",
        "status": "refused",
        "received_at": "2024-03-06 14:00",
        "due_at": "2024-03-13 17:00",
        "finished_at": "2024-03-06 14:30",
        "note": "Không thuộc thẩm quyền của Ủy ban nhân dân thị trấn",
    },
    {
        **BASE,
        "code": "21484-240307-0001",
        "status": "withdrawn",
        "received_at": "2024-03-07 09:00",
        "due_at": "2024-03-14 17:00",
        "transferred_at": "2024-03-07 09:30",
        "finished_at": "2024-03-08 10:00",
        "note": "Người nộp đề nghị rút hồ sơ",
    },
    {  # supplemented before receipt, fee waived
        **BASE,
        "code": "21484-240307-0002",
        "status": "returned",
        "received_at": "2024-03-08 08:00",
        "due_at": "2024-03-15 17:00",
        "assignee": "bato.specialist",
        "approved_by": "bato.head",
        "transferred_at": "2024-03-08 08:30",
        "supplement_requested_at": "2024-03-07 08:00",
        "supplement_received_at": "2024-03-08 08:00",
        "finished_at": "2024-03-12 16:00",
        "result_kind": "paper",
        "returned_at": "2024-03-13 08:00",
        "fee_waived_reason": "Hộ nghèo",
    },
    {  # an organisation, by post, settled by the district's justice office
        **BASE,
        "code": "21484-240308-0001",
        "processing_unit_code": "535-TP",
        "applicant_kind": "organisation",
        "applicant_identifier": "4300123456",
        "applicant_name": "Hợp tác xã nông nghiệp Ba Tơ",
        "applicant_phone": "",
        "channel": "post",
        "return_channel": "post",
        "status": "result_ready",
        "received_at": "2024-03-08 09:00",
        "due_at": "2024-03-15 17:00",
        "transferred_at": "2024-03-08 09:00",
        "finished_at": "2024-03-13 09:00",
        "result_kind": "both",
        "e_result_code": "21484-240308-0001-KQ1",
    },
]


def csv_bytes(rows: list[dict[str, str]], columns: tuple[str, ...] = NAMES) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def ready(version: ProcedureVersion, officers: dict[str, Any]) -> None:
    """The procedure and the officers the rows name."""


def run(rows: list[dict[str, str]], **kwargs: Any) -> Any:
    return dossiers_import(
        actor=None, rows=read_file("ho-so.csv", csv_bytes(rows)), source="ho-so.csv", **kwargs
    )


def test_import_writes_dossiers_events_and_counts(ready: None, commune: Unit) -> None:
    result = run(ROWS)
    assert result.counts() == {
        "rows": 7,
        "created": 7,
        "skipped": 0,
        "errors": 0,
        "owners_created": 3,
        "events": 31,
        "components": 14,
        "payments": 1,
        "results": 3,
        "ratings": 1,
        "by_status": {
            "returned": 2,
            "in_progress": 1,
            "awaiting_supplement": 1,
            "refused": 1,
            "withdrawn": 1,
            "result_ready": 1,
        },
    }
    late = Dossier.objects.get(code="21484-240304-0001")
    assert list(late.events.values_list("action", "status_after", "actor_label")) == [
        ("submit", "submitted", "system"),
        ("receive", "received", "Phạm Thị Nga"),
        ("pay", "received", "Phạm Thị Nga"),
        ("transfer", "in_progress", "Phạm Thị Nga"),
        ("apologise", "in_progress", "Hồ Văn Lâm"),
        ("approve", "approved", "Đinh Văn Sơn"),
        ("issue_result", "result_ready", "Đinh Văn Sơn"),
        ("return_result", "returned", "Phạm Thị Nga"),
    ]
    assert late.events.get(number=1).data == {"imported_from": "ho-so.csv"}
    assert late.events.get(action="transfer").data == {"deadline": "2024-03-04T17:00:00+07:00", "late": False}
    assert (late.revision, late.is_open, late.paid_online, late.book_number) == (8, False, True, 1)
    assert late.results.get().code == "21484-240304-0001-KQ1"
    assert Payment.objects.get(dossier=late).method == "online"
    assert Rating.objects.get(dossier=late).satisfaction == "satisfied"
    assert list(
        DossierDocument.objects.filter(dossier=late).values_list("name", "digitised", "reuse_source")
    ) == [
        ("Tờ khai đăng ký kết hôn", True, "data_store"),
        ("Giấy xác nhận tình trạng hôn nhân", True, ""),
    ]
    assert [(r.receiver, r.outcome) for r in control_rows(late)] == [
        ("Thị trấn Ba Tơ", ""),
        ("Hồ Văn Lâm", ""),
        ("Thị trấn Ba Tơ", ""),
        ("Đinh Thị Mai", ""),
    ]
    restarted = Dossier.objects.get(code="21484-240305-0001")
    assert (restarted.clock_started_at, restarted.appraisal_found_incomplete_at) == (
        at(2024, 3, 8, 14, 0),
        at(2024, 3, 6, 9, 0),
    )
    waiting = Dossier.objects.get(code="21484-240306-0001")
    assert (waiting.status, waiting.supplement_requests, waiting.book_number) == (
        "awaiting_supplement",
        1,
        None,
    )
    district = Dossier.objects.get(code="21484-240308-0001")
    assert (district.unit.name, district.processing_unit.name) == (
        "Thị trấn Ba Tơ",
        "Phòng Tư pháp huyện Ba Tơ",
    )
    # the tracking book lists the received dossiers in receipt order (Mẫu 06)
    book = tracking_book(commune, dt.date(2024, 3, 1), dt.date(2024, 3, 31))
    assert list(book.values_list("book_number", "code")) == [
        (1, "21484-240304-0001"),
        (2, "21484-240305-0001"),
        (3, "21484-240307-0001"),
        (4, "21484-240307-0002"),
        (5, "21484-240308-0001"),
    ]
    audit = AuditEvent.objects.get(operation="dossiers.import")
    assert audit.after is not None
    assert (audit.after["created"], audit.after["events"], audit.reason) == (7, 31, "ho-so.csv")


def test_live_receipt_continues_the_imported_numbers(ready: None, receive: Receive) -> None:
    run(ROWS)
    live = receive(at(2024, 3, 8, 15, 0))
    assert (live.code, live.book_number) == ("21484-240308-0002", 6)


def test_due_time_computed_when_missing(ready: None) -> None:
    rows = [{**row, "due_at": ""} for row in ROWS[:3]]
    run(rows)
    due = dict(Dossier.objects.values_list("code", "due_at"))
    assert due == {
        "21484-240304-0001": at(2024, 3, 11, 17, 0),
        "21484-240305-0001": at(2024, 3, 15, 17, 0),  # five working days from the supplement (D6)
        "21484-240306-0001": at(2024, 3, 13, 17, 0),
    }


def test_bad_rows_are_reported_and_nothing_is_written(ready: None) -> None:
    good = ROWS[1]
    bad = [
        good,
        {**good, "code": "21484-240311-0001", "received_at": "31/02/2024 09:00"},
        {**good, "code": "21484-240311-0002", "procedure_code": "9.999999"},
        {**good, "code": "21484-240311-0003", "unit_code": "99999"},
        {**good, "code": "21484-240311-0004", "applicant_identifier": "12345", "applicant_kind": "công dân"},
        {**good},
        {**good, "code": "21484-230601-0001", "received_at": "2023-06-01 09:00", "transferred_at": ""},
        {**good, "code": "21484-240311-0005", "status": "returned"},
        {**good, "code": "21484-240311-0006", "transferred_at": "2024-03-04 09:00"},
    ]
    result = run(bad)
    assert [str(e) for e in result.errors] == [
        "Dòng 3 (21484-240311-0001): received_at “31/02/2024 09:00” không phải thời điểm hợp lệ"
        " (ghi YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM).",
        "Dòng 4 (21484-240311-0002): mã thủ tục “9.999999” không có trong danh mục.",
        "Dòng 5 (21484-240311-0003): unit_code: không có đơn vị mã “99999” còn hiệu lực ngày 05/03/2024.",
        "Dòng 6 (21484-240311-0004): applicant_identifier “12345”: số định danh cá nhân phải có đúng 12 chữ số.",
        "Dòng 7 (21484-240305-0001): trùng mã hồ sơ với dòng 2.",
        "Dòng 8 (21484-230601-0001): thủ tục 1.000894 không có phiên bản có hiệu lực ngày 01/06/2023.",
        "Dòng 9 (21484-240311-0005): trạng thái returned cần thời điểm giải quyết xong (finished_at);"
        " trạng thái returned cần thời điểm trả kết quả (returned_at).",
        "Dòng 10 (21484-240311-0006): transferred_at trước thời điểm tiếp nhận (received_at).",
    ]
    assert (result.created, result.written) == (0, False)
    assert Dossier.objects.count() == Owner.objects.count() == DossierEvent.objects.count() == 0
    assert not Counter.objects.exists()
    assert not AuditEvent.objects.filter(operation="dossiers.import").exists()

    partly = run(bad, skip_bad=True)
    assert (partly.created, len(partly.errors)) == (1, 8)
    assert list(Dossier.objects.values_list("code", flat=True)) == ["21484-240305-0001"]


def test_reimport_changes_nothing(ready: None) -> None:
    run(ROWS)
    before = (Dossier.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count())
    again = run(ROWS)
    assert (again.created, again.skipped) == (0, [r["code"] for r in ROWS])
    assert (Dossier.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count()) == before


def test_csv_export_gives_the_file_back(ready: None) -> None:
    run(ROWS)
    exported = to_csv(export_rows(export_queryset()))
    assert exported.decode("utf-8-sig") == csv_bytes(ROWS).decode("utf-8-sig")
    only = [
        r["code"] for r in export_rows(export_queryset(start=dt.date(2024, 3, 6), end=dt.date(2024, 3, 7)))
    ]
    assert only == ["21484-240306-0001", "21484-240306-0002", "21484-240307-0001"]


def test_xlsx_import_and_export(ready: None) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(NAMES))
    for row in ROWS:
        cells: list[Any] = [row.get(name, "") for name in NAMES]
        # a spreadsheet keeps dates as dates: Vietnam's time without an offset
        cells[NAMES.index("received_at")] = dt.datetime.fromisoformat(row["received_at"])
        sheet.append(cells)
    data = io.BytesIO()
    book.save(data)
    result = dossiers_import(actor=None, rows=read_file("ho-so.xlsx", data.getvalue()))
    assert (result.created, result.errors) == (7, [])
    exported = load_workbook(io.BytesIO(to_xlsx(export_rows(export_queryset()))), read_only=True).worksheets[
        0
    ]
    values = [[c or "" for c in r] for r in exported.iter_rows(values_only=True)]
    assert values == [list(NAMES), *[[row.get(name, "") for name in NAMES] for row in ROWS]]


def test_unknown_columns_refused(ready: None) -> None:
    from motcua.common.errors import ApplicationError

    with pytest.raises(ApplicationError) as refused:
        read_file("ho-so.csv", b"code;ma_hs;status\n1;2;3\n")
    assert refused.value.message.startswith(
        "Cột không có trong mẫu: ma_hs. Các cột được dùng: code, unit_code,"
    )
    with pytest.raises(ApplicationError, match="Tệp thiếu cột bắt buộc: procedure_code, applicant_kind"):
        read_file("ho-so.csv", b"code,status,unit_code\n")


def test_commands(ready: None, tmp_path: Path) -> None:
    source = tmp_path / "ho-so.csv"
    source.write_bytes(csv_bytes([{k: v for k, v in row.items() if k != "unit_code"} for row in ROWS]))
    out = io.StringIO()
    call_command(
        "dossiers", "import", str(source), "--unit", "21484", "--dry-run", stdout=out, stderr=io.StringIO()
    )
    assert out.getvalue().splitlines() == [
        "Sẽ nhập 7 hồ sơ (31 sự kiện, 14 thành phần, 1 khoản nộp phí, 3 kết quả, 1 đánh giá, 3 người nộp mới);"
        " 0 dòng lỗi bị bỏ qua.",
        "Chạy thử (--dry-run): chưa ghi gì.",
    ]
    assert not Dossier.objects.exists()
    with pytest.raises(CommandError, match="Không nhập hồ sơ nào: 7 dòng có lỗi") as failed:
        call_command("dossiers", "import", str(source), stdout=io.StringIO(), stderr=io.StringIO())
    assert failed.value.returncode == 2
    call_command(
        "dossiers", "import", str(source), "--unit", "21484", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Dossier.objects.filter(status=Status.RETURNED).count() == 2
    target = tmp_path / "xuat.csv"
    out = io.StringIO()
    call_command(
        "dossiers", "export", "-o", str(target), "--unit", "21484", "--from", "2024-03-05", stdout=out
    )
    assert out.getvalue() == f"Đã xuất 6 hồ sơ ra {target}.\n"
    assert (
        target.read_bytes()
        .decode("utf-8-sig")
        .splitlines()[1]
        .startswith("21484-240305-0001,21484,,1.000894,")
    )


def test_known_applicants_are_reused(ready: None, receive: Receive) -> None:
    live = receive(at(2024, 3, 1, 9, 0))  # Đinh Thị Mai, 051090001234, already in the data store
    result = run(ROWS)
    assert result.owners_created == 2
    assert Dossier.objects.get(code="21484-240304-0001").applicant_id == live.applicant_id
