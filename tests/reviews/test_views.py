"""The review pages: what the district office and the justice office see and do, another unit's record
as a 404, the record form with its formsets, and the XLSX export."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.reviews.enums import RecordStatus
from motcua.reviews.models import DraftComment, ReviewCampaign, ReviewRecord
from motcua.reviews.services.records import record_state
from motcua.units.models import Unit
from tests.reviews.helpers import worked_records

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def records(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
) -> list[ReviewRecord]:
    return worked_records(
        campaign, procedures, demo_units, demo_accounts["tuphap.truongphong"], commune_officer
    )


def test_the_office_sees_the_district_total_against_the_target(
    records: list[ReviewRecord], campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    office = _client(demo_accounts["vanphong"])
    listing = office.get("/reviews/").content.decode()
    assert "Rà soát, đánh giá TTHC năm 2024" in listing
    assert "<td>972.000.000</td><td>402.000.000</td><td>58,64</td>" in listing
    assert "CẦN KIỂM CHỨNG" in listing  # the constants are shown with their source
    page = office.get(f"/reviews/{campaign.pk}/").content.decode()
    assert '<td id="total-before">972.000.000</td>' in page
    assert '<td id="total-after">402.000.000</td>' in page
    assert '<strong id="total-reduction">58,64 %</strong>' in page
    assert "(đạt chỉ tiêu)" in page
    assert '<rect class="bar-done" x="10" y="10" width="175" height="18">' in page  # 58.64 % × 3 px
    assert page.count(f'action="/reviews/records/{records[0].pk}/review/"') == 1


def test_the_justice_office_sees_its_records_only(
    records: list[ReviewRecord], campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    head = _client(demo_accounts["tuphap.truongphong"])
    page = head.get(f"/reviews/{campaign.pk}/").content.decode()
    assert "Chỉ tính các phiếu của đơn vị bạn." in page
    assert [code in page for code in ("1.001", "1.003", "Đăng ký khai sinh")] == [True, True, False]
    assert '<td id="total-before">882.000.000</td>' in page
    assert "/review/" not in page  # no accept or return buttons
    assert head.get(f"/reviews/records/{records[0].pk}/").status_code == 200
    assert head.get(f"/reviews/records/{records[1].pk}/").status_code == 404
    assert head.post(f"/reviews/records/{records[1].pk}/submit/").status_code == 404
    assert head.post(f"/reviews/records/{records[0].pk}/review/", {"decision": "accept"}).status_code == 403
    assert ReviewRecord.objects.get(pk=records[0].pk).status == RecordStatus.SUBMITTED


def test_a_commune_officer_cannot_open_or_change_the_justice_offices_record(
    records: list[ReviewRecord], commune_officer: User
) -> None:
    commune = _client(commune_officer)
    target = records[0]
    state = record_state(ReviewRecord.objects.get(pk=target.pk))
    assert commune.get(f"/reviews/records/{target.pk}/").status_code == 404
    assert commune.post(f"/reviews/records/{target.pk}/", {"conclusion": "x"}).status_code == 404
    assert record_state(ReviewRecord.objects.get(pk=target.pk)) == state


def test_draft_campaigns_are_hidden_from_the_units(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    office = _client(demo_accounts["vanphong"])
    response = office.post(
        "/reviews/create/",
        {
            "unit": str(demo_units["district"].pk),
            "name": "Rà soát TTHC lĩnh vực hộ tịch",
            "year": "2024",
            "deadline": "2024-10-31",
            "units": [str(demo_units["535-TP"].pk)],
        },
    )
    campaign = ReviewCampaign.objects.get()
    assert response["Location"] == f"/reviews/{campaign.pk}/"
    assert campaign.hour_value == Decimal(43_750)
    head = _client(demo_accounts["tuphap.truongphong"])
    assert head.get(f"/reviews/{campaign.pk}/").status_code == 404
    office.post(f"/reviews/{campaign.pk}/status/", {"action": "open"})
    assert head.get(f"/reviews/{campaign.pk}/").status_code == 200
    assert head.post(f"/reviews/{campaign.pk}/status/", {"action": "close"}).status_code == 403
    assert ReviewCampaign.objects.get().status == "open"


def test_the_justice_office_writes_a_record_through_the_form(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_accounts: dict[str, User],
    demo_units: dict[str, Unit],
) -> None:
    head = _client(demo_accounts["tuphap.truongphong"])
    response = head.post(
        f"/reviews/{campaign.pk}/records/create/",
        {"procedure_code": "1.001", "unit": str(demo_units["535-TP"].pk)},
    )
    record = ReviewRecord.objects.get()
    assert response["Location"] == f"/reviews/records/{record.pk}/"
    form = head.get(f"/reviews/records/{record.pk}/").content.decode()
    assert "Sự phù hợp với điều ước quốc tế mà Việt Nam là thành viên" in form
    data = {
        "conclusion": "Cần đơn giản hóa",
        "times_per_year": "2",
        "after_times_per_year": "",
        "subjects_per_year": "1200",
        "proposals-TOTAL_FORMS": "2",
        "proposals-INITIAL_FORMS": "0",
        "proposals-0-kind": "simplify",
        "proposals-0-content": "Nộp trực tuyến",
        "proposals-1-kind": "",
        "proposals-1-content": "",
        "costs-TOTAL_FORMS": "4",
        "costs-INITIAL_FORMS": "0",
        "costs-0-scenario": "before",
        "costs-0-kind": "task",
        "costs-0-name": "Đi lại, nộp hồ sơ",
        "costs-0-hours": "6.5",
        "costs-1-scenario": "before",
        "costs-1-kind": "fee",
        "costs-1-name": "Lệ phí",
        "costs-1-amount": "80000",
        "costs-2-scenario": "after",
        "costs-2-kind": "task",
        "costs-2-name": "Khai trực tuyến",
        "costs-2-hours": "2",
        "costs-3-scenario": "after",
        "costs-3-kind": "fee",
        "costs-3-name": "Lệ phí",
        "costs-3-amount": "50000",
        "costs-3-DELETE": "on",
    }
    for criterion in ("necessity", "reasonableness", "simplicity", "feasibility", "consistency", "treaty"):
        data[f"verdict_{criterion}"] = "not_met" if criterion == "simplicity" else "met"
        data[f"comment_{criterion}"] = ""
    saved = head.post(f"/reviews/records/{record.pk}/", data)
    assert saved.status_code == 302
    record.refresh_from_db()
    lines = [(c.scenario, c.kind, c.hours, c.amount) for c in record.cost_lines.all()]
    assert lines == [
        ("before", "task", Decimal("6.50"), None),
        ("before", "fee", None, Decimal(80_000)),
        ("after", "task", Decimal("2.00"), None),
    ]
    assert [p.kind for p in record.proposals.all()] == ["simplify"]  # the blank extra row is skipped
    page = head.get(f"/reviews/records/{record.pk}/").content.decode()
    # now 6.5 h × 40,000 = 260,000 + 80,000 = 340,000 × 2 × 1,200 = 816,000,000;
    # after 2 h = 80,000 (no fee line after) × 2 × 1,200 = 192,000,000; saving 624,000,000 = 76.47 %
    assert "<td>816.000.000</td><td>192.000.000</td>" in page
    assert "624.000.000 (76,47 %)" in page
    sent = head.post(f"/reviews/records/{record.pk}/submit/")
    assert sent.status_code == 302
    assert ReviewRecord.objects.get().status == RecordStatus.SUBMITTED


def test_the_export_opens_and_has_the_totals(
    records: list[ReviewRecord], campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    response = _client(demo_accounts["vanphong"]).get(f"/reviews/{campaign.pk}/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Tổng hợp"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[2][:2] == ["Giá trị một giờ (đồng)", 40_000]
    first = next(r for r in rows if r[1] == "1.001")
    assert first[5:14] == [340_000, 130_000, 2, 2, 1_200, 816_000_000, 312_000_000, 504_000_000, 61.76]
    totals = next(r for r in rows if r[0] == "Tổng cộng (phiếu đã gửi, đã chấp nhận)")
    assert totals[10:15] == [972_000_000, 402_000_000, 570_000_000, 58.64, 3]
    assert ["Chỉ tiêu cắt giảm (%)", 10] in [r[:2] for r in rows]
    assert ["Kết quả", "Đạt chỉ tiêu"] in [r[:2] for r in rows]
    assert book["Chi tiết chi phí"].max_row == 1 + 8 + 2 + 2


def test_comment_pages(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit], commune_officer: User
) -> None:
    office = _client(demo_accounts["vanphong"])
    created = office.post(
        "/reviews/comments/create/",
        {
            "unit": str(demo_units["535-TP"].pk),
            "kind": "regulation",
            "title": "Dự thảo Nghị quyết quy định mức thu lệ phí hộ tịch",
            "received_on": "2024-03-01",
            "deadline": "2024-03-10",
        },
    )
    comment = DraftComment.objects.get()
    assert created["Location"] == f"/reviews/comments/{comment.pk}/"
    listing = _client(demo_accounts["tuphap.truongphong"]).get("/reviews/comments/").content.decode()
    assert "Dự thảo Nghị quyết quy định mức thu lệ phí hộ tịch" in listing
    assert '<strong class="warning">quá hạn</strong>' in listing
    specialist = _client(demo_accounts["tuphap.chuyenvien"])
    answered = specialist.post(
        f"/reviews/comments/{comment.pk}/",
        {"action": "answer", "answer": "Đề nghị giảm lệ phí", "answer_ref": "", "answered_on": "2024-03-12"},
    )
    assert answered.status_code == 302
    assert DraftComment.objects.get().status == "answered"
    assert "gửi muộn" in specialist.get(f"/reviews/comments/{comment.pk}/").content.decode()
    assert _client(commune_officer).get(f"/reviews/comments/{comment.pk}/").status_code == 404
    assert _client(demo_accounts["motcua.bato"]).get("/reviews/comments/").status_code == 403
    assert _client(demo_accounts["motcua.bato"]).get("/reviews/").status_code == 403


def test_leaders_follow_but_do_not_edit(
    records: list[ReviewRecord], campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    leader = _client(demo_accounts["lanhdao"])
    assert "58,64" in leader.get(f"/reviews/{campaign.pk}/").content.decode()
    assert leader.get(f"/reviews/records/{records[0].pk}/").status_code == 200
    assert leader.post(f"/reviews/records/{records[0].pk}/", {}).status_code == 403
    assert leader.get(f"/reviews/{campaign.pk}/edit/").status_code == 403
