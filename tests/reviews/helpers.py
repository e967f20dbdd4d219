"""Writing a complete review record in one call, and the three records of the worked district example."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.reviews.enums import Criterion
from motcua.reviews.models import ReviewCampaign, ReviewRecord
from motcua.reviews.services import (
    AssessmentInput,
    CostLineInput,
    ProposalInput,
    record_create,
    record_submit,
    record_update,
)
from motcua.units.models import Unit

D = Decimal


def task(scenario: str, name: str, hours: str) -> CostLineInput:
    return CostLineInput(scenario, "task", name, hours=D(hours))


def money(scenario: str, kind: str, name: str, amount: int) -> CostLineInput:
    return CostLineInput(scenario, kind, name, amount=D(amount))


def write(
    actor: User,
    record: ReviewRecord,
    *,
    lines: Sequence[CostLineInput],
    times: str = "1",
    subjects: int = 0,
    proposals: Sequence[ProposalInput] = (),
    not_met: Sequence[str] = (),
    after_times: str | None = None,
) -> ReviewRecord:
    return record_update(
        actor=actor,
        record=record,
        conclusion="Đã rà soát đủ các tiêu chí.",
        times_per_year=D(times),
        after_times_per_year=D(after_times) if after_times is not None else None,
        subjects_per_year=subjects,
        assessments=[
            AssessmentInput(c, "not_met" if c in not_met else "met", "Nhận xét") for c in Criterion.values
        ],
        proposals=proposals,
        cost_lines=lines,
    )


def worked_records(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    units: dict[str, Unit],
    head: User,
    commune: User,
    *,
    submit: bool = True,
) -> list[ReviewRecord]:
    """A: the justice office's chứng thực, simplified (the core's worked example);
    B: Xã Ba Tô's khai sinh, nothing proposed; C: the justice office proposes to abolish 1.003."""
    a = record_create(actor=head, campaign=campaign, procedure=procedures["1.001"], unit=units["535-TP"])
    write(
        head,
        a,
        lines=[
            task("before", "Chuẩn bị hồ sơ", "2"),
            task("before", "Đi lại, nộp hồ sơ", "3"),
            task("before", "Nhận kết quả", "1.5"),
            money("before", "fee", "Lệ phí chứng thực", 50_000),
            money("before", "other", "Sao chụp giấy tờ", 30_000),
            task("after", "Khai trực tuyến", "1"),
            task("after", "Nhận kết quả", "1"),
            money("after", "fee", "Lệ phí chứng thực", 50_000),
        ],
        times="2",
        subjects=1_200,
        proposals=[ProposalInput("simplify", "Nộp và nhận kết quả trực tuyến, bỏ bản sao giấy tờ")],
        not_met=["simplicity"],
    )
    b = record_create(
        actor=commune, campaign=campaign, procedure=procedures["1.002"], unit=units["2024:21523"]
    )
    write(
        commune,
        b,
        lines=[task("before", "Chuẩn bị và nộp hồ sơ", "4"), money("before", "other", "Đi lại", 20_000)],
        subjects=500,
    )
    c = record_create(actor=head, campaign=campaign, procedure=procedures["1.003"], unit=units["535-TP"])
    write(
        head,
        c,
        lines=[task("before", "Lập hồ sơ", "3"), money("before", "fee", "Phí thẩm định", 100_000)],
        subjects=300,
        proposals=[ProposalInput("abolish", "Bãi bỏ: lễ hội truyền thống chỉ cần thông báo")],
        not_met=["necessity"],
    )
    records = [a, b, c]
    if submit:
        records = [
            record_submit(actor=head if r.unit_id == units["535-TP"].pk else commune, record=r)
            for r in records
        ]
    return records
