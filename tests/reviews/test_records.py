"""Review record services: unit scoping, completeness before sending, the office's decision, the audit
trail, and bad input that changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from motcua.accounts.models import User
from motcua.catalog.models import Procedure
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.reviews.enums import RecordStatus
from motcua.reviews.models import CostLine, ReviewCampaign, ReviewProposal, ReviewRecord
from motcua.reviews.services import (
    CostLineInput,
    ProposalInput,
    campaign_close,
    record_accept,
    record_create,
    record_return,
    record_submit,
)
from motcua.reviews.services.records import record_state
from motcua.units.models import Unit
from tests.reviews.helpers import money, task, write

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def justice_record(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
) -> ReviewRecord:
    record = record_create(
        actor=demo_accounts["tuphap.chuyenvien"],
        campaign=campaign,
        procedure=procedures["1.001"],
        unit=demo_units["535-TP"],
    )
    return write(
        demo_accounts["tuphap.chuyenvien"],
        record,
        lines=[task("before", "Nộp hồ sơ", "2"), money("before", "fee", "Lệ phí", 10_000)],
        subjects=100,
    )


def test_a_new_record_has_six_criteria_to_assess(justice_record: ReviewRecord) -> None:
    fresh = ReviewRecord.objects.get(pk=justice_record.pk)
    assert sorted(fresh.assessments.values_list("criterion", flat=True)) == [
        "consistency",
        "feasibility",
        "necessity",
        "reasonableness",
        "simplicity",
        "treaty",
    ]


@pytest.mark.parametrize(
    ("who", "unit_key", "code"),
    [
        ("commune", "535-TP", "forbidden"),  # a commune officer for the justice office
        ("tuphap.truongphong", "2024:21523", "forbidden"),  # the justice office for the commune
        ("lanhdao", "535-TP", "forbidden"),  # leaders follow, they do not review
        ("tuphap.truongphong", "535-VHTT", "forbidden"),
        ("vanphong", "535-VHTT", "record_unit_not_asked"),  # the office may, but VHTT was not asked
    ],
)
def test_a_unit_reviews_only_for_itself(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
    commune_officer: User,
    who: str,
    unit_key: str,
    code: str,
) -> None:
    actor = commune_officer if who == "commune" else demo_accounts[who]
    with pytest.raises(ApplicationError) as refused:
        record_create(
            actor=actor, campaign=campaign, procedure=procedures["1.002"], unit=demo_units[unit_key]
        )
    assert refused.value.code == code
    assert ReviewRecord.objects.count() == 0


def test_another_units_record_cannot_be_changed_and_nothing_moves(
    justice_record: ReviewRecord, commune_officer: User, demo_accounts: dict[str, User]
) -> None:
    state, events = record_state(ReviewRecord.objects.get(pk=justice_record.pk)), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        write(commune_officer, justice_record, lines=[task("before", "x", "99")], subjects=1)
    assert refused.value.code == "forbidden"
    with pytest.raises(ApplicationError):
        record_submit(actor=commune_officer, record=justice_record)
    with pytest.raises(ApplicationError) as head:
        record_accept(actor=demo_accounts["tuphap.truongphong"], record=justice_record)
    assert head.value.code == "forbidden"
    assert record_state(ReviewRecord.objects.get(pk=justice_record.pk)) == state
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize(
    ("lines", "proposals", "numbers", "code"),
    [
        ([CostLineInput("before", "task", "Nộp", amount=D(5))], [], {}, "cost_line_hours"),
        ([CostLineInput("before", "task", "Nộp", hours=D(-1))], [], {}, "cost_line_hours"),
        ([CostLineInput("before", "task", "Nộp", hours=D(10_001))], [], {}, "cost_line_hours"),
        ([CostLineInput("before", "fee", "Lệ phí")], [], {}, "cost_line_amount"),
        ([CostLineInput("before", "fee", "Lệ phí", amount=D("10.5"))], [], {}, "cost_line_amount"),
        ([CostLineInput("before", "other", "Đi lại", hours=D(1), amount=D(1))], [], {}, "cost_line_amount"),
        ([CostLineInput("during", "task", "Nộp", hours=D(1))], [], {}, "cost_line_kind"),
        ([CostLineInput("before", "task", "  ", hours=D(1))], [], {}, "cost_line_name"),
        ([], [ProposalInput("merge", "Gộp")], {}, "proposal_kind"),
        ([], [ProposalInput("simplify", " ")], {}, "proposal_content"),
        ([], [], {"times": "-1"}, "record_times"),
        ([], [], {"subjects": -5}, "record_subjects"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    justice_record: ReviewRecord,
    demo_accounts: dict[str, User],
    lines: list[CostLineInput],
    proposals: list[ProposalInput],
    numbers: dict[str, Any],
    code: str,
) -> None:
    state, events = record_state(ReviewRecord.objects.get(pk=justice_record.pk)), AuditEvent.objects.count()
    with pytest.raises(ApplicationError) as refused:
        write(demo_accounts["tuphap.chuyenvien"], justice_record, lines=lines, proposals=proposals, **numbers)
    assert refused.value.code == code
    assert record_state(ReviewRecord.objects.get(pk=justice_record.pk)) == state
    assert AuditEvent.objects.count() == events
    assert CostLine.objects.count() == 2


def test_a_record_is_sent_only_when_complete(
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
) -> None:
    head = demo_accounts["tuphap.truongphong"]
    record = record_create(
        actor=head, campaign=campaign, procedure=procedures["1.003"], unit=demo_units["535-TP"]
    )

    def refused() -> str:
        with pytest.raises(ApplicationError) as error:
            record_submit(actor=head, record=record)
        return error.value.code + ": " + error.value.message

    assert refused() == "record_incomplete: Hãy đánh giá đủ sáu tiêu chí."
    write(head, record, lines=[], subjects=10, not_met=["feasibility"])
    assert refused() == "record_incomplete: Hãy ghi chi phí tuân thủ hiện tại (ít nhất một khoản)."
    write(head, record, lines=[task("before", "Lập hồ sơ", "1")], subjects=0, not_met=["feasibility"])
    assert refused() == (
        "record_incomplete: Hãy ghi số lần thực hiện trong năm và số đối tượng thực hiện (lớn hơn 0)."
    )
    write(head, record, lines=[task("before", "Lập hồ sơ", "1")], subjects=10, not_met=["feasibility"])
    assert (
        refused() == "record_incomplete: Có tiêu chí không đạt: hãy ghi ít nhất một phương án đơn giản hóa."
    )
    write(
        head,
        record,
        lines=[task("before", "Lập hồ sơ", "1")],
        subjects=10,
        not_met=["feasibility"],
        proposals=[ProposalInput("amend", "Sửa thời hạn", "Quyết định 123/QĐ-UBND")],
    )
    assert record_submit(actor=head, record=record).status == RecordStatus.SUBMITTED
    with pytest.raises(ApplicationError) as locked:
        write(head, record, lines=[], subjects=10)
    assert locked.value.code == "record_not_draft"


def test_the_office_returns_with_a_note_then_accepts_and_every_step_is_audited(
    justice_record: ReviewRecord, demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    specialist, office = demo_accounts["tuphap.chuyenvien"], demo_accounts["vanphong"]
    record_submit(actor=specialist, record=justice_record)
    with pytest.raises(ApplicationError) as no_note:
        record_return(actor=office, record=justice_record, note=" ")
    assert no_note.value.code == "review_note_required"
    returned = record_return(actor=office, record=justice_record, note="Thiếu chi phí đi lại")
    assert (returned.status, returned.review_note, returned.reviewed_by) == (
        RecordStatus.DRAFT,
        "Thiếu chi phí đi lại",
        office,
    )
    write(
        specialist,
        justice_record,
        lines=[task("before", "Nộp hồ sơ", "2"), money("before", "other", "Đi lại", 15_000)],
        subjects=100,
    )
    record_submit(actor=specialist, record=justice_record)
    accepted = record_accept(actor=office, record=justice_record)
    assert accepted.status == RecordStatus.ACCEPTED
    events = AuditEvent.objects.filter(object_type="reviews.reviewrecord").order_by("id")
    assert [(e.operation, e.unit_id) for e in events] == [
        (op, demo_units["535-TP"].pk)
        for op in (
            "reviews.record_create",
            "reviews.record_update",
            "reviews.record_submit",
            "reviews.record_return",
            "reviews.record_update",
            "reviews.record_submit",
            "reviews.record_accept",
        )
    ]
    update = events.filter(operation="reviews.record_update").last()
    assert update is not None
    assert update.before["cost_lines"] == [
        ["before", "task", "Nộp hồ sơ", "2.00", None],
        ["before", "fee", "Lệ phí", None, "10000"],
    ]
    assert update.after["cost_lines"] == [
        ["before", "task", "Nộp hồ sơ", "2.00", None],
        ["before", "other", "Đi lại", None, "15000"],
    ]
    assert events.get(operation="reviews.record_return").reason == "Thiếu chi phí đi lại"


def test_a_closed_campaign_freezes_its_records(
    justice_record: ReviewRecord, campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    campaign_close(actor=demo_accounts["vanphong"], campaign=campaign)
    with pytest.raises(ApplicationError) as refused:
        write(demo_accounts["tuphap.chuyenvien"], justice_record, lines=[], subjects=1)
    assert refused.value.code == "campaign_not_open"
    assert ReviewProposal.objects.count() == 0


def test_the_same_procedure_once_per_unit_and_not_when_abolished(
    justice_record: ReviewRecord,
    campaign: ReviewCampaign,
    procedures: dict[str, Procedure],
    demo_units: dict[str, Unit],
    demo_accounts: dict[str, User],
) -> None:
    head = demo_accounts["tuphap.truongphong"]
    with pytest.raises(ApplicationError) as twice:
        record_create(actor=head, campaign=campaign, procedure=procedures["1.001"], unit=demo_units["535-TP"])
    assert twice.value.code == "record_exists"
    import datetime as dt

    Procedure.objects.filter(code="1.002").update(abolished_on=dt.date(2024, 1, 1))
    with pytest.raises(ApplicationError) as gone:
        record_create(
            actor=head,
            campaign=campaign,
            procedure=Procedure.objects.get(code="1.002"),
            unit=demo_units["535-TP"],
        )
    assert gone.value.code == "procedure_abolished"
    assert ReviewRecord.objects.count() == 1


def test_a_closed_campaign_keeps_its_accepted_totals_and_prices(
    justice_record: ReviewRecord, campaign: ReviewCampaign, demo_accounts: dict[str, User]
) -> None:
    from motcua.reviews.services import campaign_update

    specialist, office = demo_accounts["tuphap.chuyenvien"], demo_accounts["vanphong"]
    record_submit(actor=specialist, record=justice_record)
    record_accept(actor=office, record=justice_record)
    campaign_close(actor=office, campaign=campaign)
    with pytest.raises(ApplicationError) as refused:
        record_return(actor=office, record=justice_record, note="Xem lại")
    assert refused.value.code == "campaign_closed"
    justice_record.refresh_from_db()
    assert justice_record.status == RecordStatus.ACCEPTED

    campaign.refresh_from_db()
    from motcua.reviews.services import campaign_reopen

    campaign_reopen(actor=office, campaign=campaign)
    values = {
        "name": campaign.name,
        "year": campaign.year,
        "deadline": campaign.deadline,
        "units": list(campaign.units.all()),
        "scope": campaign.scope,
        "basis": campaign.basis,
        "target_percent": campaign.target_percent,
        "hour_value_source": campaign.hour_value_source,
    }
    with pytest.raises(ApplicationError) as locked:
        campaign_update(actor=office, campaign=campaign, hour_value=campaign.hour_value + 1, **values)
    assert locked.value.code == "campaign_hour_value_locked"
    campaign.refresh_from_db()
    assert campaign.status == "open"
