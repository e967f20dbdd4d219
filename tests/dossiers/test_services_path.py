"""A dossier through its whole life at Thị trấn Ba Tơ in March 2024, service by service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from motcua.common.models import AuditEvent
from motcua.dossiers.enums import Action, Status
from motcua.dossiers.models import DossierEvent
from motcua.dossiers.services import (
    dossier_approve,
    dossier_assign,
    dossier_issue_result,
    dossier_pay,
    dossier_rate,
    dossier_return,
    dossier_step_finish,
    dossier_step_start,
    dossier_transfer,
)
from tests.dossiers.conftest import Receive, at

pytestmark = pytest.mark.django_db


def test_counter_receipt_to_rating(receive: Receive, officers: dict[str, Any]) -> None:
    counter, specialist, head = officers["counter"], officers["specialist"], officers["head"]
    dossier = receive(at(2024, 3, 11, 9, 0))
    assert dossier.code == "21484-240311-0001"
    assert dossier.status == Status.RECEIVED
    assert dossier.due_at == at(2024, 3, 18, 17, 0)  # 5 working days, Monday not counted
    assert dossier.fee_amount == Decimal(30000)
    assert dossier.book_number == 1
    assert [c.name for c in dossier.components.all()] == [
        "Tờ khai đăng ký kết hôn",
        "Giấy xác nhận tình trạng hôn nhân",
    ]
    second = receive(at(2024, 3, 11, 10, 0))
    assert second.code == "21484-240311-0002"

    d = dossier_transfer(actor=counter, dossier=dossier, receiver=specialist, at=at(2024, 3, 11, 10, 0))
    assert d.status == Status.IN_PROGRESS
    transfer = d.events.get(action=Action.TRANSFER)
    assert transfer.data == {
        "deadline": "2024-03-11T17:00:00+07:00",
        "late": False,
        "step": 1,
        "name": "Tiếp nhận, chuyển hồ sơ",
        "allotted_minutes": 240,
    }
    d = dossier_assign(actor=head, dossier=d, assignee=specialist, at=at(2024, 3, 11, 11, 0))
    d = dossier_step_start(actor=specialist, dossier=d, position=2, at=at(2024, 3, 11, 13, 30))
    d = dossier_step_finish(actor=specialist, dossier=d, receiver=head, at=at(2024, 3, 14, 9, 0))
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, 14, 10, 0))
    d = dossier_issue_result(
        actor=head, dossier=d, kind="both", title="Giấy chứng nhận kết hôn", at=at(2024, 3, 14, 11, 0)
    )
    assert d.status == Status.RESULT_READY
    assert d.results.get().code == "21484-240311-0001-KQ1"
    assert d.is_open is False
    d = dossier_pay(
        actor=counter,
        dossier=d,
        amount=30000,
        method="cash",
        receipt_number="BL-0001",
        at=at(2024, 3, 15, 8, 0),
    )
    d = dossier_return(actor=counter, dossier=d, at=at(2024, 3, 15, 8, 5))
    assert d.status == Status.RETURNED
    rating = dossier_rate(dossier=d, token=d.tracking_token, satisfaction="satisfied", contacts=1, agencies=1)
    assert rating.satisfaction == "satisfied"

    actions = list(DossierEvent.objects.filter(dossier=d).values_list("action", "status_after"))
    assert actions == [
        ("receive", "received"),
        ("transfer", "in_progress"),
        ("assign", "in_progress"),
        ("step_start", "in_progress"),
        ("step_finish", "in_progress"),
        ("approve", "approved"),
        ("issue_result", "result_ready"),
        ("pay", "result_ready"),
        ("return_result", "returned"),
    ]
    assert AuditEvent.objects.filter(object_type="dossiers.dossier", object_id=str(d.pk)).count() == 10
