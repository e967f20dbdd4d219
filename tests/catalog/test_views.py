"""The catalogue pages: public reading, staff editing and publishing, import by upload, publication
decisions, what a one-stop section receives and its notice sheet, exports."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import User
from motcua.catalog.models import (
    Offering,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    PublicationDecision,
    PublicationItem,
)
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
MakeProcedure = Callable[..., ProcedureVersion]


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(response: Any) -> str:
    return response.content.decode()


@pytest.fixture
def catalogue(make_procedure: MakeProcedure) -> dict[str, ProcedureVersion]:
    """Two published procedures and one that is still a draft."""
    return {
        "birth": make_procedure("1.001193", "Đăng ký khai sinh"),
        "copy": make_procedure(
            "2.000815", "Chứng thực bản sao từ bản chính", field="Chứng thực", value="0", unit="same_day"
        ),
        "marriage": make_procedure("1.000894", "Đăng ký kết hôn", publish=False),
    }


# -- public reading -------------------------------------------------------------------------------


def test_anonymous_list_shows_only_published_procedures(catalogue: dict[str, ProcedureVersion]) -> None:
    page = _page(Client().get("/catalog/"))
    assert "Đăng ký khai sinh" in page
    assert "Chứng thực bản sao từ bản chính" in page
    assert "Đăng ký kết hôn" not in page
    assert "2 thủ tục" in page
    assert "3 ngày làm việc" in page
    assert "trong ngày" in page
    assert "Nhập danh mục" not in page
    assert "Bản nháp" not in page


def test_search_through_the_page_ignores_diacritics(catalogue: dict[str, ProcedureVersion]) -> None:
    page = _page(Client().get("/catalog/", {"q": "dang ky khai sinh"}))
    assert "1 thủ tục" in page
    assert 'href="/catalog/1.001193/"' in page
    assert "2.000815" not in page
    field_page = _page(Client().get("/catalog/", {"field": "Chứng thực"}))
    assert "1 thủ tục" in field_page
    assert 'href="/catalog/2.000815/"' in field_page


def test_staff_list_shows_drafts_with_their_status_and_problems(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    ProcedureVersion.objects.filter(pk=catalogue["marriage"].pk).update(
        import_problems=[
            {"kind": "fee", "channel": "counter", "reason": "không đọc được mức phí", "raw": "x"}
        ]
        * 2
    )
    page = _page(_client(demo_accounts["vanphong"]).get("/catalog/"))
    assert "3 thủ tục" in page
    assert "Đăng ký kết hôn" in page
    assert '<span class="status status-draft">Bản nháp</span>' in page
    assert '<span class="problems-count" title="Nội dung chưa đọc được">2</span>' in page
    assert 'href="/catalog/import/"' in page


def test_detail_is_public_for_published_versions_and_staff_see_more(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    ProcedureVersion.objects.filter(pk=catalogue["birth"].pk).update(
        import_problems=[
            {
                "kind": "documents",
                "channel": "",
                "reason": "không tách được số bản",
                "raw": "Tờ khai (01 bản)",
            }
        ],
        source_raw={"ma_thu_tuc": "1.001193", "ten_thu_tuc": "Đăng ký khai sinh"},
    )
    public = _page(Client().get("/catalog/1.001193/"))
    assert "<h1>Đăng ký khai sinh</h1>" in public
    assert "3 ngày làm việc" in public
    assert "Trực tiếp" in public
    assert "Nội dung chưa đọc được" not in public
    assert "Tạo bản nháp mới" not in public
    assert "ten_thu_tuc" not in public
    assert Client().get("/catalog/1.000894/").status_code == 404  # a draft only
    assert Client().get("/catalog/9.999999/").status_code == 404

    staff = _page(_client(demo_accounts["vanphong"]).get("/catalog/1.001193/"))
    assert "Nội dung chưa đọc được" in staff
    assert "<td>Thành phần hồ sơ</td><td></td><td>không tách được số bản</td>" in staff
    assert "Còn thiếu nội dung theo Nghị định 63/2010 (Điều 8 khoản 2): thành phần, số lượng hồ sơ" in staff
    assert '<dt class="code">ten_thu_tuc</dt>' in staff
    assert 'action="/catalog/1.001193/draft/"' in staff
    draft_page = _page(_client(demo_accounts["vanphong"]).get("/catalog/1.000894/"))
    assert 'href="/catalog/1.000894/v1/"' in draft_page
    assert 'action="/catalog/1.000894/v1/publish/"' in draft_page


# -- writing --------------------------------------------------------------------------------------


def test_one_stop_officer_cannot_draft_publish_or_import(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    officer = _client(demo_accounts["motcua.bato"])
    assert officer.post("/catalog/1.001193/draft/").status_code == 403
    assert officer.post("/catalog/1.000894/v1/publish/", {"valid_from": "2024-03-01"}).status_code == 403
    assert officer.get("/catalog/1.000894/v1/").status_code == 403
    assert officer.get("/catalog/import/").status_code == 403
    upload = SimpleUploadedFile("a.jsonl", b'{"ma_thu_tuc": "9.000001", "ten_thu_tuc": "X"}\n')
    assert officer.post("/catalog/import/", {"file": upload}).status_code == 403
    assert officer.get("/catalog/publications/").status_code == 403
    assert sorted(ProcedureVersion.objects.values_list("procedure__code", "number", "status")) == [
        ("1.000894", 1, "draft"),
        ("1.001193", 1, "published"),
        ("2.000815", 1, "published"),
    ]
    assert Procedure.objects.count() == 3
    anonymous = Client().post("/catalog/1.001193/draft/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/login/")


def test_control_office_drafts_edits_sets_the_process_and_publishes(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    response = office.post("/catalog/1.001193/draft/")
    assert response["Location"] == "/catalog/1.001193/v2/"
    assert "<h1>Sửa bản nháp 1.001193, phiên bản 2</h1>" in _page(office.get("/catalog/1.001193/v2/"))
    form = {
        "name": "Đăng ký khai sinh",
        "field": "Hộ tịch",
        "kind": "",
        "applicants": "Công dân Việt Nam\nNgười nước ngoài",
        "competent_agency": "UBND cấp xã",
        "receiving_agency": "",
        "coordinating_agencies": "",
        "steps_text": "Bước 1: nộp hồ sơ.",
        "conditions": "",
        "time_limit_value": "2",
        "time_limit_unit": "working_days",
        "time_limit_note": "",
        "online_level": "partial",
        "full_process_eligible": "unknown",
        "result_type": "both",
        "legal_basis": "60/2014/QH13 | Luật Hộ tịch\nThông tư hướng dẫn",
        "results": "KQ.G01.000001 | Giấy khai sinh",
        "same_day_cutoff": "15:30",
    }
    response = office.post("/catalog/1.001193/v2/", form)
    assert response["Location"] == "/catalog/1.001193/?v=2"
    draft = ProcedureVersion.objects.get(procedure__code="1.001193", number=2)
    assert draft.legal_basis == [
        {"code": "60/2014/QH13", "name": "Luật Hộ tịch"},
        {"code": "", "name": "Thông tư hướng dẫn"},
    ]
    assert (draft.results, str(draft.same_day_cutoff)) == (
        [{"code": "KQ.G01.000001", "name": "Giấy khai sinh"}],
        "15:30:00",
    )
    again = _page(office.get("/catalog/1.001193/v2/"))
    assert "60/2014/QH13 | Luật Hộ tịch\nThông tư hướng dẫn</textarea>" in again
    assert (str(draft.time_limit_value), draft.time_limit_unit, draft.applicants, draft.hand_edited) == (
        "2.00",
        "working_days",
        ["Công dân Việt Nam", "Người nước ngoài"],
        True,
    )

    def process(*hours: str) -> dict[str, str]:
        data = {
            "steps-TOTAL_FORMS": "3",
            "steps-INITIAL_FORMS": "0",
            "agency-TOTAL_FORMS": "1",
            "agency-INITIAL_FORMS": "0",
        }
        for i in range(3):
            data |= {f"steps-{i}-name": "", f"steps-{i}-role": "", f"steps-{i}-hours": ""}
        for i, value in enumerate(hours):
            data |= {
                f"steps-{i}-name": f"Bước {i + 1}",
                f"steps-{i}-role": "specialist",
                f"steps-{i}-hours": value,
            }
        return data | {"agency-0-agency": "", "agency-0-task": "", "agency-0-hours": ""}

    refused = office.post("/catalog/1.001193/v2/process/", process("8", "4"))
    assert refused.status_code == 200
    assert (
        "Quy trình nội bộ chưa khớp thời hạn: tổng thời gian các bước là 12 giờ làm việc, "
        "phải bằng thời hạn giải quyết 16 giờ làm việc. Chưa lưu gì."
    ) in _page(refused)
    assert ProcessStep.objects.count() == 0

    saved = office.post("/catalog/1.001193/v2/process/", process("8", "7,5", "0.5"))
    assert saved["Location"] == "/catalog/1.001193/?v=2"
    assert list(ProcessStep.objects.order_by("position").values_list("position", "name", "hours")) == [
        (1, "Bước 1", 8),
        (2, "Bước 2", 7.5),
        (3, "Bước 3", 0.5),
    ]

    response = office.post("/catalog/1.001193/v2/publish/", {"valid_from": "2026-01-01"}, follow=True)
    assert "Đã công bố phiên bản 2, hiệu lực từ ngày 01/01/2026." in _page(response)
    versions = ProcedureVersion.objects.filter(procedure__code="1.001193").order_by("number")
    assert [(v.number, v.status, v.valid_from, v.valid_to) for v in versions] == [
        (1, "ended", dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
        (2, "published", dt.date(2026, 1, 1), None),
    ]
    public = _page(Client().get("/catalog/1.001193/"))
    assert "2 ngày làm việc" in public
    assert '<td>Bước 2</td><td>Chuyên viên xử lý</td><td class="num">7,5</td>' in public


def test_a_published_version_is_not_edited(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        "/catalog/1.001193/v1/",
        {"name": "Tên khác", "time_limit_value": "1", "time_limit_unit": "working_days"},
        follow=True,
    )
    assert "Phiên bản 1 đã công bố, không sửa được; hãy tạo bản nháp mới." in _page(response)
    assert ProcedureVersion.objects.get(procedure__code="1.001193").name == "Đăng ký khai sinh"
    assert office.get("/catalog/1.001193/v1/process/")["Location"] == "/catalog/1.001193/?v=1"


def test_edit_form_errors_are_shown_and_nothing_saved(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        "/catalog/1.000894/v1/", {"name": " ", "time_limit_value": "2", "time_limit_unit": ""}
    )
    page = _page(response)
    assert response.status_code == 200
    assert "Hãy chọn đơn vị của thời hạn (ngày làm việc, giờ làm việc, …)." in page
    draft = ProcedureVersion.objects.get(procedure__code="1.000894")
    assert (draft.name, str(draft.time_limit_value), draft.time_limit_unit) == (
        "Đăng ký kết hôn",
        "3.00",
        "working_days",
    )


# -- import ---------------------------------------------------------------------------------------


def test_import_by_upload_shows_the_summary(
    seed_rows: list[dict[str, Any]], demo_accounts: dict[str, User]
) -> None:
    rows = seed_rows[:10]
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows).encode()
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        "/catalog/import/", {"file": SimpleUploadedFile("cap-xa.jsonl", data), "valid_from": ""}
    )
    page = _page(response)
    assert response.status_code == 200
    assert "<dt>Thủ tục mới</dt><dd>10</dd>" in page
    assert "<dt>Không thay đổi</dt><dd>0</dd>" in page
    assert "<dt>Đã công bố</dt><dd>0</dd>" in page
    assert sorted(Procedure.objects.values_list("code", flat=True)) == sorted(r["ma_thu_tuc"] for r in rows)
    again = _page(office.post("/catalog/import/", {"file": SimpleUploadedFile("cap-xa.jsonl", data)}))
    assert "<dt>Không thay đổi</dt><dd>10 (" in again  # and how many of them are still drafts
    assert ProcedureVersion.objects.count() == 10


def test_a_bad_upload_says_why_and_creates_nothing(
    demo_accounts: dict[str, User], monkeypatch: pytest.MonkeyPatch
) -> None:
    office = _client(demo_accounts["vanphong"])
    wrong = office.post(
        "/catalog/import/", {"file": SimpleUploadedFile("danh-muc.txt", b"1.001193 Khai sinh")}
    )
    assert "Tệp danh-muc.txt: chỉ nhận tệp .jsonl, .json, .csv hoặc .xlsx." in _page(wrong)
    broken = office.post(
        "/catalog/import/", {"file": SimpleUploadedFile("danh-muc.json", b'{"ma_thu_tuc": 1}')}
    )
    assert "Tệp JSON phải là một danh sách thủ tục." in _page(broken)
    monkeypatch.setattr("motcua.catalog.forms.MAX_UPLOAD_BYTES", 10)
    big = office.post("/catalog/import/", {"file": SimpleUploadedFile("lon.jsonl", b"x" * 11)})
    assert "Tệp lon.jsonl lớn hơn 20 MB; hãy chia nhỏ danh mục rồi nhập từng phần." in _page(big)
    assert Procedure.objects.count() == 0


# -- publication decisions ------------------------------------------------------------------------


def test_publication_decision_create_and_item_dates(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    form = {
        "number": "245/QĐ-UBND",
        "signed_on": "2024-02-05",
        "issuer": "Chủ tịch UBND tỉnh Quảng Ngãi",
        "issuer_level": "province",
        "title": "",
        "legal_effective_on": "2024-02-19",
        "new": "1.001193",
        "amended": "2.000815, 9.999999",
        "replaced": "",
        "abolished": "",
    }
    refused = office.post("/catalog/publications/", form)
    assert "Không có thủ tục mã 9.999999 trong danh mục." in _page(refused)
    assert PublicationDecision.objects.count() == 0

    response = office.post("/catalog/publications/", form | {"amended": "2.000815"})
    decision = PublicationDecision.objects.get()
    assert response["Location"] == f"/catalog/publications/{decision.pk}/"
    assert sorted(decision.items.values_list("procedure__code", "change")) == [
        ("1.001193", "new"),
        ("2.000815", "amended"),
    ]
    item = decision.items.get(procedure__code="1.001193")
    response = office.post(
        f"/catalog/publications/{decision.pk}/",
        {"item": item.pk, "made_public_at": "2024-02-19T10:00", "legal_effective_on": "2024-02-19"},
        follow=True,
    )
    page = _page(response)
    assert "Đã ghi ngày của thủ tục 1.001193." in page
    item = PublicationItem.objects.get(pk=item.pk)
    assert item.made_public_at is not None
    assert item.made_public_at.isoformat() == "2024-02-19T03:00:00+00:00"
    row = page[page.index(f'id="item-{item.pk}"') :]
    row = row[: row.index("</tr>")]
    # published on time (5 working days before 19/02), made public on time, documents missing
    assert row.count('<span class="check-yes" title="đạt">✓</span>') == 2
    assert "thiếu thành phần, số lượng hồ sơ" in row
    other = decision.items.get(procedure__code="2.000815")
    row = page[page.index(f'id="item-{other.pk}"') :]
    row = row[: row.index("</tr>")]
    assert '<span class="check-no" title="không đạt">✗</span>' in row  # never made public, time is up

    future = office.post(
        f"/catalog/publications/{decision.pk}/",
        {"item": item.pk, "made_public_at": "2099-01-01T08:00", "legal_effective_on": ""},
        follow=True,
    )
    assert "1.001193: Ngày công khai không được ở tương lai." in _page(future)
    assert PublicationItem.objects.get(pk=item.pk).legal_effective_on == dt.date(2024, 2, 19)


# -- offerings and the notice sheet ---------------------------------------------------------------


def test_offerings_of_a_unit_outside_scope_are_not_found(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    outside = demo_units["2025:21484"]  # under the new province, not the district's subtree
    office = _client(demo_accounts["vanphong"])
    assert office.get(f"/catalog/offerings/{outside.pk}/").status_code == 404
    assert office.post(f"/catalog/offerings/{outside.pk}/", {"codes": "1.001193"}).status_code == 404
    own = demo_units["2024:21523"]
    officer = _client(demo_accounts["motcua.bato"])  # no catalogue permission, even for the own commune
    assert officer.post(f"/catalog/offerings/{own.pk}/", {"codes": "1.001193"}).status_code == 404
    assert Offering.objects.count() == 0


def test_offerings_saved_and_the_notice_lists_the_published_ones(
    catalogue: dict[str, ProcedureVersion], demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    commune = demo_units["2024:21523"]
    office = _client(demo_accounts["vanphong"])
    assert f'href="/catalog/offerings/{commune.pk}/"' in _page(office.get("/catalog/offerings/"))
    refused = office.post(f"/catalog/offerings/{commune.pk}/", {"codes": "1.001193 9.999999"})
    assert "Không có thủ tục mã 9.999999 trong danh mục." in _page(refused)
    assert Offering.objects.count() == 0
    response = office.post(
        f"/catalog/offerings/{commune.pk}/", {"codes": "1.001193, 2.000815\n1.000894"}, follow=True
    )
    assert "Đã lưu 3 thủ tục tiếp nhận tại Xã Ba Tô." in _page(response)
    assert sorted(Offering.objects.filter(unit=commune).values_list("procedure__code", flat=True)) == [
        "1.000894",
        "1.001193",
        "2.000815",
    ]
    notice = _page(Client().get(f"/catalog/notice/{commune.pk}/"))
    assert "Danh mục thủ tục hành chính tiếp nhận tại Bộ phận Một cửa Xã Ba Tô" in notice
    assert '<td class="code">1.001193</td><td>Đăng ký khai sinh</td>' in notice
    assert '<td class="code">2.000815</td><td>Chứng thực bản sao từ bản chính</td>' in notice
    assert "1.000894" not in notice  # a draft is not posted
    assert "@media print" in notice
    assert 'onclick="window.print()"' in notice


# -- exports --------------------------------------------------------------------------------------


def test_exports_hold_the_versions_in_force(catalogue: dict[str, ProcedureVersion]) -> None:
    response = Client().get("/catalog/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="danh-muc-tthc-')
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.title == "Thủ tục"
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["1.001193", "2.000815"]
    data = json.loads(Client().get("/catalog/export.json").content)
    assert [(v["code"], v["status"]) for v in data] == [("1.001193", "published"), ("2.000815", "published")]
    assert Client().get("/catalog/export.csv").status_code == 404


def test_a_procedure_typed_in_by_hand_starts_as_a_draft(demo_accounts: dict[str, User]) -> None:
    from motcua.catalog.models import ProcedureVersion

    office = Client()
    office.force_login(demo_accounts["vanphong"])
    response = office.post(
        "/catalog/new/", {"code": "2.999001", "name": "Thủ tục của tỉnh", "field": "Nội vụ"}
    )
    assert response["Location"] == "/catalog/2.999001/v1/"
    draft = ProcedureVersion.objects.get(procedure__code="2.999001")
    assert (draft.number, draft.status, draft.name, draft.hand_edited) == (
        1,
        "draft",
        "Thủ tục của tỉnh",
        True,
    )
    again = office.post("/catalog/new/", {"code": "2.999001", "name": "Khác"}, follow=True)
    assert "Đã có thủ tục mã 2.999001." in again.content.decode()
    reserved = office.post("/catalog/new/", {"code": "import", "name": "X"}, follow=True)
    assert "Mã thủ tục không được bắt đầu bằng “import”" in reserved.content.decode()
    officer = Client()
    officer.force_login(demo_accounts["motcua.bato"])
    assert officer.post("/catalog/new/", {"code": "2.999002", "name": "X"}).status_code == 403
    assert ProcedureVersion.objects.count() == 1
