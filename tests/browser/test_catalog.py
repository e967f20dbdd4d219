"""The catalogue in the browser: a citizen finds a procedure without typing diacritics; the control office
drafts a new version while the old one stays live, is stopped by an internal process that does not fit the
time limit, fixes it and publishes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_catalog(demo_units):  # type: ignore[no-untyped-def]
    from motcua.catalog.demo import load_demo_catalog

    return load_demo_catalog()


def test_search_without_diacritics_then_draft_and_publish(  # type: ignore[no-untyped-def]
    page, live_server, sign_in, demo_accounts, demo_catalog
):
    page.goto(f"{live_server.url}/catalog/")
    page.fill("#q", "dang ky khai sinh")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh", exact=True).click()
    expect(page.locator("h1")).to_have_text("Thủ tục đăng ký khai sinh")
    expect(page.locator("main")).to_contain_text("Luật Hộ tịch 2014, Điều 16 khoản 2")
    expect(page.get_by_role("button", name="Tạo bản nháp mới")).to_have_count(0)  # not for the public

    sign_in("vanphong")
    page.goto(f"{live_server.url}/catalog/1.001193/")
    page.get_by_role("button", name="Tạo bản nháp mới").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo bản nháp phiên bản 2.")
    page.get_by_role("link", name="Sửa quy trình nội bộ").click()
    page.fill('input[name="steps-1-hours"]', "9")
    expect(page.locator("#steps-total")).to_have_class("total-bad")
    page.get_by_role("button", name="Lưu quy trình nội bộ").click()
    expect(page.get_by_role("alert")).to_contain_text("vượt quá 8 giờ làm việc")
    expect(page.get_by_role("alert")).to_contain_text("Chưa lưu gì.")
    page.fill('input[name="steps-1-hours"]', "2,5")
    expect(page.locator("#steps-total")).to_have_class("total-ok")
    page.get_by_role("button", name="Lưu quy trình nội bộ").click()
    page.goto(f"{live_server.url}/catalog/1.001193/?v=2")
    page.fill("#id_valid_from", "2026-12-01")
    page.get_by_role("button", name="Công bố").click()
    expect(page.locator(".messages")).to_contain_text("phiên bản 2")
    versions = page.locator("table", has_text="Phiên bản").last
    expect(versions).to_contain_text("01/01/2024 – 30/11/2026")
    expect(versions).to_contain_text("01/12/2026 – nay")
