"""The dossier pages: the counter screen (receipt, supplement request, refusal, a double submit done once),
the work queues (tabs, filters, keyset pages, capped counts), the dossier page and its action forms (a
stale revision and every refusal change nothing), printing, and the public lookup (masked, rate-limited,
rating by the slip's token)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from motcua.catalog.models import ProcedureVersion
from motcua.common.models import AuditEvent
from motcua.dossiers.enums import Status
from motcua.dossiers.models import Dossier, DossierEvent, Rating
from motcua.dossiers.services import (
    dossier_approve,
    dossier_issue_result,
    dossier_open,
    dossier_pay,
    dossier_return,
    dossier_transfer,
)
from motcua.dossiers.views import queues as queue_view
from motcua.units.models import Unit
from tests.dossiers.conftest import APPLICANT, Receive, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    cache.clear()  # the lookup limit counts in the cache, which outlives a test
    yield
    cache.clear()


def _client(user: Any = None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _page(response: Any) -> str:
    return response.content.decode()


def _counts() -> tuple[int, int, int]:
    return Dossier.objects.count(), DossierEvent.objects.count(), AuditEvent.objects.count()


# -- the counter ----------------------------------------------------------------------------------


@pytest.fixture
def xa(demo_units: dict[str, Unit]) -> Unit:
    return demo_units["2025:21484"]  # Xã Ba Tơ, in force today


@pytest.fixture
def clerk(xa: Unit) -> Any:
    user = UserFactory(username="xabato.motcua", full_name="Phạm Văn Hải")
    grant(user, "one_stop_officer", xa)
    return user


def _receipt(
    version: ProcedureVersion, unit: Unit, *, checked: tuple[int, ...] = (0, 1), **extra: str
) -> dict[str, str]:
    documents = list(version.documents.order_by("position"))
    data = {
        "version": str(version.pk),
        "idempotency_key": "phieu-0001",
        "unit": str(unit.pk),
        "kind": "citizen",
        "identifier": "051 090 001 234",
        "name": "Đinh Thị Mai",
        "address": "Tổ dân phố Ba Tơ",
        "phone": "0905123456",
        "email": "",
        "channel": "counter",
        "return_channel": "counter",
        "sets": "1",
        "missing": "",
        "reason": "",
        "opening": "receive",
        "doc-TOTAL_FORMS": str(len(documents) + 1),
        "doc-INITIAL_FORMS": str(len(documents)),
        "doc-MIN_NUM_FORMS": "0",
        "doc-MAX_NUM_FORMS": "80",
    }
    for n, d in enumerate(documents):
        data.update(
            {
                f"doc-{n}-required_document": str(d.pk),
                f"doc-{n}-name": d.name,
                f"doc-{n}-originals": "1",
                f"doc-{n}-certified_copies": "0",
                f"doc-{n}-copies": "0",
            }
        )
        if n in checked:
            data[f"doc-{n}-checked"] = "on"
    last = len(documents)
    data.update({f"doc-{last}-name": "", f"doc-{last}-originals": "0"})
    data.update(extra)
    return data


def test_counter_finds_the_procedure_and_shows_its_checklist(
    version: ProcedureVersion, clerk: Any, xa: Unit
) -> None:
    client = _client(clerk)
    found = _page(client.get("/dossiers/tiep-nhan/", {"q": "ket hon"}))
    assert f'href="?unit={xa.pk}&amp;procedure=1.000894"' in found
    form = _page(client.get("/dossiers/tiep-nhan/", {"unit": xa.pk, "procedure": "1.000894"}))
    assert "<h1>Đăng ký kết hôn</h1>" in form
    assert "Tờ khai đăng ký kết hôn" in form
    assert "Giấy xác nhận tình trạng hôn nhân" in form
    assert "30.000 đồng" in form
    assert f'name="version" value="{version.pk}"' in form
    assert re.search(r'name="idempotency_key" value="[0-9a-f]{32}"', form)
    for value, label in (
        ("receive", "Tiếp nhận"),
        ("request_supplement", "Yêu cầu bổ sung"),
        ("refuse", "Từ chối"),
    ):
        assert f'name="opening" value="{value}">{label}</button>' in form


def test_counter_needs_the_receive_permission(officers: dict[str, Any], xa: Unit) -> None:
    assert _client(officers["specialist"]).get("/dossiers/tiep-nhan/").status_code == 403


def test_counter_receipt_is_done_once_under_a_double_submit(
    version: ProcedureVersion, clerk: Any, xa: Unit
) -> None:
    client = _client(clerk)
    data = _receipt(version, xa, checked=(0, 1), **{"doc-2-name": "Giấy ủy quyền", "doc-2-copies": "1"})
    first = client.post("/dossiers/tiep-nhan/", data)
    again = client.post("/dossiers/tiep-nhan/", data)  # a double click: the same key
    dossier = Dossier.objects.get()
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == f"/dossiers/{dossier.code}/"
    assert re.fullmatch(rf"21484-{timezone.localdate():%y%m%d}-0001", dossier.code)
    assert dossier.status == Status.RECEIVED
    assert dossier.unit == xa
    assert dossier.applicant.identifier == "051090001234"
    assert [(c.name, c.originals, c.copies) for c in dossier.components.all()] == [
        ("Tờ khai đăng ký kết hôn", 1, 0),
        ("Giấy xác nhận tình trạng hôn nhân", 1, 0),
        ("Giấy ủy quyền", 0, 1),  # typed in by the officer
    ]
    page = _page(client.get(first["Location"]))
    assert "Đã tiếp nhận hồ sơ " + dossier.code + "." in page
    assert f'href="/dossiers/{dossier.code}/in/receipt.pdf/"' in page
    assert "In Giấy tiếp nhận (Mẫu 01)" in page


def test_counter_supplement_request_proposes_the_unchecked_documents(
    version: ProcedureVersion, clerk: Any, xa: Unit
) -> None:
    data = _receipt(version, xa, checked=(0,), opening="request_supplement", reason="Nộp tại xã")
    response = _client(clerk).post("/dossiers/tiep-nhan/", data)
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    event = dossier.events.get()
    assert event.data == {"missing": ["Giấy xác nhận tình trạng hôn nhân"]}
    assert event.note == "Nộp tại xã"
    page = _page(_client(clerk).get(response["Location"]))
    assert "In Phiếu yêu cầu bổ sung (Mẫu 02)" in page
    assert "Cần bổ sung: Giấy xác nhận tình trạng hôn nhân" in page


def test_counter_refusal_without_a_reason_changes_nothing_and_keeps_the_form(
    version: ProcedureVersion, clerk: Any, xa: Unit
) -> None:
    client = _client(clerk)
    before = _counts()
    response = client.post("/dossiers/tiep-nhan/", _receipt(version, xa, opening="refuse"))
    page = _page(response)
    assert response.status_code == 200
    assert "Hãy ghi rõ lý do từ chối tiếp nhận." in page
    assert 'value="Đinh Thị Mai"' in page
    assert 'name="idempotency_key" value="phieu-0001"' in page
    assert _counts() == before


def test_counter_bad_identifier_is_shown_beside_its_input(
    version: ProcedureVersion, clerk: Any, xa: Unit
) -> None:
    client = _client(clerk)
    before = _counts()
    page = _page(client.post("/dossiers/tiep-nhan/", _receipt(version, xa, identifier="12345")))
    assert "Số định danh không hợp lệ: số định danh cá nhân phải có đúng 12 chữ số." in page
    assert _counts() == before


# -- the work queues ------------------------------------------------------------------------------


def _codes(page: str) -> list[str]:
    return re.findall(r'<a href="/dossiers/(21484-\d{6}-\d{4})/">', page)


def test_queue_tabs_show_each_officer_their_own_work(receive: Receive, officers: dict[str, Any]) -> None:
    first = receive(at(2024, 3, 11, 9, 0))
    second = receive(at(2024, 3, 11, 10, 0))
    third = receive(at(2024, 3, 12, 9, 0))
    dossier_transfer(
        actor=officers["counter"], dossier=first, receiver=officers["specialist"], at=at(2024, 3, 11, 10)
    )
    Dossier.objects.filter(pk=third.pk).update(alert="due_soon")  # what the periodic scan would mark
    specialist, counter, head = (_client(officers[k]) for k in ("specialist", "counter", "head"))

    mine = _page(specialist.get("/dossiers/"))  # a specialist starts on their own dossiers
    assert 'href="?view=mine" aria-current="page"' in mine
    assert _codes(mine) == [first.code]
    assert _codes(_page(counter.get("/dossiers/"))) == [second.code, third.code]  # at the counter
    unit = _page(head.get("/dossiers/", {"view": "unit"}))
    assert _codes(unit) == [first.code, second.code, third.code]
    assert "3 hồ sơ đang mở" in unit
    assert _codes(_page(head.get("/dossiers/", {"view": "due_soon"}))) == [third.code]
    overdue = _page(head.get("/dossiers/", {"view": "overdue"}))  # all were due in March 2024
    assert overdue.count('<tr class="overdue">') == 3
    filtered = _page(head.get("/dossiers/", {"view": "unit", "status": "in_progress"}))
    assert _codes(filtered) == [first.code]
    assert _codes(_page(head.get("/dossiers/", {"view": "unit", "q": second.code}))) == [second.code]
    assert _codes(_page(head.get("/dossiers/", {"view": "unit", "procedure": "9.999999"}))) == []


def test_queue_pages_follow_the_cursor_and_cap_the_count(
    receive: Receive, officers: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = [receive(at(2024, 3, 11 + n, 9, 0)).code for n in range(3)]
    monkeypatch.setattr(queue_view, "PAGE_SIZE", 2)
    client = _client(officers["head"])
    first = _page(client.get("/dossiers/", {"view": "unit"}))
    assert _codes(first) == codes[:2]
    cursor = re.search(r'href="\?view=unit&amp;cursor=([\w-]+)" rel="next">Trang sau', first)
    assert cursor is not None
    second = _page(client.get("/dossiers/", {"view": "unit", "cursor": cursor[1]}))
    assert _codes(second) == codes[2:]
    assert "Trang sau" not in second
    assert "Về trang đầu" in second

    monkeypatch.setattr("motcua.dossiers.selectors.COUNT_CAP", 2)
    monkeypatch.setattr(queue_view, "COUNT_CAP", 2)
    assert "2+ hồ sơ đang mở" in _page(client.get("/dossiers/", {"view": "unit"}))


def test_queue_needs_a_dossier_permission(demo_units: dict[str, Unit]) -> None:
    assert _client(UserFactory()).get("/dossiers/").status_code == 403
    assert Client().get("/dossiers/")["Location"] == "/login/?next=/dossiers/"


# -- the dossier page and its actions -------------------------------------------------------------


def _act(client: Client, dossier: Dossier, action: str, **fields: Any) -> Any:
    dossier.refresh_from_db()
    data = {
        f"{action}-revision": dossier.revision,
        f"{action}-idempotency_key": f"{action}-{dossier.revision}",
    }
    data.update({f"{action}-{k}": v for k, v in fields.items()})
    return client.post(f"/dossiers/{dossier.code}/thao-tac/{action}/", data)


def test_each_action_form_drives_the_dossier_to_its_return(
    receive: Receive, officers: dict[str, Any]
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    counter, specialist, head = (_client(officers[k]) for k in ("counter", "specialist", "head"))
    page = _page(counter.get(f"/dossiers/{d.code}/"))
    assert 'id="action-transfer"' in page
    assert 'id="action-approve"' not in page  # the counter officer does not sign

    assert (
        _act(counter, d, "transfer", to_unit=d.unit_id, receiver=officers["specialist"].pk).status_code == 302
    )
    assert (
        _act(head, d, "assign", assignee=officers["specialist"].pk, note="Anh Lâm thẩm định").status_code
        == 302
    )
    assert _act(specialist, d, "step_start", position=2).status_code == 302
    assert (
        _act(specialist, d, "step_finish", receiver=officers["head"].pk, note="Đủ điều kiện").status_code
        == 302
    )
    assert _act(head, d, "approve", note="").status_code == 302
    response = _act(head, d, "issue_result", kind="both", title="Giấy chứng nhận kết hôn", register_number="")
    assert response.status_code == 302
    assert (
        _act(
            counter, d, "pay", amount=30000, method="cash", receipt_number="BL-0001", reference=""
        ).status_code
        == 302
    )
    assert _act(counter, d, "return_result", channel="counter").status_code == 302

    d.refresh_from_db()
    assert d.status == Status.RETURNED
    assert list(d.events.values_list("action", flat=True)) == [
        "receive", "transfer", "assign", "step_start", "step_finish", "approve", "issue_result", "pay", "return_result",
    ]  # fmt: skip
    page = _page(counter.get(f"/dossiers/{d.code}/"))
    assert "Đã thực hiện: Trả kết quả." in page
    assert "Bước 2: Thẩm định, trình ký" in page
    assert "Người nhận: Đinh Văn Sơn" in page
    assert "30.000 đồng · Tiền mặt, biên lai BL-0001" in page
    assert f"{d.code}-KQ1" in page
    assert "In Phiếu kiểm soát (Mẫu 05)" in page
    assert "Quá hạn" in page  # returned in 2026, due in March 2024 (K1)


def test_apology_sets_a_new_date_and_offers_its_letter(
    version: ProcedureVersion, xa: Unit, officers: dict[str, Any]
) -> None:
    # received a moment ago, so that its due time is days away: in a unit in force today
    grant(officers["specialist"], "specialist", xa)
    d = dossier_open(
        actor=None, unit=xa, version=version, applicant=APPLICANT, at=timezone.now() - dt.timedelta(minutes=5)
    )
    new = timezone.localtime(d.due_at + dt.timedelta(days=3)).replace(second=0, microsecond=0)
    specialist = _client(officers["specialist"])
    response = _act(
        specialist, d, "apologise", reason="Chờ xác minh", new_appointment=f"{new:%Y-%m-%dT%H:%M}"
    )
    assert response.status_code == 302
    d.refresh_from_db()
    assert d.appointment_at == new
    page = _page(specialist.get(f"/dossiers/{d.code}/"))
    assert "In Phiếu xin lỗi, hẹn lại (Mẫu 04)" in page
    assert 'id="action-apologise"' not in page  # once only (D8)
    assert f"hẹn trả lại <strong>{new:%H:%M %d/%m/%Y}</strong>" in page


def test_a_refused_action_shows_the_service_message_and_changes_nothing(
    receive: Receive, officers: dict[str, Any]
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    client = _client(officers["counter"])
    before = _counts()
    response = _act(client, d, "pay", amount=50000, method="cash", receipt_number="", reference="")
    assert response.status_code == 400
    assert "Số tiền vượt số còn phải nộp (30.000 đồng). Hồ sơ chưa thay đổi." in _page(response)
    assert 'name="pay-amount" value="50000"' in _page(response)  # the form as typed
    assert _counts() == before


def test_a_stale_revision_is_a_conflict_and_changes_nothing(
    receive: Receive, officers: dict[str, Any]
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    seen = d.revision
    dossier_transfer(
        actor=officers["counter"], dossier=d, at=at(2024, 3, 11, 10, 0)
    )  # another officer, first
    head = _client(officers["head"])
    before = _counts()
    response = head.post(
        f"/dossiers/{d.code}/thao-tac/assign/",
        {
            "assign-revision": seen,
            "assign-idempotency_key": "k-1",
            "assign-assignee": officers["specialist"].pk,
        },
    )
    assert response.status_code == 409
    assert f"Hồ sơ {d.code} vừa được người khác cập nhật. Hãy tải lại trang và thực hiện lại." in _page(
        response
    )
    assert _counts() == before
    d.refresh_from_db()
    assert d.assignee is None


def test_another_units_officer_gets_404(receive: Receive, demo_units: dict[str, Unit]) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    stranger = UserFactory()
    grant(stranger, "unit_head", demo_units["2024:21523"])  # Xã Ba Tô
    client = _client(stranger)
    before = _counts()
    assert client.get(f"/dossiers/{d.code}/").status_code == 404
    assert (
        client.post(f"/dossiers/{d.code}/thao-tac/approve/", {"approve-revision": d.revision}).status_code
        == 404
    )
    assert client.get(f"/dossiers/{d.code}/in/receipt.pdf/").status_code == 404
    assert _counts() == before


def test_the_identifier_is_masked_for_view_only_officers(
    receive: Receive, officers: dict[str, Any], demo_units: dict[str, Unit]
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    control = UserFactory()
    grant(control, "control_office", demo_units["district"])
    assert "051090001234" in _page(_client(officers["counter"]).get(f"/dossiers/{d.code}/"))
    masked = _page(_client(control).get(f"/dossiers/{d.code}/"))
    assert "*********234" in masked
    assert "051090001234" not in masked
    assert "0905123456" not in masked
    assert "Tổ dân phố Ba Tơ" not in masked  # nor the address
    assert "Không có thao tác nào bạn được làm lúc này." in masked
    assert "/in/receipt.pdf/" not in masked
    # the forms carry the applicant's details and the rating link: not for view-only officers
    assert _client(control).get(f"/dossiers/{d.code}/in/receipt.pdf/").status_code == 403
    assert _client(control).get("/dossiers/so-theo-doi/").status_code == 403


def test_receipt_slip_and_tracking_book_are_served(
    receive: Receive, officers: dict[str, Any], commune: Unit
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    client = _client(officers["counter"])
    pdf = client.get(f"/dossiers/{d.code}/in/receipt.pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == f'inline; filename="mau-01-{d.code}.pdf"'
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(f"/dossiers/{d.code}/in/receipt.docx/")
    assert docx["Content-Disposition"] == f'attachment; filename="mau-01-{d.code}.docx"'
    assert docx.content.startswith(b"PK")
    book = client.get(
        "/dossiers/so-theo-doi/",
        {"unit": commune.pk, "from": "2024-03-01", "to": "2024-03-31", "format": "pdf"},
    )
    assert book["Content-Type"] == "application/pdf"
    assert client.get(f"/dossiers/{d.code}/in/nothing.pdf/").status_code == 404
    none_yet = client.get(f"/dossiers/{d.code}/in/apology.pdf/", follow=True)
    assert "Không in được: hồ sơ không có phiếu này." in _page(none_yet)


def test_tracking_book_form_refuses_a_reversed_period(officers: dict[str, Any], commune: Unit) -> None:
    client = _client(officers["counter"])
    assert 'name="from"' in _page(client.get("/dossiers/so-theo-doi/"))
    page = _page(
        client.get(
            "/dossiers/so-theo-doi/",
            {"unit": commune.pk, "from": "2024-03-31", "to": "2024-03-01", "format": "pdf"},
        )
    )
    assert "Ngày cuối phải sau ngày đầu." in page


# -- the public lookup ----------------------------------------------------------------------------


def test_public_lookup_shows_a_masked_name_only(receive: Receive) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    page = _page(Client().get("/tra-cuu/", {"ma": d.code}))
    assert "Đinh T*** M***" in page
    assert "Đăng ký kết hôn" in page
    assert "Đã tiếp nhận" in page
    for private in ("Đinh Thị Mai", "051090001234", "0905123456", "Tổ dân phố Ba Tơ"):
        assert private not in page
    assert "Không tìm thấy hồ sơ có mã này." in _page(Client().get("/tra-cuu/", {"ma": "21484-240311-9999"}))


def test_public_lookup_is_rate_limited_per_address(receive: Receive, settings: Any) -> None:
    settings.STATUS_LOOKUP_RATE = "3/min"
    d = receive(at(2024, 3, 11, 9, 0))
    client = Client()
    assert [client.get("/tra-cuu/", {"ma": d.code}).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(f"/tra-cuu/{d.code}/")
    assert refused.status_code == 429
    assert "Bạn đã tra cứu quá nhiều lần trong thời gian ngắn." in _page(refused)
    assert "Đinh T*** M***" not in _page(refused)
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/tra-cuu/", {"ma": d.code}).status_code == 200


def test_rating_needs_the_slips_token_and_a_returned_dossier(
    receive: Receive, officers: dict[str, Any]
) -> None:
    d = receive(at(2024, 3, 11, 9, 0))
    head, counter = officers["head"], officers["counter"]
    link = f"/tra-cuu/{d.code}/?t={d.tracking_token}"
    assert 'id="rating"' not in _page(Client().get(link))  # not returned yet
    d = dossier_transfer(actor=counter, dossier=d, at=at(2024, 3, 11, 10))
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, 12, 10))
    d = dossier_issue_result(
        actor=head, dossier=d, kind="paper", title="Giấy chứng nhận kết hôn", at=at(2024, 3, 12, 11)
    )
    d = dossier_pay(actor=counter, dossier=d, amount=30000, method="cash", at=at(2024, 3, 13, 8))
    d = dossier_return(actor=counter, dossier=d, at=at(2024, 3, 13, 8, 5))

    wrong = Client().post(f"/tra-cuu/{d.code}/?t=doan-bua", {"satisfaction": "dissatisfied"})
    assert 'id="rating"' not in _page(wrong)
    assert Rating.objects.count() == 0
    client = Client()
    assert 'id="rating"' in _page(client.get(link))
    response = client.post(
        link, {"satisfaction": "satisfied", "contacts": "1", "agencies": "1", "comment": "Nhanh"}
    )
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.satisfaction, rating.contacts, rating.agencies, rating.comment) == (
        "satisfied",
        1,
        1,
        "Nhanh",
    )
    assert "Cảm ơn ông/bà đã đánh giá" in _page(client.get(link))


# -- home and menu --------------------------------------------------------------------------------


def test_home_and_menu_lead_officers_to_their_dossiers(officers: dict[str, Any]) -> None:
    home = _page(_client(officers["counter"]).get("/"))
    assert 'href="/dossiers/tiep-nhan/"' in home
    assert '<a href="/dossiers/" >Hồ sơ</a>' in home  # the menu
    specialist = _page(_client(officers["specialist"]).get("/"))
    assert 'href="/dossiers/tiep-nhan/"' not in specialist
    assert "Hồ sơ cần xử lý" in specialist
    nobody = _page(_client(UserFactory()).get("/"))
    assert 'href="/dossiers/' not in nobody
