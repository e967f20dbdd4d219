"""What a person does in the staff shell: sign in, look at the unit tree of 2024 and of 2025, search."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_control_office_browses_the_tree_across_the_2025_reform(page, live_server, sign_in, demo_accounts):  # type: ignore[no-untyped-def]
    sign_in("vanphong")
    expect(page.get_by_role("heading", name="Cán bộ kiểm soát TTHC")).to_be_visible()
    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="Năm 2024").click()
    expect(page.locator("#tree")).to_contain_text("Thị trấn Ba Tơ")
    expect(page.locator("#tree")).to_contain_text("Văn phòng HĐND và UBND huyện Ba Tơ")
    expect(page.locator("#tree")).to_contain_text("32 đơn vị có hiệu lực ngày 30/06/2024")
    # The 2025 communes are not in the district office's scope: the 2024 office cannot see them.
    page.get_by_role("link", name="Từ 01/07/2025").click()
    expect(page.locator("#tree")).to_contain_text("Không có đơn vị nào trong phạm vi của bạn")
    assert "on=2025-07-01" in page.url


def test_search_without_diacritics_lists_both_look_alikes(page, live_server, sign_in, demo_accounts):  # type: ignore[no-untyped-def]
    sign_in("quantri")
    page.goto(f"{live_server.url}/units/?on=2025-07-01")
    page.get_by_label("Tìm theo tên").fill("ba to")
    matches = page.locator("#matches")
    expect(matches).to_contain_text("có thể là 2 đơn vị khác nhau")
    expect(matches).to_contain_text("Xã Ba Tơ")
    expect(matches).to_contain_text("Xã Ba Tô")
    page.get_by_label("Tìm theo tên").fill("Ba Tô")
    expect(matches).not_to_contain_text("khác nhau")
    matches.get_by_role("link", name="Xã Ba Tô").click()
    expect(page.get_by_role("heading", name="Hình thành từ")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Xã Ba Lế")


def test_commune_officer_sees_only_their_commune(page, live_server, sign_in, demo_accounts):  # type: ignore[no-untyped-def]
    sign_in("motcua.bato")
    page.goto(f"{live_server.url}/units/?on=2024-06-30")
    tree = page.locator("#tree")
    expect(tree).to_contain_text("Xã Ba Tô")
    expect(tree).not_to_contain_text("Thị trấn Ba Tơ")
    expect(page.get_by_role("link", name="Nhật ký")).to_have_count(0)


def test_wrong_password_is_refused_in_vietnamese(page, live_server, demo_accounts):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Tên đăng nhập").fill("vanphong")
    page.get_by_label("Mật khẩu").fill("sai")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("không đúng")


def test_screenshot_of_the_demo_for_the_readme(page, live_server, sign_in, demo_accounts, tmp_path):  # type: ignore[no-untyped-def]
    sign_in("quantri")
    page.goto(f"{live_server.url}/units/?on=2025-07-01")
    page.get_by_label("Tìm theo tên").fill("ba to")
    expect(page.locator("#matches")).to_contain_text("Xã Ba Tô")
    target = Path(os.environ.get("MOTCUA_SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    shot = target / "demo-unit-tree.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
