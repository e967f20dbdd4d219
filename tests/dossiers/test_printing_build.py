"""The forms of a real dossier, filled from the database and read back from the generated files."""

from __future__ import annotations

from typing import Any

import pytest

from motcua.dossiers.printing import render
from motcua.dossiers.printing.build import NotPrintable, book_for, form_for, limit_text
from motcua.dossiers.services import (
    dossier_apologise,
    dossier_approve,
    dossier_issue_result,
    dossier_open,
    dossier_pay,
    dossier_return,
    dossier_step_finish,
    dossier_step_start,
    dossier_transfer,
)
from motcua.dossiers.services.inputs import Opening
from tests.dossiers.conftest import APPLICANT, Receive, at
from tests.dossiers.test_printing import docx_text, pdf_text

pytestmark = pytest.mark.django_db
BASE = "https://motcua.example.vn"


@pytest.fixture
def late_returned(receive: Receive, officers: dict[str, Any]) -> Any:
    """Received 11/03/2024 09:00 (due 18/03 17:00), apology on 14/03, returned late on 20/03."""
    counter, specialist, head = officers["counter"], officers["specialist"], officers["head"]
    d = receive(at(2024, 3, 11, 9, 0))
    d = dossier_transfer(actor=counter, dossier=d, receiver=specialist, at=at(2024, 3, 11, 9, 30))
    d = dossier_step_start(actor=specialist, dossier=d, position=2, at=at(2024, 3, 11, 10, 0))
    d = dossier_apologise(
        actor=specialist,
        dossier=d,
        reason="Chờ kết quả xác minh",
        new_appointment=at(2024, 3, 21, 17, 0),
        at=at(2024, 3, 14, 9, 0),
    )
    d = dossier_step_finish(actor=specialist, dossier=d, receiver=head, at=at(2024, 3, 19, 9, 30))
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, 19, 10, 0))
    d = dossier_issue_result(
        actor=head, dossier=d, kind="paper", title="Giấy chứng nhận kết hôn", at=at(2024, 3, 19, 11, 0)
    )
    d = dossier_pay(actor=counter, dossier=d, amount=30000, method="cash", at=at(2024, 3, 20, 8, 0))
    return dossier_return(actor=counter, dossier=d, at=at(2024, 3, 20, 8, 5))


def test_receipt_slip_from_the_dossier(late_returned: Any) -> None:
    form = form_for(late_returned, "receipt", base_url=BASE)
    assert form.tracking_url == f"{BASE}/tra-cuu/21484-240311-0001/?t={late_returned.tracking_token}"
    assert form.time_limit_text == "05 ngày làm việc"
    assert form.agency.parent_name == "UBND THỊ TRẤN BA TƠ"
    text = pdf_text(render(form, "pdf"))
    for expected in (
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "21484-240311-0001",
        "Đinh Thị Mai",
        "Đăng ký kết hôn",
        "Tờ khai đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
        "09 giờ 00 phút, ngày 11 tháng 3 năm 2024",
        "17 giờ 00 phút, ngày 18 tháng 3 năm 2024",
        "Phạm Thị Nga",
    ):
        assert expected in text


def test_apology_and_control_slip(late_returned: Any) -> None:
    apology = form_for(late_returned, "apology", base_url=BASE)
    text = docx_text(render(apology, "docx"))
    for expected in (
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Chờ kết quả xác minh",
        "ngày 21 tháng 3 năm 2024",
    ):
        assert expected in text
    slip = form_for(late_returned, "control_slip", base_url=BASE)
    assert [(r.giver, r.receiver, r.outcome) for r in slip.rows] == [
        ("Phạm Thị Nga", "Thị trấn Ba Tơ", ""),
        ("Phạm Thị Nga", "Hồ Văn Lâm", "early"),  # 30 minutes against step 1's 4 hours
        ("Hồ Văn Lâm", "Đinh Văn Sơn", "late"),  # 6 working days held against 28 hours
        ("Đinh Văn Sơn", "Thị trấn Ba Tơ", "early"),  # signed in 90 minutes of step 3's 8 hours
        ("Phạm Thị Nga", "Đinh Thị Mai", ""),
    ]
    text = pdf_text(render(slip, "pdf"))
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "Quá hạn" in text


def test_forms_the_dossier_does_not_have(late_returned: Any) -> None:
    for kind in ("supplement_request", "refusal", "stop_notice", "nonsense"):
        with pytest.raises(NotPrintable):
            form_for(late_returned, kind, base_url=BASE)


def test_refusal_and_supplement_at_the_counter(version: Any, commune: Any, officers: dict[str, Any]) -> None:
    refused = dossier_open(
        actor=officers["counter"],
        unit=commune,
        version=version,
        applicant=APPLICANT,
        opening=Opening("refuse", reason="Không thuộc thẩm quyền của UBND thị trấn"),
        at=at(2024, 3, 12, 9, 0),
    )
    text = pdf_text(render(form_for(refused, "refusal", base_url=BASE), "pdf"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "Không thuộc thẩm quyền của UBND thị trấn" in text
    with pytest.raises(NotPrintable):
        form_for(refused, "receipt", base_url=BASE)
    asked = dossier_open(
        actor=officers["counter"],
        unit=commune,
        version=version,
        applicant=APPLICANT,
        opening=Opening("request_supplement", missing=["Giấy xác nhận tình trạng hôn nhân"]),
        at=at(2024, 3, 12, 10, 0),
    )
    form = form_for(asked, "supplement_request", base_url=BASE)
    assert (form.dossier_code, form.after_appraisal) == ("", False)
    assert "Giấy xác nhận tình trạng hôn nhân" in docx_text(render(form, "docx"))


def test_tracking_book(late_returned: Any, receive: Receive, commune: Any) -> None:
    receive(at(2024, 3, 12, 9, 0))
    book = book_for(commune, at(2024, 3, 1, 0, 0).date(), at(2024, 3, 31, 0, 0).date())
    assert [(r.number, r.dossier_code, r.note) for r in book.rows] == [
        (1, "21484-240311-0001", "Quá hạn"),
        (2, "21484-240312-0001", ""),
    ]
    text = pdf_text(render(book, "pdf"))
    assert "SỔ THEO DÕI HỒ SƠ" in text
    assert "21484-240312-0001" in text


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("5", "working_days", "05 ngày làm việc"),
        ("1.5", "working_days", "1,5 ngày làm việc"),
        ("4", "working_hours", "04 giờ làm việc"),
        ("0", "same_day", "Trong ngày"),
        ("30", "calendar_days", "30 ngày"),
    ],
)
def test_limit_text(value: str, unit: str, text: str) -> None:
    from decimal import Decimal

    assert limit_text(Decimal(value), unit) == text
