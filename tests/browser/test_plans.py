"""The yearly plan in the browser: import, issue, a commune reports with evidence, the office accepts."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)
SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"


def test_plan_runs_from_import_to_accepted_report(page, live_server, sign_in, demo_accounts, tmp_path):  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    sign_in("vanphong")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.set_input_files("#id_file", str(SEED))
    page.get_by_role("button", name="Nhập kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã nhập 13 phần, 45 nhiệm vụ, 12 chỉ tiêu.")
    expect(page.locator("#task-38")).to_contain_text("Công an huyện Ba Tơ")
    page.get_by_role("button", name="Ban hành kế hoạch").click()
    expect(page.locator(".messages")).to_contain_text("Đã ban hành kế hoạch")
    plan_url = page.url
    page.get_by_role("button", name="Đăng xuất").click()

    evidence = tmp_path / "ke-hoach-thi-tran.pdf"
    evidence.write_bytes(b"%PDF-1.4\n% evidence\n")
    sign_in("motcua.thitran")
    page.goto(f"{live_server.url}/plans/my-tasks/")
    row = page.locator("tr", has_text="Các cơ quan, đơn vị, địa phương xây dựng")
    row.get_by_role("link", name="Báo cáo tiến độ").click()
    page.fill("#id_as_of", "2024-03-14")
    page.fill("#id_percent", "100")
    page.fill("#id_text", "Thị trấn đã ban hành kế hoạch kiểm soát TTHC năm 2024.")
    page.select_option("#id_evidence_kind", "document")
    page.set_input_files("#id_evidence", str(evidence))
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã gửi báo cáo nhiệm vụ 2.")
    page.get_by_role("button", name="Đăng xuất").click()

    sign_in("vanphong")
    page.goto(plan_url)
    page.get_by_role("link", name="Báo cáo chờ xem xét: 1").click()
    review = page.locator(".review").first
    expect(review).to_contain_text("ke-hoach-thi-tran.pdf")
    review.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator(".messages")).to_contain_text("Đã xem xét báo cáo nhiệm vụ 2 của Thị trấn Ba Tơ.")
    page.goto(plan_url)
    expect(page.locator("figure.chart")).to_be_visible()
