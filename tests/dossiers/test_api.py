"""Dossier API: the work queue, the dossier, receipt and the actions through HTTP; permissions, validation,
conflicts and retries change nothing; the public lookup shows no personal data and is rate-limited."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from motcua.catalog.models import ProcedureVersion
from motcua.common.models import AuditEvent
from motcua.dossiers.enums import Action, Status
from motcua.dossiers.models import Dossier, DossierEvent, Rating
from motcua.dossiers.services import Opening, dossier_receive
from motcua.units.models import Unit
from tests.dossiers.conftest import APPLICANT, Receive, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    cache.clear()  # the throttle counts in the cache, which outlives a test
    yield
    cache.clear()


def _client(user: Any = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _counts() -> tuple[int, int, int]:
    return Dossier.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count()


@pytest.fixture
def today_unit(demo_units: dict[str, Unit], officers: dict[str, Any]) -> Unit:
    """Xã Ba Tơ (from 1/7/2025): receipts through the API happen now, in a unit in force today."""
    unit = demo_units["2025:21484"]
    for key, role in (("counter", "one_stop_officer"), ("specialist", "specialist"), ("head", "unit_head")):
        grant(officers[key], role, unit)
    return unit


def _open_body(unit: Unit, version: ProcedureVersion, **extra: Any) -> dict[str, Any]:
    return {
        "unit": unit.pk,
        "procedure": "1.000894",
        "applicant": {
            "kind": "citizen",
            "identifier": "051 090 001 234",
            "name": "Đinh Thị Mai",
            "address": "Tổ dân phố Ba Tơ",
            "phone": "0905123456",
        },
        "components": [
            {"name": d.name, "required_document": d.pk, "originals": 1}
            for d in version.documents.order_by("position")
        ],
        **extra,
    }


def _act(
    client: APIClient, code: str, action: str, body: dict[str, Any] | None = None, **headers: str
) -> Any:
    return client.post(f"/api/dossiers/{code}/actions/{action}/", body or {}, format="json", headers=headers)


def test_queue_pages_follow_each_other(receive: Receive, officers: dict[str, Any]) -> None:
    made = [receive(at(2024, 3, 11, 8, 0) + dt.timedelta(minutes=10 * i)) for i in range(5)]
    client = _client(officers["counter"])
    first = client.get("/api/dossiers/", {"view": "unit", "limit": 2})
    assert first.status_code == 200
    body = first.json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (5, False, 2)
    assert body["results"][0] == {
        "code": "21484-240311-0001",
        "status": "received",
        "status_label": "Đã tiếp nhận",
        "channel": "counter",
        "procedure": "Đăng ký kết hôn",
        "processing_unit": "Thị trấn Ba Tơ",
        "assignee": None,
        "applicant_name": "Đinh Thị Mai",
        "received_at": "2024-03-11T08:00:00+07:00",
        "due_at": "2024-03-18T17:00:00+07:00",
        "appointment_at": None,
        "alert": "",
        "revision": 1,
    }
    second = client.get("/api/dossiers/", {"limit": 2, "cursor": body["next_cursor"]}).json()
    third = client.get("/api/dossiers/", {"limit": 2, "cursor": second["next_cursor"]}).json()
    pages = [[r["code"] for r in page["results"]] for page in (body, second, third)]
    assert pages == [[d.code for d in made[0:2]], [d.code for d in made[2:4]], [made[4].code]]
    assert third["next_cursor"] is None
    assert client.get("/api/dossiers/", {"view": "counter", "q": "21484-240311-000"}).json()["count"] == 5
    assert client.get("/api/dossiers/", {"view": "mine"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 101}, "limit"), ({"view": "everything"}, "view"), ({"cursor": "%%%"}, "cursor")],
)
def test_queue_refuses_bad_parameters(officers: dict[str, Any], params: dict[str, Any], field: str) -> None:
    response = _client(officers["counter"]).get("/api/dossiers/", params)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert list(response.json()["error"]["fields"]) == [field]


def test_queue_needs_a_session(receive: Receive) -> None:
    receive()
    assert _client().get("/api/dossiers/").status_code == 403


def test_detail_with_history_and_allowed_actions(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive()
    response = _client(officers["counter"]).get(f"/api/dossiers/{dossier.code}/")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert (body["code"], body["status"], body["revision"], body["book_number"]) == (
        "21484-240311-0001",
        "received",
        1,
        1,
    )
    assert body["procedure"]["code"] == "1.000894"
    assert body["applicant"] == {
        "kind": "citizen",
        "identifier": "051090001234",
        "masked": False,
        "name": "Đinh Thị Mai",
        "address": "Tổ dân phố Ba Tơ",
        "phone": "0905123456",
        "email": "",
    }
    assert body["actions"] == ["transfer", "pay", "withdraw"]
    assert [(e["number"], e["action"], e["status_after"], e["actor"]) for e in body["timeline"]] == [
        (1, "receive", "received", "Phạm Thị Nga")
    ]
    assert [c["name"] for c in body["components"]] == [
        "Tờ khai đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
    ]
    assert body["fee"] == {"amount": 30000, "paid": 0, "waived_reason": "", "paid_online": False}
    assert body["due_at"] == "2024-03-18T17:00:00+07:00"
    assert (body["payments"], body["results"], body["consultations"]) == ([], [], [])


def test_identifier_is_masked_outside_the_officers(
    receive: Receive, officers: dict[str, Any], commune: Unit
) -> None:
    dossier = receive()
    control = UserFactory(username="bato.control")
    grant(control, "control_office", commune)
    body = _client(control).get(f"/api/dossiers/{dossier.code}/").json()
    assert body["applicant"] == {
        "kind": "citizen",
        "identifier": "*********234",
        "masked": True,
        "name": "Đinh Thị Mai",
        "address": "",
        "phone": "090*****56",
        "email": "",
    }
    assert body["actions"] == []
    specialist = _client(officers["specialist"]).get(f"/api/dossiers/{dossier.code}/").json()
    assert specialist["applicant"]["identifier"] == "051090001234"


def test_receipt_through_the_api(
    version: ProcedureVersion, commune: Unit, officers: dict[str, Any], today_unit: Unit
) -> None:
    response = _client(officers["counter"]).post(
        "/api/dossiers/", _open_body(today_unit, version), format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert body["code"] == f"21484-{timezone.localdate():%y%m%d}-0001"
    assert re.fullmatch(r"\d{5}-\d{6}-\d{4}", body["code"])
    assert sorted(body) == [
        "book_number",
        "code",
        "due_at",
        "effective_receipt_at",
        "fee_amount",
        "id",
        "received_at",
        "revision",
        "status",
        "url",
    ]
    assert (body["status"], body["revision"], body["book_number"], body["fee_amount"]) == (
        "received",
        1,
        1,
        30000,
    )
    assert response["Location"] == body["url"] == f"/api/dossiers/{body['code']}/"
    assert response["ETag"] == '"1"'
    detail = _client(officers["counter"]).get(body["url"]).json()
    assert (detail["channel"], detail["applicant"]["identifier"]) == ("counter", "051090001234")  # normalised
    assert len(detail["components"]) == 2
    by_version = {**_open_body(today_unit, version), "version": version.pk}
    del by_version["procedure"]
    again = _client(officers["counter"]).post("/api/dossiers/", by_version, format="json")
    assert again.status_code == 201
    assert again.json()["code"] == f"21484-{timezone.localdate():%y%m%d}-0002"


def test_online_submission_then_supplement_and_accept(
    version: ProcedureVersion, today_unit: Unit, officers: dict[str, Any]
) -> None:
    client = _client(officers["counter"])
    body = _open_body(
        today_unit,
        version,
        channel="online",
        return_channel="post",
        opening={"action": "request_supplement", "missing": ["Giấy xác nhận tình trạng hôn nhân"]},
    )
    opened = client.get(client.post("/api/dossiers/", body, format="json").json()["url"]).json()
    assert (opened["status"], opened["supplement_requests"]) == ("awaiting_supplement", 1)
    code = opened["code"]
    supplemented = _act(
        client, code, "supplement", {"components": [{"name": "Giấy xác nhận", "originals": 1}]}
    )
    assert supplemented.status_code == 200
    assert supplemented.json()["status"] == "submitted"
    assert "Giấy xác nhận" in [c["name"] for c in supplemented.json()["components"]]
    accepted = _act(client, code, "receive", {"revision": supplemented.json()["revision"]})
    assert (accepted.status_code, accepted.json()["status"]) == (200, "received")


def test_supplemented_components_are_marked(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive(opening=Opening(Action.REQUEST_SUPPLEMENT, missing=["Giấy xác nhận"]))
    body = {"components": [{"name": "Giấy xác nhận", "originals": 1}]}
    supplemented = _act(_client(officers["counter"]), dossier.code, "supplement", body).json()
    assert [(c["position"], c["role"]) for c in supplemented["components"]] == [
        (1, "submitted"),
        (2, "submitted"),
        (3, "supplemented"),
    ]


def test_whole_path_through_the_api(
    version: ProcedureVersion, commune: Unit, officers: dict[str, Any], today_unit: Unit
) -> None:
    counter, specialist, head = (_client(officers[k]) for k in ("counter", "specialist", "head"))
    code = counter.post("/api/dossiers/", _open_body(today_unit, version), format="json").json()["code"]
    steps: list[tuple[APIClient, str, dict[str, Any]]] = [
        (counter, "transfer", {"receiver": officers["specialist"].pk}),
        (head, "assign", {"assignee": officers["specialist"].pk, "note": "Xử lý trong tuần"}),
        (specialist, "step_start", {"position": 2}),
        (
            specialist,
            "consult",
            {
                "agency": "Công an huyện Ba Tơ",
                "request": "Xác minh cư trú",
                "due_at": (timezone.now() + dt.timedelta(days=2)).isoformat(),
            },
        ),
        (specialist, "pause", {"reason": "Chờ xác minh"}),
        (specialist, "resume", {}),
        (specialist, "step_finish", {"receiver": officers["head"].pk}),
        (head, "approve", {"note": "Đồng ý"}),
        (head, "issue_result", {"kind": "electronic", "title": "Giấy chứng nhận kết hôn"}),
        (counter, "notify_early", {"message": "Mời nhận kết quả"}),
        (counter, "pay", {"amount": 30000, "method": "cash", "receipt_number": "BL-0001"}),
        (counter, "return_result", {"channel": "counter"}),
    ]
    for client, action, body in steps:
        if action == "pause":
            consultation = client.get(f"/api/dossiers/{code}/").json()["consultations"][0]["id"]
            answered = _act(client, code, "consult_answer", {"consultation": consultation, "answer": "Đúng"})
            assert answered.status_code == 200, answered.json()
        response = _act(client, code, action, body)
        assert response.status_code == 200, (action, response.json())
    final = counter.get(f"/api/dossiers/{code}/").json()
    assert final["status"] == "returned"
    assert final["results"][0]["code"] == f"{code}-KQ1"
    assert final["payments"][0]["amount"] == 30000
    assert [e["action"] for e in final["timeline"]] == [
        "receive",
        "transfer",
        "assign",
        "step_start",
        "consult",
        "consult_answer",
        "pause",
        "resume",
        "step_finish",
        "approve",
        "issue_result",
        "notify_early",
        "pay",
        "return_result",
    ]


def test_retry_with_the_same_key_acts_once(
    version: ProcedureVersion, commune: Unit, officers: dict[str, Any], today_unit: Unit
) -> None:
    client = _client(officers["counter"])
    body = _open_body(today_unit, version)
    first = client.post("/api/dossiers/", body, format="json", headers={"Idempotency-Key": "k-1"})
    retry = client.post("/api/dossiers/", body, format="json", headers={"Idempotency-Key": "k-1"})
    assert (first.status_code, retry.status_code) == (201, 201)
    assert first.json()["code"] == retry.json()["code"]
    assert (Dossier.objects.count(), DossierEvent.objects.count()) == (1, 1)
    code = first.json()["code"]
    moved = _act(client, code, "transfer", {"revision": 1}, **{"Idempotency-Key": "k-2"})
    again = _act(client, code, "transfer", {"revision": 1}, **{"Idempotency-Key": "k-2"})
    assert (moved.status_code, again.status_code) == (200, 200)
    assert again.json()["revision"] == moved.json()["revision"] == 2
    assert DossierEvent.objects.count() == 2


@pytest.mark.parametrize(
    ("change", "code", "fields"),
    [
        ({"applicant": {"kind": "citizen", "identifier": "123", "name": "A"}}, "applicant_identifier_invalid", {"identifier": "applicant_identifier_invalid"}),
        ({"unit": None}, "invalid", {"unit": None}),
        ({"unit": 999999}, "invalid", {"unit": "Không có đơn vị này."}),
        ({"procedure": "9.999999"}, "invalid", {"procedure": "Không có thủ tục này đang có hiệu lực."}),
        ({"channel": "fax"}, "invalid", {"channel": None}),
        ({"applicant": {"kind": "person", "identifier": "051090001234", "name": "A"}}, "invalid", {"applicant": None}),
        ({"opening": {"action": "refuse", "reason": " "}}, "refusal_reason_missing", {"reason": "refusal_reason_missing"}),
    ],
)  # fmt: skip
def test_bad_receipt_is_refused_and_changes_nothing(
    version: ProcedureVersion,
    commune: Unit,
    officers: dict[str, Any],
    change: dict[str, Any],
    code: str,
    fields: dict[str, str],
    today_unit: Unit,
) -> None:
    client = _client(officers["counter"])  # signing in is audited: count after it
    before = _counts()
    body = {**_open_body(today_unit, version), **change}
    response = client.post("/api/dossiers/", body, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert error["fields"].keys() == fields.keys()
    for name, message in fields.items():  # DRF's own messages (None here) are not ours to pin
        assert message is None or error["fields"][name] == message
    assert _counts() == before


def test_forbidden_changes_nothing(
    version: ProcedureVersion,
    commune: Unit,
    officers: dict[str, Any],
    demo_units: dict[str, Unit],
    receive: Receive,
    today_unit: Unit,
) -> None:
    dossier = receive()
    elsewhere = UserFactory(username="badien.counter")
    grant(elsewhere, "one_stop_officer", demo_units["2024:21487"])
    control = UserFactory(username="bato.control")
    grant(control, "control_office", commune)
    clients = [_client(user) for user in (elsewhere, control, officers["specialist"])]
    before = _counts()
    for client in clients[:2]:  # an officer of another commune; a viewer who may not receive
        response = client.post("/api/dossiers/", _open_body(today_unit, version), format="json")
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "forbidden"
    refused = _act(clients[2], dossier.code, "transfer", {"revision": 1})
    assert refused.status_code == 403
    assert refused.json()["error"] == {
        "code": "forbidden",
        "message": "Bạn không có quyền thực hiện thao tác này với hồ sơ của đơn vị khác.",
        "fields": {"permission": "forbidden"},
    }
    assert _counts() == before
    dossier.refresh_from_db()
    assert (dossier.status, dossier.revision) == (Status.RECEIVED, 1)


def test_officers_outside_the_unit_cannot_be_handed_the_dossier(
    receive: Receive, officers: dict[str, Any], demo_units: dict[str, Unit]
) -> None:
    dossier = receive()
    outsider = UserFactory(username="badien.specialist")
    grant(outsider, "specialist", demo_units["2024:21487"])
    counter, head = _client(officers["counter"]), _client(officers["head"])
    _act(counter, dossier.code, "transfer", {"receiver": officers["specialist"].pk})
    before = _counts()
    refused = _act(head, dossier.code, "assign", {"assignee": outsider.pk})
    assert refused.status_code == 400
    assert (refused.json()["error"]["code"], refused.json()["error"]["fields"]) == (
        "receiver_outside_unit",
        {"receiver": "receiver_outside_unit"},
    )
    unknown = _act(head, dossier.code, "assign", {"assignee": 999999})
    assert (unknown.status_code, list(unknown.json()["error"]["fields"])) == (400, ["assignee"])
    assert _counts() == before


def test_transfer_to_an_officer_outside_the_unit_is_refused(
    receive: Receive, officers: dict[str, Any], demo_units: dict[str, Unit]
) -> None:
    dossier = receive()
    outsider = UserFactory(username="badien.specialist")
    grant(outsider, "specialist", demo_units["2024:21487"])
    refused = _act(_client(officers["counter"]), dossier.code, "transfer", {"receiver": outsider.pk})
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "receiver_outside_unit")


def test_other_units_dossier_is_not_found(
    version: ProcedureVersion, demo_units: dict[str, Unit], officers: dict[str, Any]
) -> None:
    theirs = dossier_receive(
        actor=None, unit=demo_units["2024:21487"], version=version, applicant=APPLICANT, at=at(2024, 3, 11, 9)
    )
    client = _client(officers["counter"])
    before = _counts()
    for response in (
        client.get(f"/api/dossiers/{theirs.code}/"),
        _act(client, theirs.code, "transfer"),
        client.get("/api/dossiers/NO-SUCH-CODE/"),
        _act(client, theirs.code, "teleport"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert _counts() == before
    assert client.get("/api/dossiers/", {"view": "unit"}).json()["count"] == 0


def test_stale_revision_and_illegal_transition_are_conflicts(
    receive: Receive, officers: dict[str, Any]
) -> None:
    dossier = receive()
    counter, head = _client(officers["counter"]), _client(officers["head"])
    before = _counts()
    stale = _act(counter, dossier.code, "transfer", {"revision": 0})
    assert stale.status_code == 409
    assert (stale.json()["error"]["code"], stale.json()["error"]["fields"]) == (
        "conflict",
        {"revision": "stale"},
    )
    assert _act(counter, dossier.code, "transfer", {}, **{"If-Match": '"0"'}).status_code == 409
    mismatch = _act(counter, dossier.code, "transfer", {"revision": 1}, **{"If-Match": '"0"'})
    assert (mismatch.status_code, mismatch.json()["error"]["fields"]) == (
        400,
        {"revision": "If-Match và revision khác nhau."},
    )
    illegal = _act(head, dossier.code, "approve", {"revision": 1})
    assert illegal.status_code == 409
    assert (illegal.json()["error"]["code"], illegal.json()["error"]["fields"]) == (
        "illegal_transition",
        {"action": "approve"},
    )
    assert _counts() == before
    moved = _act(counter, dossier.code, "transfer", {}, **{"If-Match": '"1"'})
    assert (moved.status_code, moved.json()["status"], moved["ETag"]) == (200, "in_progress", '"2"')


def test_public_lookup_shows_a_masked_name_only(receive: Receive) -> None:
    dossier = receive()
    response = _client().get(f"/api/tra-cuu/{dossier.code}/")
    assert response.status_code == 200
    assert response.json() == {
        "code": "21484-240311-0001",
        "applicant": "Đinh T*** M***",
        "procedure": "Đăng ký kết hôn",
        "unit": "Thị trấn Ba Tơ",
        "status": "received",
        "status_label": "Đã tiếp nhận",
        "received_at": "2024-03-11T09:00:00+07:00",
        "due_at": "2024-03-18T17:00:00+07:00",
        "appointment_at": None,
        "returned_at": None,
    }
    text = response.content.decode()
    for secret in ("051090001234", "0905123456", "Tổ dân phố", dossier.tracking_token):
        assert secret not in text
    missing = _client().get("/api/tra-cuu/21484-240311-0999/")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "not_found")


def test_public_lookup_is_throttled(receive: Receive, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"status_lookup": "2/min"},
    }
    dossier = receive()
    client = _client()
    answers = [client.get(f"/api/tra-cuu/{dossier.code}/").status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    forged = client.get(f"/api/tra-cuu/{dossier.code}/", headers={"X-Forwarded-For": "10.9.9.9"})
    assert forged.status_code == 429  # a forged forwarding header is no new address
    assert forged.json()["error"]["code"] == "throttled"


def test_rating_needs_the_token(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive()
    counter, head = _client(officers["counter"]), _client(officers["head"])
    _act(counter, dossier.code, "transfer", {"receiver": officers["specialist"].pk})
    _act(head, dossier.code, "approve")
    _act(head, dossier.code, "issue_result", {"kind": "paper", "title": "Giấy chứng nhận kết hôn"})
    _act(counter, dossier.code, "waive_fee", {"reason": "Hộ nghèo"})
    assert _act(counter, dossier.code, "return_result").json()["status"] == "returned"
    url = f"/api/tra-cuu/{dossier.code}/danh-gia/"
    wrong = _client().post(url, {"token": "guess", "satisfaction": "satisfied"}, format="json")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (403, "forbidden")
    assert Rating.objects.count() == 0
    dossier.refresh_from_db()
    body = {"token": dossier.tracking_token, "satisfaction": "normal", "contacts": 2, "agencies": 1}
    rated = _client().post(url, body, format="json")
    assert rated.status_code == 201
    assert {k: rated.json()[k] for k in ("code", "satisfaction", "contacts", "agencies")} == {
        "code": dossier.code,
        "satisfaction": "normal",
        "contacts": 2,
        "agencies": 1,
    }
    assert Rating.objects.get().satisfaction == "normal"
    assert _client().post("/api/tra-cuu/NO-SUCH/danh-gia/", body, format="json").status_code == 404
