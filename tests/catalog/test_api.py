"""Catalogue API: published procedures are public; drafts and publishing need the catalogue roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from motcua.accounts.models import User
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services import version_draft_create
from motcua.common.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def versions(make_procedure: Callable[..., ProcedureVersion]) -> dict[str, ProcedureVersion]:
    birth = make_procedure("1.001193", "Đăng ký khai sinh", valid_from=dt.date(2024, 1, 1))
    draft_only = make_procedure("1.009999", "Đăng ký lại khai sinh", publish=False)
    return {
        "birth": birth,
        "draft": version_draft_create(actor=None, procedure=birth.procedure),
        "other": draft_only,
    }


def _client(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_public_search_and_detail(versions: dict[str, ProcedureVersion]) -> None:
    response = _client().get("/api/catalog/procedures/", {"q": "dang ky khai sinh"})
    assert response.status_code == 200
    assert [r["code"] for r in response.json()["results"]] == ["1.001193"]  # the unpublished one is hidden
    detail = _client().get("/api/catalog/procedures/1.001193/").json()
    assert (
        detail["version"],
        detail["status"],
        detail["time_limit"]["value"],
        detail["time_limit"]["unit"],
    ) == (
        1,
        "published",
        3,
        "working_days",
    )
    assert _client().get("/api/catalog/procedures/1.009999/").status_code == 404
    assert _client().get("/api/catalog/procedures/1.001193/", {"on": "2023-12-31"}).status_code == 404


def test_versions_show_drafts_to_the_control_office_only(
    versions: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    public = _client().get("/api/catalog/procedures/1.001193/versions/").json()
    assert [v["version"] for v in public] == [1]
    office = _client(demo_accounts["vanphong"]).get("/api/catalog/procedures/1.001193/versions/").json()
    assert [(v["version"], v["status"]) for v in office] == [(2, "draft"), (1, "published")]
    staff_search = (
        _client(demo_accounts["vanphong"]).get("/api/catalog/procedures/", {"q": "khai sinh"}).json()
    )
    assert [r["code"] for r in staff_search["results"]] == ["1.001193", "1.009999"]


def test_publish_needs_the_permission_and_changes_nothing_when_refused(
    versions: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    url = "/api/catalog/procedures/1.001193/versions/2/publish/"
    events = AuditEvent.objects.count()
    assert _client().post(url, {"valid_from": "2025-07-01"}, format="json").status_code == 403
    refused = _client(demo_accounts["motcua.bato"]).post(url, {"valid_from": "2025-07-01"}, format="json")
    assert refused.status_code == 403
    assert AuditEvent.objects.count() == events
    versions["draft"].refresh_from_db()
    assert versions["draft"].status == "draft"
    bad = _client(demo_accounts["vanphong"]).post(url, {"valid_from": "không phải ngày"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"].keys() == {"valid_from"}
    early = _client(demo_accounts["vanphong"]).post(url, {"valid_from": "2024-01-01"}, format="json")
    assert early.json()["error"]["code"] == "valid_from_too_early"
    ok = _client(demo_accounts["vanphong"]).post(url, {"valid_from": "2025-07-01"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["valid_from"] == "2025-07-01"
    versions["birth"].refresh_from_db()
    assert versions["birth"].valid_to == dt.date(2025, 6, 30)
