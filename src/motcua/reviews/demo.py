"""A demo review campaign (plan task 8): the district's justice office reviews three commune procedures of
the demo catalogue, with compliance costs before and after simplification. Through the services, once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.reviews.enums import Criterion
from motcua.reviews.models import ReviewCampaign
from motcua.reviews.services import (
    AssessmentInput,
    CostLineInput,
    ProposalInput,
    campaign_create,
    campaign_open,
    record_accept,
    record_create,
    record_submit,
    record_update,
)
from motcua.units.models import Unit

D = Decimal
#: code, times a year, subjects a year, cost lines (scenario, kind, name, hours or amount), proposal, criteria not met
RECORDS: tuple[tuple[str, str, int, tuple[tuple[str, str, str, str], ...], str, tuple[str, ...]], ...] = (
    (
        "2.000815",  # Chứng thực bản sao từ bản chính
        "2",
        1200,
        (
            ("before", "task", "Chuẩn bị giấy tờ", "2"),
            ("before", "task", "Đi lại, chờ, nộp hồ sơ", "3"),
            ("before", "task", "Nhận kết quả", "1.5"),
            ("before", "fee", "Lệ phí chứng thực", "20000"),
            ("before", "other", "Sao chụp giấy tờ", "10000"),
            ("after", "task", "Chuẩn bị giấy tờ", "2"),
            ("after", "task", "Nộp và nhận kết quả trực tuyến", "1"),
            ("after", "fee", "Lệ phí chứng thực", "20000"),
        ),
        "Cho phép nộp bản chụp điện tử và nhận bản sao điện tử có chứng thực",
        ("simplicity",),
    ),
    (
        "1.004873",  # Cấp Giấy xác nhận tình trạng hôn nhân
        "1",
        800,
        (
            ("before", "task", "Chuẩn bị tờ khai, giấy tờ", "1.5"),
            ("before", "task", "Đi lại, nộp hồ sơ", "2"),
            ("before", "task", "Nhận kết quả", "1"),
            ("after", "task", "Khai trực tuyến, dữ liệu dân cư điền sẵn", "0.5"),
            ("after", "task", "Nhận kết quả điện tử", "0.25"),
        ),
        "Khai thác Cơ sở dữ liệu quốc gia về dân cư thay cho giấy tờ người dân nộp",
        ("simplicity", "feasibility"),
    ),
    (
        "1.001193",  # Đăng ký khai sinh: nothing to cut
        "1",
        600,
        (
            ("before", "task", "Chuẩn bị tờ khai, giấy chứng sinh", "1"),
            ("before", "task", "Đi lại, nộp hồ sơ, nhận kết quả", "2"),
        ),
        "",
        (),
    ),
)


def load_demo_reviews(*, units: dict[str, Unit], progress: Callable[[str], None] | None = None) -> None:
    say = progress or (lambda _msg: None)
    if ReviewCampaign.objects.exists():
        return
    office = User.objects.get(username="vanphong")
    head = User.objects.get(username="tuphap.truongphong")
    procedures = {p.code: p for p in Procedure.objects.filter(code__in=[r[0] for r in RECORDS])}
    campaign = campaign_create(
        actor=office,
        unit=units["district"],
        name="Rà soát, đánh giá TTHC lĩnh vực tư pháp năm 2024",
        year=2024,
        deadline=dt.date(2024, 9, 30),
        units=[units["535-TP"]],
        scope="Thủ tục hộ tịch, chứng thực giải quyết tại UBND cấp xã",
        basis="Kế hoạch kiểm soát TTHC năm 2024 của huyện Ba Tơ, nhiệm vụ 8",
    )
    campaign = campaign_open(actor=office, campaign=campaign)
    for code, times, subjects, lines, proposal, not_met in RECORDS:
        if code not in procedures:
            continue
        record = record_create(
            actor=head, campaign=campaign, procedure=procedures[code], unit=units["535-TP"]
        )
        record_update(
            actor=head,
            record=record,
            conclusion="Đã đánh giá đủ sáu tiêu chí; đề xuất như dưới đây." if proposal else "Giữ nguyên.",
            times_per_year=D(times),
            subjects_per_year=subjects,
            assessments=[
                AssessmentInput(c, "not_met" if c in not_met else "met", "") for c in Criterion.values
            ],
            proposals=[ProposalInput("simplify", proposal)] if proposal else [],
            cost_lines=[
                CostLineInput(
                    scenario,
                    kind,
                    name,
                    hours=D(value) if kind == "task" else None,
                    amount=D(value) if kind != "task" else None,
                )
                for scenario, kind, name, value in lines
            ],
        )
        record = record_submit(actor=head, record=record)
        record_accept(actor=office, record=record)
    say(f"rà soát: đợt “{campaign.name}” với {campaign.records.count()} phiếu đã chấp nhận")
