"""A dossier's life in the browser at Xã Ba Tơ: the one-stop officer receives one at the counter; another,
received three days ago and now due soon, is transferred, assigned, appraised, apologised for with a new
date (Mẫu 04), approved, its result issued, the fee paid and the result returned; the applicant then
rates the service from the receipt slip's link."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from tests.catalog.conftest import make_procedure  # noqa: F401  (a fixture)
from tests.dossiers.conftest import APPLICANT
from tests.dossiers.conftest import version as version  # a fixture: re-exported, used by name

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("MOTCUA_SCREENSHOTS", "")  # a folder: save what each page looked like


@pytest.fixture
def staff(demo_units):  # type: ignore[no-untyped-def]
    from motcua.accounts.demo import DEMO_PASSWORD
    from tests.factories import UserFactory, grant

    people = {
        "counter": ("xabato.motcua", "Phạm Văn Hải", "one_stop_officer"),
        "specialist": ("xabato.tuphap", "Đinh Thị Hằng", "specialist"),
        "head": ("xabato.chutich", "Phạm Văn Đức", "unit_head"),
    }
    found = {}
    for key, (username, name, role) in people.items():
        user = UserFactory(username=username, full_name=name, password=DEMO_PASSWORD)
        grant(user, role, demo_units["2025:21484"])
        found[key] = user
    return found


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def _act(page, action: str, button: str, shot: str = "", **fields: str) -> None:  # type: ignore[no-untyped-def]
    """Open an action of the dossier page, fill its fields (select by label) and press its button."""
    box = page.locator(f"#action-{action}")
    if box.evaluate("e => e.tagName") == "DETAILS":
        box.locator("summary").click()
    for name, value in fields.items():
        field = page.locator(f"#id_{action}-{name}")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    if shot:
        _shot(page, shot)
    box.get_by_role("button", name=button, exact=True).click()


def test_counter_receipt_then_processing_apology_and_return(  # type: ignore[no-untyped-def]
    page, live_server, sign_in, staff, version, demo_units
):
    from django.utils import timezone

    from motcua.dossiers.models import Dossier
    from motcua.dossiers.services import ComponentInput, dossier_receive

    xa = demo_units["2025:21484"]
    # received three days ago: two working days at least are left, so an apology is still allowed (D8)
    late = dossier_receive(
        actor=staff["counter"],
        unit=xa,
        version=version,
        applicant=APPLICANT,
        components=[
            ComponentInput(name=d.name, required_document_id=d.pk, originals=1)
            for d in version.documents.all()
        ],
        at=timezone.now() - dt.timedelta(days=3),
    )
    Dossier.objects.filter(pk=late.pk).update(alert="due_soon")  # as the periodic scan marks it

    # -- the counter: find the procedure, check the documents, receive --------------------------
    sign_in("xabato.motcua")
    page.get_by_role("link", name="Hồ sơ", exact=True).click()
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.fill("#q", "ket hon")
    page.get_by_role("button", name="Tìm").click()
    _shot(page, "counter-pick")
    page.get_by_role("link", name="Chọn").click()
    expect(page.locator("h1")).to_have_text("Đăng ký kết hôn")
    missing = page.locator("#id_missing")
    expect(missing).to_have_value("Tờ khai đăng ký kết hôn\nGiấy xác nhận tình trạng hôn nhân")
    page.get_by_label("Tờ khai đăng ký kết hôn").check()
    expect(missing).to_have_value("Giấy xác nhận tình trạng hôn nhân")  # the unchecked ones, proposed
    page.get_by_label("Giấy xác nhận tình trạng hôn nhân").check()
    expect(missing).to_have_value("")
    page.get_by_label("Số định danh cá nhân hoặc mã số thuế").fill("051090009876")
    page.get_by_label("Họ tên người nộp, tên tổ chức").fill("Hồ Văn Tâm")
    page.get_by_label("Địa chỉ").fill("Thôn Gò Khôn, xã Ba Tơ")
    page.get_by_label("Điện thoại").fill("0912345678")
    _shot(page, "counter")
    page.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Đã tiếp nhận hồ sơ 21484-")
    expect(page.locator("#status")).to_have_text("Đã tiếp nhận")
    expect(page.locator("#printbox").get_by_role("link", name="In Giấy tiếp nhận (Mẫu 01)")).to_be_visible()
    received = Dossier.objects.exclude(pk=late.pk).get()
    assert received.applicant_name == "Hồ Văn Tâm"
    assert received.components.count() == 2
    _shot(page, "dossier-received")

    # -- the queue: the earlier dossier is due soon, first in due order -----------------------------
    page.get_by_role("link", name="Hồ sơ", exact=True).click()
    rows = page.locator("table.queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_have_class("due-soon")
    expect(rows.first).to_contain_text(late.code)
    _shot(page, "queue")
    page.get_by_role("link", name=late.code).click()
    _act(page, "transfer", "Chuyển xử lý", receiver="Đinh Thị Hằng — Xã Ba Tơ")
    expect(page.locator("#status")).to_have_text("Đang giải quyết")
    page.get_by_role("button", name="Đăng xuất").click()

    # -- settling: assignment, a step, the apology with a new date, approval, the result ------------
    sign_in("xabato.chutich")
    page.goto(f"{live_server.url}/dossiers/{late.code}/")
    _act(page, "assign", "Phân công", assignee="Đinh Thị Hằng")
    expect(page.locator("#timeline")).to_contain_text("Người nhận: Đinh Thị Hằng")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("xabato.tuphap")
    page.get_by_role("link", name="Hồ sơ", exact=True).click()
    page.get_by_role("link", name=late.code).click()  # her own queue
    _act(page, "step_start", "Bắt đầu bước xử lý", position="2. Thẩm định, trình ký")
    late.refresh_from_db()
    new = timezone.localtime(late.due_at + dt.timedelta(days=2)).replace(hour=16, minute=0)
    _act(
        page,
        "apologise",
        "Xin lỗi và hẹn lại ngày trả",
        reason="Chờ xác minh tình trạng hôn nhân",
        shot="apology",
        new_appointment=f"{new:%Y-%m-%dT%H:%M}",
    )
    expect(page.locator(".messages")).to_contain_text("Đã thực hiện: Xin lỗi và hẹn lại ngày trả.")
    expect(page.locator("main")).to_contain_text(f"hẹn trả lại {new:%H:%M %d/%m/%Y}")
    expect(page.locator("#prints")).to_contain_text("In Phiếu xin lỗi, hẹn lại (Mẫu 04)")
    _act(page, "step_finish", "Hoàn thành bước, bàn giao", receiver="Phạm Văn Đức", note="Đủ điều kiện")
    _shot(page, "dossier-settling")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("xabato.chutich")
    page.goto(f"{live_server.url}/dossiers/{late.code}/")
    _act(page, "approve", "Phê duyệt, ký")
    expect(page.locator("#status")).to_have_text("Đã phê duyệt")
    _act(page, "issue_result", "Có kết quả, chuyển Bộ phận Một cửa", title="Giấy chứng nhận kết hôn")
    expect(page.locator("#status")).to_have_text("Đã có kết quả, chờ trả")
    page.get_by_role("button", name="Đăng xuất").click()

    # -- back at the counter: the fee, then the result ---------------------------------------------
    sign_in("xabato.motcua")
    page.goto(f"{live_server.url}/dossiers/{late.code}/")
    _act(page, "return_result", "Trả kết quả")  # the fee first: refused, nothing changes
    expect(page.locator("#refusal")).to_contain_text(
        "Người nộp còn phải nộp 30.000 đồng phí, lệ phí trước khi nhận kết quả."
    )
    expect(page.locator("#status")).to_have_text("Đã có kết quả, chờ trả")
    page.goto(f"{live_server.url}/dossiers/{late.code}/")
    _act(page, "pay", "Ghi nhận nộp phí, lệ phí", receipt_number="BL-0007")
    expect(page.locator("#fees")).to_contain_text("đã nộp 30.000")
    _act(page, "return_result", "Trả kết quả")
    expect(page.locator("#status")).to_have_text("Đã trả kết quả")
    expect(page.locator("main")).to_contain_text("Sớm hạn")  # before the statutory due day (K1)
    _shot(page, "dossier-returned")
    late.refresh_from_db()
    assert [e.action for e in late.events.all()] == [
        "receive", "transfer", "assign", "step_start", "apologise", "step_finish", "approve", "issue_result",
        "pay", "return_result",
    ]  # fmt: skip

    # -- the applicant follows the slip's QR link and rates the service ------------------------------
    page.get_by_role("button", name="Đăng xuất").click()
    page.goto(f"{live_server.url}/tra-cuu/{late.code}/?t={late.tracking_token}")
    expect(page.locator("#result")).to_contain_text("Đinh T*** M***")
    expect(page.locator("#result")).not_to_contain_text("Đinh Thị Mai")
    page.get_by_label("Hài lòng", exact=True).check()
    page.get_by_label("Số lần phải liên hệ với cơ quan").fill("1")
    _shot(page, "lookup")
    page.get_by_role("button", name="Gửi đánh giá").click()
    expect(page.locator("main")).to_contain_text(re.compile("Cảm ơn ông/bà đã đánh giá"))
    assert late.rating.satisfaction == "satisfied"
