from __future__ import annotations

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_tree_requires_sign_in(client: Client) -> None:
    response = client.get("/units/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_tree_page_2024_and_2025(demo_accounts: dict[str, User]) -> None:
    client = _client(demo_accounts["quantri"])
    page_2024 = client.get("/units/?on=2024-06-30").content.decode()
    assert "Huyện Ba Tơ" in page_2024
    assert "Thị trấn Ba Tơ" in page_2024
    assert "Xã Đặng Thùy Trâm" not in page_2024
    page_2025 = client.get("/units/?on=2025-07-01").content.decode()
    assert "Xã Đặng Thùy Trâm" in page_2025
    assert "Huyện Ba Tơ" not in page_2025
    assert "9 đơn vị có hiệu lực ngày 01/07/2025" in page_2025


def test_tree_opens_on_the_last_day_of_units_that_ended(demo_accounts: dict[str, User]) -> None:
    body = _client(demo_accounts["motcua.bato"]).get("/units/").content.decode()
    assert "đang hiển thị ngày 30/06/2025" in body
    assert "Xã Ba Tô" in body
    current = _client(demo_accounts["motcua.xabato"]).get("/units/").content.decode()
    assert "đang hiển thị ngày" not in current
    assert "Xã Ba Tơ" in current


def test_htmx_request_gets_the_fragment_only(demo_accounts: dict[str, User]) -> None:
    response = _client(demo_accounts["quantri"]).get("/units/?on=2024-06-30", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body
    assert 'role="tree"' in body


def test_bad_date_falls_back_to_today_with_a_message(demo_accounts: dict[str, User]) -> None:
    body = _client(demo_accounts["quantri"]).get("/units/?on=30-06-2024").content.decode()
    assert "Ngày “30-06-2024” không hợp lệ" in body


def test_commune_officer_sees_nothing_of_another_commune(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    client = _client(demo_accounts["motcua.thitran"])
    tree = client.get("/units/?on=2024-06-30").content.decode()
    assert "Thị trấn Ba Tơ" in tree
    assert "Xã Ba Tô" not in tree
    assert "Xã Ba Vinh" not in tree
    assert client.get(f"/units/{demo_units['2024:21484'].pk}/").status_code == 200
    assert client.get(f"/units/{demo_units['2024:21523'].pk}/").status_code == 404
    assert client.get("/units/999999/").status_code == 404
    found = client.get("/units/find/?q=Ba+To&on=2024-06-30").content.decode()
    assert "Thị trấn Ba Tơ" in found
    assert "Xã Ba Tô" not in found
    assert client.get("/audit/").status_code == 403


def test_find_asks_for_the_full_name_when_two_levels_share_it(demo_accounts: dict[str, User]) -> None:
    body = _client(demo_accounts["quantri"]).get("/units/find/?q=Ba+T%C6%A1&on=2024-06-30").content.decode()
    assert "là tên của 2 đơn vị; hãy gõ đủ tên" in body


def test_find_warns_about_look_alikes(demo_accounts: dict[str, User]) -> None:
    body = _client(demo_accounts["quantri"]).get("/units/find/?q=ba+to&on=2026-01-01").content.decode()
    assert "có thể là 2 đơn vị khác nhau" in body
    assert "Xã Ba Tơ" in body
    assert "Xã Ba Tô" in body


def test_detail_shows_successors_and_predecessors(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    client = _client(demo_accounts["quantri"])
    old = client.get(f"/units/{demo_units['2024:21511'].pk}/").content.decode()
    assert "Đơn vị kế thừa" in old
    assert "Xã Ba Tơ (21484)" in old
    new = client.get(f"/units/{demo_units['2025:21484'].pk}/").content.decode()
    assert "Hình thành từ" in new
    for name in ("Thị trấn Ba Tơ", "Xã Ba Cung", "Xã Ba Bích"):
        assert name in new
    assert "Nghị quyết 1677/NQ-UBTVQH15" in new


def test_home_page_per_role(demo_accounts: dict[str, User]) -> None:
    officer = _client(demo_accounts["motcua.bato"]).get("/").content.decode()
    assert "Cán bộ Bộ phận Một cửa" in officer
    assert "Xã Ba Tô" in officer
    assert "Xem nhật ký thao tác" not in officer
    office = _client(demo_accounts["vanphong"]).get("/").content.decode()
    assert "Cán bộ kiểm soát TTHC" in office
    assert "Huyện Ba Tơ" in office
    assert "Xem nhật ký thao tác" in office
    admin = _client(demo_accounts["quantri"]).get("/").content.decode()
    assert "Quản trị toàn hệ thống" in admin


def test_user_without_role_is_told_so(db: None) -> None:
    user = User.objects.create_user("moi", password="x" * 12)
    body = _client(user).get("/").content.decode()
    assert "chưa được phân công" in body


def test_an_english_browser_still_gets_vietnamese(demo_accounts: dict[str, User]) -> None:
    body = (
        _client(demo_accounts["quantri"])
        .get("/units/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        .content.decode()
    )
    assert "Đơn vị hành chính và cơ quan" in body
    assert 'lang="vi"' in body


def test_english_translation_of_the_shell(demo_accounts: dict[str, User]) -> None:
    client = _client(demo_accounts["quantri"])
    client.post("/i18n/setlang/", {"language": "en", "next": "/units/"})
    body = client.get("/units/?on=2024-06-30").content.decode()
    assert "Administrative units and agencies" in body
    assert 'lang="en"' in body
