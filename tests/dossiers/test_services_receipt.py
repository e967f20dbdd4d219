"""Receipt and the one-stop section's first decisions: codes, deadlines, supplement once, refusal,
idempotency, permissions (Decree 61/2018 Art. 16–18)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.documents.models import Owner
from motcua.dossiers.enums import Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.services import (
    ApplicantInput,
    Opening,
    dossier_accept,
    dossier_open,
    dossier_refuse,
    dossier_request_supplement,
    dossier_submit,
    dossier_supplement,
    dossier_transfer,
)
from tests.dossiers.conftest import APPLICANT, Receive, at
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int, int, int]:
    return (
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        AuditEvent.objects.count(),
        Owner.objects.count(),
    )


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (at(2024, 3, 11, 9, 0), at(2024, 3, 18, 17, 0)),  # Monday: 12, 13, 14, 15, 18
        (at(2024, 2, 7, 10, 0), at(2024, 2, 21, 17, 0)),  # the eve of Tết: 08–14/02 off
        (at(2024, 4, 26, 16, 0), at(2024, 5, 7, 17, 0)),  # 27/4–1/5 off; 2, 3, Saturday 4 (make-up), 6, 7/5
        (at(2024, 3, 10, 22, 0), at(2024, 3, 18, 17, 0)),  # Sunday night online-style: effective Monday 07:00
    ],
)
def test_due_time_from_the_deadline_engine(receive: Receive, received: dt.datetime, due: dt.datetime) -> None:
    dossier = receive(received)
    assert dossier.due_at == due
    assert dossier.deadline_ruleset.code == "nd61-2018"


def test_codes_count_per_unit_per_day(receive: Receive) -> None:
    codes = [receive(at(2024, 3, 11, 9, m)).code for m in range(3)]
    codes.append(receive(at(2024, 3, 12, 9, 0)).code)
    assert codes == ["21484-240311-0001", "21484-240311-0002", "21484-240311-0003", "21484-240312-0001"]
    assert [d.book_number for d in Dossier.objects.order_by("id")] == [1, 2, 3, 4]


def test_online_submission_then_accept(version: Any, commune: Any, officers: dict[str, Any]) -> None:
    dossier = dossier_submit(
        actor=None,
        unit=commune,
        version=version,
        applicant=APPLICANT,
        channel="online",
        at=at(2024, 3, 9, 21, 0),
    )
    assert dossier.status == Status.SUBMITTED
    assert dossier.effective_receipt_at == at(2024, 3, 11, 7, 0)  # Saturday night → Monday opening (R1)
    assert dossier.book_number is None
    accepted = dossier_accept(actor=officers["counter"], dossier=dossier, at=at(2024, 3, 11, 8, 0))
    assert accepted.status == Status.RECEIVED
    assert accepted.book_number == 1
    assert accepted.due_at == dossier.due_at  # counted from the submission


def test_counter_submission_is_refused(version: Any, commune: Any, officers: dict[str, Any]) -> None:
    with pytest.raises(ApplicationError) as caught:
        dossier_submit(actor=officers["counter"], unit=commune, version=version, applicant=APPLICANT)
    assert caught.value.code == "channel_invalid"


def test_supplement_once_with_the_full_list(version: Any, commune: Any, officers: dict[str, Any]) -> None:
    dossier = dossier_submit(
        actor=None,
        unit=commune,
        version=version,
        applicant=APPLICANT,
        channel="online",
        at=at(2024, 3, 11, 9, 0),
    )
    with pytest.raises(ApplicationError) as caught:
        dossier_request_supplement(actor=officers["counter"], dossier=dossier, missing=["  "])
    assert caught.value.code == "supplement_list_missing"
    dossier = dossier_request_supplement(
        actor=officers["counter"],
        dossier=dossier,
        missing=["Giấy xác nhận tình trạng hôn nhân", "Bản sao CCCD"],
        at=at(2024, 3, 11, 10, 0),
    )
    assert dossier.status == Status.AWAITING_SUPPLEMENT
    event = dossier.events.get(action="request_supplement")
    assert event.data == {"missing": ["Giấy xác nhận tình trạng hôn nhân", "Bản sao CCCD"]}
    dossier = dossier_supplement(actor=officers["counter"], dossier=dossier, at=at(2024, 3, 13, 9, 0))
    assert dossier.status == Status.SUBMITTED
    assert dossier.received_at == at(2024, 3, 13, 9, 0)
    assert dossier.due_at == at(2024, 3, 20, 17, 0)  # the time limit counts from the complete dossier
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        dossier_request_supplement(actor=officers["counter"], dossier=dossier, missing=["Tờ khai"])
    assert caught.value.code == "supplement_already_requested"
    assert _counts() == before
    assert Dossier.objects.get(pk=dossier.pk).status == Status.SUBMITTED


def test_second_supplement_where_the_law_allows_it(
    version: Any, commune: Any, officers: dict[str, Any]
) -> None:
    type(version).objects.filter(pk=version.pk).update(supplement_requests_allowed=2)
    version.refresh_from_db()
    dossier = dossier_submit(
        actor=None,
        unit=commune,
        version=version,
        applicant=APPLICANT,
        channel="post",
        at=at(2024, 3, 11, 9, 0),
    )
    for _ in range(2):
        dossier = dossier_request_supplement(actor=officers["counter"], dossier=dossier, missing=["Tờ khai"])
        dossier = dossier_supplement(actor=officers["counter"], dossier=dossier)
    assert dossier.supplement_requests == 2


def test_counter_refusal_and_incomplete_at_the_counter(
    version: Any, commune: Any, officers: dict[str, Any]
) -> None:
    refused = dossier_open(
        actor=officers["counter"],
        unit=commune,
        version=version,
        applicant=APPLICANT,
        opening=Opening("refuse", reason="Không thuộc thẩm quyền giải quyết của UBND xã"),
        at=at(2024, 3, 11, 9, 0),
    )
    assert (refused.status, refused.is_open, refused.book_number) == (Status.REFUSED, False, None)
    incomplete = dossier_open(
        actor=officers["counter"],
        unit=commune,
        version=version,
        applicant=APPLICANT,
        opening=Opening("request_supplement", missing=["Giấy xác nhận tình trạng hôn nhân"]),
        at=at(2024, 3, 11, 9, 0),
    )
    assert (incomplete.status, incomplete.supplement_requests) == (Status.AWAITING_SUPPLEMENT, 1)
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        dossier_open(
            actor=officers["counter"],
            unit=commune,
            version=version,
            applicant=APPLICANT,
            opening=Opening("refuse"),
            at=at(2024, 3, 11, 9, 0),
        )
    assert caught.value.code == "refusal_reason_missing"
    assert _counts() == before


def test_refuse_a_submitted_dossier(version: Any, commune: Any, officers: dict[str, Any]) -> None:
    dossier = dossier_submit(
        actor=None,
        unit=commune,
        version=version,
        applicant=APPLICANT,
        channel="online",
        at=at(2024, 3, 11, 9, 0),
    )
    dossier = dossier_refuse(
        actor=officers["counter"], dossier=dossier, reason="Hồ sơ không thuộc thẩm quyền"
    )
    assert dossier.status == Status.REFUSED
    with pytest.raises(ApplicationError) as caught:
        dossier_accept(actor=officers["counter"], dossier=dossier)
    assert caught.value.code == "illegal_transition"
    assert "Từ chối tiếp nhận" in caught.value.message


@pytest.mark.parametrize(
    ("applicant", "code"),
    [
        (ApplicantInput(kind="citizen", identifier="12345", name="A"), "applicant_identifier_invalid"),
        (
            ApplicantInput(kind="organisation", identifier="4300123456-12", name="B"),
            "applicant_identifier_invalid",
        ),
        (ApplicantInput(kind="citizen", identifier="051090001234", name="   "), "applicant_name_missing"),
        (ApplicantInput(kind="alien", identifier="051090001234", name="C"), "applicant_identifier_invalid"),
    ],
)
def test_bad_applicant_changes_nothing(receive: Receive, applicant: ApplicantInput, code: str) -> None:
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        receive(applicant=applicant)
    assert caught.value.code == code
    assert _counts() == before


def test_identifier_is_normalised_and_owner_reused(receive: Receive) -> None:
    first = receive(
        applicant=ApplicantInput(kind="citizen", identifier="051 090 001 234", name="Đinh Thị Mai")
    )
    second = receive(applicant=APPLICANT)
    assert first.applicant_id == second.applicant_id
    assert first.applicant.identifier == "051090001234"


def test_version_not_in_force_is_refused(receive: Receive) -> None:
    with pytest.raises(ApplicationError) as caught:
        receive(at(2023, 12, 29, 9, 0))  # published from 1/1/2024
    assert caught.value.code == "procedure_version_not_in_force"


def test_other_units_officer_cannot_receive(receive: Receive, demo_units: dict[str, Any]) -> None:
    stranger = UserFactory()
    grant(stranger, "one_stop_officer", demo_units["2024:21523"])
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        receive(actor=stranger)
    assert caught.value.code == "forbidden"
    assert _counts() == before


def test_retry_with_the_same_key_receives_once(receive: Receive) -> None:
    first = receive(idempotency_key="may-quet-01")
    again = receive(idempotency_key="may-quet-01")
    assert again.pk == first.pk
    assert Dossier.objects.count() == 1
    other = receive(idempotency_key="may-quet-02")
    assert other.code.endswith("-0002")


def test_transfer_after_15_is_due_next_morning(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive(at(2024, 3, 11, 15, 30))
    late = dossier_transfer(actor=officers["counter"], dossier=dossier, at=at(2024, 3, 12, 8, 0))
    assert late.events.get(action="transfer").data == {
        "deadline": "2024-03-12T07:00:00+07:00",
        "late": True,
        "step": 1,
        "name": "Tiếp nhận, chuyển hồ sơ",
        "allotted_minutes": 240,
    }


def test_stale_revision_is_a_conflict(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive()
    seen = dossier.revision
    dossier_transfer(actor=officers["counter"], dossier=dossier, revision=seen)
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        dossier_transfer(actor=officers["counter"], dossier=dossier, revision=seen)
    assert caught.value.code == "conflict"
    assert _counts() == before


def test_supplemented_components_follow_the_first(
    version: Any, commune: Any, officers: dict[str, Any]
) -> None:
    from motcua.dossiers.services import ComponentInput

    dossier = dossier_submit(
        actor=None,
        unit=commune,
        version=version,
        applicant=APPLICANT,
        channel="online",
        components=[ComponentInput(name="Tờ khai đăng ký kết hôn", originals=1)],
        at=at(2024, 3, 11, 9, 0),
    )
    dossier = dossier_request_supplement(
        actor=officers["counter"], dossier=dossier, missing=["Giấy xác nhận"]
    )
    dossier = dossier_supplement(
        actor=officers["counter"],
        dossier=dossier,
        components=[ComponentInput(name="Giấy xác nhận", originals=1)],
    )
    assert list(dossier.components.values_list("position", "name", "role")) == [
        (1, "Tờ khai đăng ký kết hôn", "submitted"),
        (2, "Giấy xác nhận", "supplemented"),
    ]


def test_bad_component_changes_nothing(receive: Receive) -> None:
    from motcua.dossiers.services import ComponentInput

    before = _counts()
    for component, code in (
        (ComponentInput(name="Tờ khai", reuse_source="facebook"), "reuse_source_invalid"),
        (ComponentInput(name="Tờ khai", copies=-1), "component_count_invalid"),
        (ComponentInput(name="  "), "component_name_missing"),
    ):
        with pytest.raises(ApplicationError) as caught:
            receive(components=[component])
        assert caught.value.code == code
    assert _counts() == before


def test_a_unit_that_has_ended_cannot_receive(receive: Receive) -> None:
    before = _counts()
    with pytest.raises(ApplicationError) as caught:
        receive(at(2025, 7, 1, 9, 0))  # Thị trấn Ba Tơ ended on 30/06/2025 (Xã Ba Tơ carries on)
    assert caught.value.code == "unit_not_in_force"
    assert _counts() == before
