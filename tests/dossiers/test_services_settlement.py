"""Settling, results, fees, return, withdrawal and rating: each rule with a real 2024 date."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from motcua.catalog.models import InterAgencyStep
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.core.deadlines import Outcome
from motcua.dossiers.enums import Status
from motcua.dossiers.models import Dossier, DossierEvent, Payment
from motcua.dossiers.selectors import control_rows, outcome_of
from motcua.dossiers.services import (
    dossier_apologise,
    dossier_approve,
    dossier_assign,
    dossier_consult,
    dossier_consult_answer,
    dossier_find_incomplete,
    dossier_issue_result,
    dossier_pause,
    dossier_pay,
    dossier_rate,
    dossier_reject,
    dossier_resume,
    dossier_return,
    dossier_step_finish,
    dossier_step_start,
    dossier_supplement_after_appraisal,
    dossier_transfer,
    dossier_waive_fee,
    dossier_withdraw,
)
from tests.dossiers.conftest import Receive, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int]:
    return (DossierEvent.objects.count(), AuditEvent.objects.count(), Payment.objects.count())


@pytest.fixture
def working(receive: Receive, officers: dict[str, Any]) -> Dossier:
    """Received Monday 11/03/2024 09:00 (due Monday 18/03 17:00), transferred to the specialist."""
    dossier = receive(at(2024, 3, 11, 9, 0))
    return dossier_transfer(
        actor=officers["counter"], dossier=dossier, receiver=officers["specialist"], at=at(2024, 3, 11, 9, 30)
    )


def _refused(code: str, call: Any, **kwargs: Any) -> None:
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        call(**kwargs)
    assert caught.value.code == code
    assert _counts() == before


def test_incomplete_after_appraisal_restarts_the_clock(working: Dossier, officers: dict[str, Any]) -> None:
    specialist, counter = officers["specialist"], officers["counter"]
    d = dossier_find_incomplete(
        actor=specialist, dossier=working, missing=["Trích lục ghi chú kết hôn"], at=at(2024, 3, 13, 9, 0)
    )
    assert d.status == Status.AWAITING_APPRAISAL_SUPPLEMENT
    d = dossier_supplement_after_appraisal(actor=counter, dossier=d, at=at(2024, 3, 15, 10, 0))
    assert d.status == Status.IN_PROGRESS
    assert d.clock_started_at == at(2024, 3, 15, 10, 0)
    assert d.due_at == at(2024, 3, 22, 17, 0)  # five working days from Friday: 18–22/03 (D6 restart)


def test_incomplete_after_three_working_days_is_refused(working: Dossier, officers: dict[str, Any]) -> None:
    _refused(
        "appraisal_notice_late",
        dossier_find_incomplete,
        actor=officers["specialist"],
        dossier=working,
        missing=["Trích lục"],
        at=at(2024, 3, 15, 7, 0),  # 11/03 09:00 + 3 working days (D1) = 14/03 17:00
    )
    # still allowed late on the third working day
    d = dossier_find_incomplete(
        actor=officers["specialist"], dossier=working, missing=["Trích lục"], at=at(2024, 3, 14, 16, 0)
    )
    assert d.status == Status.AWAITING_APPRAISAL_SUPPLEMENT


def test_pause_and_resume_keep_the_time_left(working: Dossier, officers: dict[str, Any]) -> None:
    specialist = officers["specialist"]
    d = dossier_pause(actor=specialist, dossier=working, reason="Chờ xác minh", at=at(2024, 3, 12, 7, 0))
    assert d.status == Status.PAUSED
    d = dossier_resume(actor=specialist, dossier=d, at=at(2024, 3, 19, 7, 0))
    # 12/03 07:00 to 18/03 17:00 left 5 working days; resumed Tuesday 19/03 07:00 → Monday 25/03 17:00
    assert d.due_at == at(2024, 3, 25, 17, 0)
    assert d.deadline_pauses == [["2024-03-12T07:00:00+07:00", "2024-03-19T07:00:00+07:00"]]


def test_pause_only_where_the_law_allows(working: Dossier, officers: dict[str, Any]) -> None:
    type(working.procedure_version).objects.filter(pk=working.procedure_version_id).update(
        pause_allowed=False
    )
    _refused("pause_not_allowed", dossier_pause, actor=officers["specialist"], dossier=working, reason="x")


def test_apology_once_and_at_least_a_working_day_before(working: Dossier, officers: dict[str, Any]) -> None:
    specialist = officers["specialist"]
    _refused(
        "apology_too_late",
        dossier_apologise,
        actor=specialist,
        dossier=working,
        reason="Chờ xác minh",
        new_appointment=at(2024, 3, 20, 17, 0),
        at=at(2024, 3, 18, 8, 0),  # the due day itself
    )
    _refused(
        "appointment_not_later",
        dossier_apologise,
        actor=specialist,
        dossier=working,
        reason="Chờ xác minh",
        new_appointment=at(2024, 3, 18, 17, 0),
        at=at(2024, 3, 15, 9, 0),
    )
    d = dossier_apologise(
        actor=specialist,
        dossier=working,
        reason="Chờ kết quả xác minh",
        new_appointment=at(2024, 3, 21, 17, 0),
        at=at(2024, 3, 15, 9, 0),
    )
    assert (d.appointment_at, d.due_at) == (at(2024, 3, 21, 17, 0), at(2024, 3, 18, 17, 0))
    _refused(
        "apology_already_issued",
        dossier_apologise,
        actor=specialist,
        dossier=d,
        reason="lần hai",
        new_appointment=at(2024, 3, 25, 17, 0),
        at=at(2024, 3, 15, 10, 0),
    )
    head = officers["head"]
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, 20, 9, 0))
    d = dossier_issue_result(
        actor=head, dossier=d, kind="paper", title="Giấy chứng nhận kết hôn", at=at(2024, 3, 20, 10, 0)
    )
    assert outcome_of(d) == Outcome.LATE  # the statutory due time decides, not the new appointment (D8)


def test_consultation_with_its_own_deadline(working: Dossier, officers: dict[str, Any]) -> None:
    specialist = officers["specialist"]
    _refused(
        "consult_due_invalid",
        dossier_consult,
        actor=specialist,
        dossier=working,
        agency="Công an xã",
        request="Xác minh cư trú",
        due_at=at(2024, 3, 11, 9, 0),
        at=at(2024, 3, 12, 9, 0),
    )
    d = dossier_consult(
        actor=specialist,
        dossier=working,
        agency="Công an xã",
        request="Xác minh cư trú",
        due_at=at(2024, 3, 13, 17, 0),
        at=at(2024, 3, 12, 9, 0),
    )
    consultation = d.consultations.get()
    d = dossier_consult_answer(
        actor=specialist,
        dossier=d,
        consultation_id=consultation.pk,
        answer="Đúng cư trú",
        at=at(2024, 3, 14, 9, 0),
    )
    assert d.events.get(action="consult_answer").data["late"] is True
    _refused(
        "consultation_unknown",
        dossier_consult_answer,
        actor=specialist,
        dossier=d,
        consultation_id=consultation.pk,
        answer="lại",
    )


def test_inter_agency_hand_overs_follow_the_order(working: Dossier, officers: dict[str, Any]) -> None:
    version = working.procedure_version
    InterAgencyStep.objects.create(
        version=version, position=1, agency="Phòng Tư pháp huyện", hours=Decimal(16)
    )
    InterAgencyStep.objects.create(version=version, position=2, agency="UBND huyện", hours=Decimal(8))
    specialist = officers["specialist"]
    d = dossier_step_start(actor=specialist, dossier=working, position=2, at=at(2024, 3, 11, 10, 0))
    _refused("agency_order", dossier_step_finish, actor=specialist, dossier=d, agency="UBND huyện")
    d = dossier_step_finish(
        actor=specialist, dossier=d, agency="Phòng Tư pháp huyện", at=at(2024, 3, 12, 10, 0)
    )
    assert d.events.get(action="step_finish").data["agency_position"] == 1


def test_receiver_outside_the_unit_is_refused(
    working: Dossier, officers: dict[str, Any], demo_units: Any
) -> None:
    outsider = UserFactory()
    grant(outsider, "specialist", demo_units["2024:21523"])
    _refused(
        "receiver_outside_unit", dossier_assign, actor=officers["head"], dossier=working, assignee=outsider
    )


def test_specialist_cannot_approve(working: Dossier, officers: dict[str, Any]) -> None:
    _refused("forbidden", dossier_approve, actor=officers["specialist"], dossier=working)


def test_control_slip_rows_classify_each_step(working: Dossier, officers: dict[str, Any]) -> None:
    specialist, head = officers["specialist"], officers["head"]
    d = dossier_step_start(actor=specialist, dossier=working, position=2, at=at(2024, 3, 11, 10, 0))
    # step 2 allots 28 working hours: held from the transfer (11/03 09:30) to 14/03 09:30 is 24 hours → early
    d = dossier_step_finish(actor=specialist, dossier=d, receiver=head, at=at(2024, 3, 14, 9, 30))
    rows = control_rows(d)
    assert [(r.giver, r.receiver, r.outcome) for r in rows] == [
        ("Phạm Thị Nga", "Thị trấn Ba Tơ", ""),
        ("Phạm Thị Nga", "Hồ Văn Lâm", "early"),  # 30 minutes of the 4 hours step 1 allots
        ("Hồ Văn Lâm", "Đinh Văn Sơn", "early"),
    ]
    assert (rows[2].held_minutes, rows[2].allotted_minutes) == (24 * 60, 28 * 60)


def test_reject_ends_processing(working: Dossier, officers: dict[str, Any]) -> None:
    _refused("reason_missing", dossier_reject, actor=officers["head"], dossier=working, reason=" ")
    d = dossier_reject(actor=officers["head"], dossier=working, reason="Không đủ điều kiện kết hôn")
    assert (d.status, d.is_open) == (Status.RESULT_READY, False)


def _ready(working: Dossier, officers: dict[str, Any], kind: str = "electronic") -> Dossier:
    head = officers["head"]
    d = dossier_approve(actor=head, dossier=working, at=at(2024, 3, 13, 9, 0))
    return dossier_issue_result(
        actor=head, dossier=d, kind=kind, title="Giấy chứng nhận kết hôn", at=at(2024, 3, 13, 10, 0)
    )


def test_result_codes_and_e_certified_copies(working: Dossier, officers: dict[str, Any]) -> None:
    head = officers["head"]
    d = dossier_approve(actor=head, dossier=working)
    _refused(
        "register_number_missing",
        dossier_issue_result,
        actor=head,
        dossier=d,
        kind="e_certified_copy",
        title="Bản sao",
    )
    d = dossier_issue_result(
        actor=head,
        dossier=d,
        kind="e_certified_copy",
        title="Bản sao điện tử giấy khai sinh",
        register_number="SCT/2024/15",
    )
    result = d.results.get()
    assert (result.code, result.register_number) == (f"{d.code}-KQ1", "SCT/2024/15")


def test_fee_must_be_paid_or_waived_before_return(working: Dossier, officers: dict[str, Any]) -> None:
    counter = officers["counter"]
    d = _ready(working, officers)
    _refused("fee_unpaid", dossier_return, actor=counter, dossier=d)
    _refused("amount_too_high", dossier_pay, actor=counter, dossier=d, amount=40000, method="cash")
    _refused("amount_invalid", dossier_pay, actor=counter, dossier=d, amount="ba mươi", method="cash")
    _refused("reference_missing", dossier_pay, actor=counter, dossier=d, amount=30000, method="online")
    d = dossier_pay(actor=counter, dossier=d, amount=10000, method="online", reference="VNPAY-1")
    assert d.paid_online is True
    _refused(
        "payment_duplicate",
        dossier_pay,
        actor=counter,
        dossier=d,
        amount=10000,
        method="online",
        reference="VNPAY-1",
    )
    _refused("fee_unpaid", dossier_return, actor=counter, dossier=d)
    d = dossier_waive_fee(actor=counter, dossier=d, reason="Người có công với cách mạng")
    d = dossier_return(actor=counter, dossier=d, channel="post")
    assert (d.status, d.return_channel) == (Status.RETURNED, "post")


def test_rating_once_with_the_token_after_return(working: Dossier, officers: dict[str, Any]) -> None:
    d = _ready(working, officers)
    with pytest.raises(ApplicationError) as caught:
        dossier_rate(dossier=d, token=d.tracking_token, satisfaction="satisfied")
    assert caught.value.code == "rating_too_early"
    dossier_pay(actor=officers["counter"], dossier=d, amount=30000, method="cash")
    d = dossier_return(actor=officers["counter"], dossier=d)
    with pytest.raises(ApplicationError) as caught:
        dossier_rate(dossier=d, token="sai", satisfaction="satisfied")
    assert caught.value.code == "forbidden"
    with pytest.raises(ApplicationError) as caught:
        dossier_rate(dossier=d, token=d.tracking_token, satisfaction="satisfied", contacts=120)
    assert caught.value.code == "contacts_invalid"
    dossier_rate(dossier=d, token=d.tracking_token, satisfaction="normal", contacts=2, agencies=1)
    with pytest.raises(ApplicationError) as caught:
        dossier_rate(dossier=d, token=d.tracking_token, satisfaction="satisfied")
    assert caught.value.code == "rating_exists"


def test_applicant_withdraws_their_own_dossier(working: Dossier) -> None:
    citizen = UserFactory(username="051090001234")
    working.applicant.user = citizen
    working.applicant.save()
    d = dossier_withdraw(actor=citizen, dossier=working, reason="Không còn nhu cầu")
    assert (d.status, d.is_open) == (Status.WITHDRAWN, False)
    assert d.events.last().actor == citizen


def test_stranger_cannot_withdraw(working: Dossier) -> None:
    _refused("forbidden", dossier_withdraw, actor=UserFactory(), dossier=working)


def test_idempotent_action_retry(working: Dossier, officers: dict[str, Any]) -> None:
    head = officers["head"]
    first = dossier_assign(actor=head, dossier=working, assignee=officers["specialist"], idempotency_key="k1")
    again = dossier_assign(actor=head, dossier=working, assignee=officers["specialist"], idempotency_key="k1")
    assert again.revision == first.revision
    assert working.events.filter(action="assign").count() == 1


def test_a_step_is_finished_once(working: Dossier, officers: dict[str, Any]) -> None:
    specialist, head = officers["specialist"], officers["head"]
    d = dossier_step_start(actor=specialist, dossier=working, position=2, at=at(2024, 3, 11, 10, 0))
    d = dossier_step_finish(actor=specialist, dossier=d, receiver=head, at=at(2024, 3, 12, 10, 0))
    assert d.current_step == 0
    _refused("step_not_started", dossier_step_finish, actor=head, dossier=d, receiver=specialist)


def test_transfer_only_to_a_settling_unit(
    receive: Receive, officers: dict[str, Any], demo_units: Any
) -> None:
    dossier = receive(at(2024, 3, 11, 9, 0))
    _refused(
        "transfer_unit_invalid",
        dossier_transfer,
        actor=officers["counter"],
        dossier=dossier,
        to_unit=demo_units["2024:21523"],  # another commune: it does not settle Thị trấn Ba Tơ's dossiers
    )


def test_paused_dossier_is_not_overdue(working: Dossier, officers: dict[str, Any]) -> None:
    from motcua.dossiers.selectors import work_queue

    d = dossier_pause(
        actor=officers["specialist"], dossier=working, reason="Chờ xác minh", at=at(2024, 3, 12, 9, 0)
    )
    assert outcome_of(d, now=at(2024, 4, 1, 9, 0)) == Outcome.WITHIN_TIME
    overdue = work_queue(officers["head"], view="overdue", now=at(2024, 4, 1, 9, 0))
    assert overdue.count == 0
    d = dossier_resume(actor=officers["specialist"], dossier=d, at=at(2024, 3, 13, 9, 0))
    assert work_queue(officers["head"], view="overdue", now=at(2024, 4, 1, 9, 0)).count == 1


def test_odd_rating_tokens_are_refused(working: Dossier) -> None:
    with pytest.raises(ApplicationError) as caught:
        dossier_rate(dossier=working, token="é-không-phải-mã", satisfaction="satisfied")
    assert caught.value.code == "forbidden"


def test_a_pause_does_not_count_against_the_step(working: Dossier, officers: dict[str, Any]) -> None:
    specialist, head = officers["specialist"], officers["head"]
    d = dossier_step_start(actor=specialist, dossier=working, position=2, at=at(2024, 3, 11, 10, 0))
    d = dossier_pause(actor=specialist, dossier=d, reason="Chờ xác minh", at=at(2024, 3, 11, 10, 30))
    d = dossier_resume(actor=specialist, dossier=d, at=at(2024, 4, 1, 7, 0))
    d = dossier_step_finish(actor=specialist, dossier=d, receiver=head, at=at(2024, 4, 1, 8, 0))
    row = control_rows(d)[-1]
    # held from the transfer (11/03 09:30) to 01/04 08:00, less the pause: 1 hour + 1 hour of work
    assert (row.held_minutes, row.outcome) == (120, "early")
