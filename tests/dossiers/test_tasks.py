"""The periodic scan (dossiers.tasks) and `motcua worker`, on real 2024 dates around Tết: a dossier
received on Thursday 1/2/2024 with 5 working days is due on Thursday 15/2 at 17:00, the working day
after the Tết holidays (8–14/2)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.common.management.commands import worker
from motcua.common.models import AuditEvent
from motcua.dossiers.models import Dossier, DossierReminder
from motcua.dossiers.services import dossier_apologise, dossier_pause, dossier_transfer
from motcua.dossiers.tasks import dossiers_scan
from tests.dossiers.conftest import Receive, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier(receive: Receive, officers: dict[str, Any]) -> Dossier:
    officers["specialist"].email = "lam@example.vn"
    officers["specialist"].save()
    officers["head"].email = "son@example.vn"
    officers["head"].save()
    d = receive(at(2024, 2, 1, 9, 0))
    assert d.due_at == at(2024, 2, 15, 17, 0)
    return dossier_transfer(
        actor=officers["counter"], dossier=d, receiver=officers["specialist"], at=at(2024, 2, 1, 10, 0)
    )


def _state(dossier: Dossier) -> tuple[str, list[tuple[str, list[str]]]]:
    dossier.refresh_from_db()
    reminders = dossier.reminders.order_by("kind").values_list("kind", "recipients")
    return dossier.alert, [(kind, recipients) for kind, recipients in reminders]


def test_alerts_follow_working_time_across_tet(
    dossier: Dossier, django_capture_on_commit_callbacks: Any
) -> None:
    # Tuesday before Tết, 16:00: 1,020 working minutes left (more than two working days): nothing yet
    result = dossiers_scan(now=at(2024, 2, 6, 16, 0))
    assert _state(dossier) == ("", [])
    assert (result.marked_due_soon, result.reminders) == (0, {"due_soon": 0, "overdue": 0, "apology": 0})
    assert not AuditEvent.objects.filter(
        operation="dossiers.scan"
    ).exists()  # nothing changed, nothing audited

    # Wednesday 7/2, 09:00: 840 minutes left; the last moment to apologise (D8: one working day before
    # the due time) falls within the next working day, so the apology is prompted now
    with django_capture_on_commit_callbacks(execute=True):
        result = dossiers_scan(now=at(2024, 2, 7, 9, 0))
    assert _state(dossier) == ("", [("apology", ["bato.head", "bato.specialist"])])
    assert result.reminders == {"due_soon": 0, "overdue": 0, "apology": 1}
    assert sorted(m.to[0] for m in mail.outbox) == ["lam@example.vn", "son@example.vn"]
    assert "21484-240201-0001" in mail.outbox[0].body

    # Wednesday 7/2 after closing: the next working day is Thursday 15/2, the due day, eight calendar days
    # later: due soon; the apology is not prompted again
    result = dossiers_scan(now=at(2024, 2, 7, 17, 30))
    assert _state(dossier) == (
        "due_soon",
        [("apology", ["bato.head", "bato.specialist"]), ("due_soon", ["bato.head", "bato.specialist"])],
    )
    assert (result.marked_due_soon, result.due_soon, result.reminders["due_soon"]) == (1, 1, 1)

    # Friday 9/2 is Tết: still due soon, no second reminder
    result = dossiers_scan(now=at(2024, 2, 9, 10, 0))
    assert (result.marked_due_soon, result.reminders["due_soon"], result.changed) == (0, 0, False)

    # Thursday 15/2, 17:01: overdue, reminded once
    result = dossiers_scan(now=at(2024, 2, 15, 17, 1))
    assert _state(dossier)[0] == "overdue"
    assert (result.marked_overdue, result.overdue, result.reminders["overdue"]) == (1, 1, 1)
    again = dossiers_scan(now=at(2024, 2, 16, 9, 0))
    assert (again.marked_overdue, again.reminders["overdue"]) == (0, 0)
    assert DossierReminder.objects.filter(dossier=dossier).count() == 3

    audits = AuditEvent.objects.filter(operation="dossiers.scan").order_by("id")
    assert [(a.after or {})["reminders"] for a in audits] == [
        {"due_soon": 0, "overdue": 0, "apology": 1},
        {"due_soon": 1, "overdue": 0, "apology": 0},
        {"due_soon": 0, "overdue": 1, "apology": 0},
    ]


def test_weekend_and_clearing(dossier: Dossier, officers: dict[str, Any]) -> None:
    # Friday 15/3/2024 16:00 for a dossier due Monday 18/3 17:00: 540 working minutes, not yet due soon;
    # after closing on Friday the next working day is Monday: due soon
    Dossier.objects.filter(pk=dossier.pk).update(due_at=at(2024, 3, 18, 17, 0))
    dossiers_scan(now=at(2024, 3, 15, 16, 0))
    assert _state(dossier)[0] == ""
    dossiers_scan(now=at(2024, 3, 15, 17, 30))
    assert _state(dossier)[0] == "due_soon"
    # paused where the procedure's law allows it (D7): the clock stops, the alert goes
    dossier_pause(
        actor=officers["specialist"], dossier=dossier, reason="Chờ xác minh", at=at(2024, 3, 18, 8, 0)
    )
    result = dossiers_scan(now=at(2024, 3, 18, 9, 0))
    assert (_state(dossier)[0], result.cleared) == ("", 1)


def test_no_apology_prompt_once_apologised_or_too_late(dossier: Dossier, officers: dict[str, Any]) -> None:
    dossier_apologise(
        actor=officers["specialist"],
        dossier=dossier,
        reason="Cần xác minh thêm",
        new_appointment=at(2024, 2, 20, 17, 0),
        at=at(2024, 2, 5, 9, 0),
    )
    dossiers_scan(now=at(2024, 2, 7, 9, 0))
    assert _state(dossier) == ("", [])
    # within the last working day it is too late to apologise (D8): only the due-soon reminder
    Dossier.objects.filter(pk=dossier.pk).update(apologised_at=None)
    dossiers_scan(now=at(2024, 2, 15, 9, 0))
    assert _state(dossier) == ("due_soon", [("due_soon", ["bato.head", "bato.specialist"])])


def test_queries_do_not_grow_with_dossiers(
    receive: Receive, django_assert_max_num_queries: Any, django_assert_num_queries: Any
) -> None:
    receive(at(2024, 2, 1, 9, 0))
    dossiers_scan(now=at(2024, 2, 1, 10, 0))  # warm the calendar cache
    with django_assert_max_num_queries(30) as few:
        dossiers_scan(now=at(2024, 2, 16, 9, 0))
    for hour in range(8, 14):
        receive(at(2024, 2, 1, hour, 30))
    Dossier.objects.update(alert="")
    DossierReminder.objects.all().delete()
    with django_assert_num_queries(len(few.captured_queries)):
        result = dossiers_scan(now=at(2024, 2, 16, 9, 0))
    assert (result.marked_overdue, result.reminders["overdue"]) == (7, 7)


def test_worker_once_runs_every_job() -> None:
    out = io.StringIO()
    call_command("worker", "--once", stdout=out)
    assert out.getvalue().splitlines() == [
        "dossiers_scan: xong",
        "catalog_refresh: xong",
        "plan_reminders: xong",
    ]


def test_worker_goes_on_after_a_failing_job(monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    ran = []

    def broken(**_kwargs: Any) -> Any:
        raise RuntimeError("danh mục hỏng")

    def plans(**_kwargs: Any) -> list[Any]:
        ran.append("plans")
        return []

    monkeypatch.setattr(worker, "catalog_refresh", broken)
    monkeypatch.setattr(worker, "plan_reminders_send", plans)
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"Có việc bị lỗi: catalog_refresh\.") as failed:
        call_command("worker", "--once", stdout=out)
    assert failed.value.returncode == 1
    assert ran == ["plans"]
    assert out.getvalue().splitlines()[1] == "catalog_refresh: lỗi (xem nhật ký)"
    assert "catalog_refresh failed" in caplog.text


def test_job_schedule() -> None:
    scan, catalog, _plans = worker.jobs(15)
    assert scan.due(at(2024, 2, 1, 9, 0))  # never run yet
    scan.last = catalog.last = at(2024, 2, 1, 9, 0)
    assert not scan.due(at(2024, 2, 1, 9, 14))
    assert scan.due(at(2024, 2, 1, 9, 15))
    assert not catalog.due(at(2024, 2, 1, 23, 59))
    assert catalog.due(at(2024, 2, 2, 0, 0))  # a new local day
