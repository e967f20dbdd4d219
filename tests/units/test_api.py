from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from motcua.accounts.models import User
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def _api(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_list_requires_authentication(db: None) -> None:
    response = _api(None).get("/api/units/")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_authenticated"


def test_list_is_scoped_and_filtered(demo_accounts: dict[str, User]) -> None:
    body = _api(demo_accounts["motcua.thitran"]).get("/api/units/").json()
    assert body["count"] == 1
    assert body["results"][0]["code"] == "21484"
    assert body["results"][0]["parent_code"] == "535"
    communes = (
        _api(demo_accounts["quantri"]).get("/api/units/", {"on": "2026-01-01", "kind": "commune"}).json()
    )
    assert communes["count"] == 8


def test_list_by_name_reports_ambiguity(demo_accounts: dict[str, User]) -> None:
    body = _api(demo_accounts["quantri"]).get("/api/units/", {"q": "Ba To", "on": "2026-01-01"}).json()
    assert body["ambiguous"] is True
    assert sorted(u["name"] for u in body["results"]) == ["Xã Ba Tô", "Xã Ba Tơ"]


def test_bad_filter_is_a_structured_error(demo_accounts: dict[str, User]) -> None:
    response = _api(demo_accounts["quantri"]).get("/api/units/", {"on": "hôm qua", "kind": "planet"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert set(error["fields"]) == {"on", "kind"}


def test_detail_of_another_commune_is_404(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    api = _api(demo_accounts["motcua.thitran"])
    assert api.get(f"/api/units/{demo_units['2024:21523'].pk}/").status_code == 404
    assert api.get(f"/api/units/{demo_units['2024:21484'].pk}/").json()["name"] == "Thị trấn Ba Tơ"


def test_create_with_unknown_parent_code_changes_nothing(demo_accounts: dict[str, User]) -> None:
    count = Unit.objects.count()
    response = _api(demo_accounts["quantri"]).post(
        "/api/units/create/",
        {
            "code": "535-NV",
            "name": "Phòng Nội vụ",
            "kind": "agency",
            "parent_code": "999",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "unit_not_found",
        "message": "Không có đơn vị mã “999” vào ngày 01/01/2024.",
        "fields": {"code": "not_found"},
    }
    assert Unit.objects.count() == count


def test_create_under_a_parent_outside_scope_looks_like_a_missing_parent(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    from tests.factories import grant

    officer = demo_accounts["motcua.thitran"]
    grant(officer, "administrator", demo_units["2024:21484"])
    count = Unit.objects.count()
    response = _api(officer).post(
        "/api/units/create/",
        {
            "code": "535-NV",
            "name": "Phòng Nội vụ",
            "kind": "agency",
            "parent_code": "535",
            "valid_from": "2024-01-01",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unit_not_found"
    assert Unit.objects.count() == count


def test_create_duplicate_code_is_refused(demo_accounts: dict[str, User]) -> None:
    response = _api(demo_accounts["quantri"]).post(
        "/api/units/create/",
        {
            "code": "21484",
            "name": "Xã Trùng",
            "kind": "commune",
            "parent_code": "535",
            "valid_from": "2024-01-01",
            "valid_to": "2025-06-30",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "unit_code_taken"


def test_create_by_admin_and_refused_for_officer(demo_accounts: dict[str, User]) -> None:
    payload = {
        "code": "535-NV",
        "name": "Phòng Nội vụ huyện Ba Tơ",
        "kind": "agency",
        "parent_code": "535",
        "valid_from": "2024-01-01",
        "valid_to": "2025-06-30",
    }
    count = Unit.objects.count()
    refused = _api(demo_accounts["vanphong"]).post("/api/units/create/", payload, format="json")
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
    assert Unit.objects.count() == count
    created = _api(demo_accounts["quantri"]).post("/api/units/create/", payload, format="json")
    assert created.status_code == 201
    assert created.json()["parent_code"] == "535"
    assert Unit.objects.count() == count + 1


def test_schema_is_served(demo_accounts: dict[str, User]) -> None:
    response = _api(demo_accounts["quantri"]).get("/api/schema/")
    assert response.status_code == 200
    assert b"units_list" in response.content
