from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from motcua.calendars.enums import RecomputeStatus
from motcua.calendars.models import CalendarChange, OfficeHours
from motcua.calendars.selectors import calendar_for, ruleset_on
from motcua.calendars.services import calendar_override_remove, calendar_override_set, office_hours_set
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.core.calendar import TZ
from motcua.dossiers.models import Dossier
from motcua.units.models import Unit
from tests.calendars.conftest import MakeDossier

pytestmark = pytest.mark.django_db


def t(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=TZ)


def test_rule_sets_follow_the_2025_regime(db: None) -> None:
    assert ruleset_on(dt.date(2024, 3, 1)).code == "nd61-2018"
    assert ruleset_on(dt.date(2025, 7, 1)).code == "nd118-2025"
    with pytest.raises(ApplicationError) as none:
        ruleset_on(dt.date(2010, 1, 1))
    assert none.value.code == "ruleset_missing"


def test_a_new_day_off_recomputes_open_dossiers_and_records_it(
    make_dossier: MakeDossier, demo_units: dict[str, Unit], django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    spans = make_dossier(t("2024-03-11 09:00"), 3, "working_days")  # due Thu 14/03 17:00
    closed = make_dossier(t("2024-03-11 09:00"), 3, "working_days")
    Dossier.objects.filter(pk=closed.pk).update(is_open=False)
    elsewhere = make_dossier(t("2024-03-11 09:00"), 3, "working_days", where="2024:21523")
    assert spans.due_at == t("2024-03-14 17:00")

    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_set(
            actor=None,
            day=dt.date(2024, 3, 12),
            kind="receipt_suspended",
            unit=demo_units["2024:21484"],
            reason="Bão số 1: tạm dừng tiếp nhận",
        )

    spans.refresh_from_db()
    closed.refresh_from_db()
    elsewhere.refresh_from_db()
    assert spans.due_at == t("2024-03-15 17:00")  # the commune's own suspension
    assert elsewhere.due_at == t("2024-03-14 17:00")  # another commune is not affected
    assert closed.due_at == t("2024-03-14 17:00")  # closed dossiers keep their history
    change = CalendarChange.objects.get()
    assert change.status == RecomputeStatus.DONE
    assert (change.items_checked, change.items_changed) == (2, 1)
    assert spans.calendar_version == change.pk
    assert AuditEvent.objects.filter(operation="calendars.override_set").count() == 1
    assert AuditEvent.objects.filter(operation="calendars.deadlines_recompute").count() == 1


def test_an_extra_working_day_for_everyone_and_taking_it_back(
    make_dossier: MakeDossier, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    dossier = make_dossier(t("2024-03-15 09:00"), 1, "working_days")  # Friday → Monday 18/03
    with django_capture_on_commit_callbacks(execute=True):
        override = calendar_override_set(
            actor=None, day=dt.date(2024, 3, 16), kind="working_day", reason="Thông báo làm bù số 12/TB-UBND"
        )
    dossier.refresh_from_db()
    assert dossier.due_at == t("2024-03-16 17:00")
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_remove(actor=None, override=override)
    dossier.refresh_from_db()
    assert dossier.due_at == t("2024-03-18 17:00")
    assert CalendarChange.objects.count() == 2


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "holiday", "reason": "x"}, "override_kind_unknown"),
        ({"kind": "day_off", "reason": "  "}, "override_reason_required"),
        ({"kind": "receipt_suspended", "reason": "bão"}, "override_unit_required"),
    ],
)
def test_bad_overrides_are_refused_and_change_nothing(kwargs: dict[str, str], code: str) -> None:
    with pytest.raises(ApplicationError) as refused:
        calendar_override_set(actor=None, day=dt.date(2024, 3, 12), **kwargs)  # type: ignore[arg-type]
    assert refused.value.code == code
    assert CalendarChange.objects.count() == 0


def test_office_hours_of_a_unit_and_a_season(demo_units: dict[str, Unit]) -> None:
    commune = demo_units["2024:21484"]
    office_hours_set(actor=None, unit=commune, sessions="07:30-11:30,13:30-17:00")
    office_hours_set(
        actor=None, unit=commune, sessions="06:30-11:00,14:00-17:30", season_start="01/05", season_end="30/09"
    )
    cal = calendar_for(commune)
    assert cal.hours.for_day(dt.date(2024, 3, 1)) == ((450, 690), (810, 1020))
    assert cal.hours.for_day(dt.date(2024, 6, 1)) == ((390, 660), (840, 1050))
    assert calendar_for(demo_units["2024:21523"]).hours.for_day(dt.date(2024, 3, 1)) == (
        (420, 690),
        (810, 1020),
    )
    for bad, code in [
        ({"sessions": "7h-11h"}, "office_hours_invalid"),
        (
            {"sessions": "07:00-11:00", "season_start": "31/02", "season_end": "01/03"},
            "office_hours_season_invalid",
        ),
        ({"sessions": "07:00-11:00", "season_start": "01/02"}, "office_hours_season_incomplete"),
    ]:
        with pytest.raises(ApplicationError) as refused:
            office_hours_set(actor=None, unit=commune, **bad)
        assert refused.value.code == code
    assert OfficeHours.objects.count() == 2


def test_a_suspension_of_receipt_closes_that_unit_only(demo_units: dict[str, Unit]) -> None:
    calendar_override_set(
        actor=None,
        day=dt.date(2024, 3, 12),
        kind="receipt_suspended",
        unit=demo_units["district"],
        reason="Họp",
    )
    calendar_override_set(
        actor=None,
        day=dt.date(2024, 3, 13),
        kind="day_off",
        unit=demo_units["district"],
        reason="Nghỉ toàn huyện",
    )
    district = calendar_for(demo_units["district"])
    commune = calendar_for(demo_units["2024:21484"])
    assert not district.is_working_day(dt.date(2024, 3, 12))
    assert commune.is_working_day(dt.date(2024, 3, 12))
    assert not commune.is_working_day(dt.date(2024, 3, 13))  # a day off of the district reaches its communes


def test_recompute_keeps_stored_pauses(make_dossier: MakeDossier, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    from motcua.core.deadlines import Pause

    dossier = make_dossier(t("2024-03-04 09:00"), 3, "working_days")
    pause = [t("2024-03-05 07:00").isoformat(), t("2024-03-12 07:00").isoformat()]
    from motcua.calendars.services import deadline_compute

    paused, _ruleset, _version = deadline_compute(
        unit=dossier.unit,
        received_at=dossier.received_at,
        limit_value=3,
        limit_unit="working_days",
        pauses=[Pause(t("2024-03-05 07:00"), t("2024-03-12 07:00"))],
    )
    Dossier.objects.filter(pk=dossier.pk).update(deadline_pauses=[pause], due_at=paused.due)
    assert paused.due == t("2024-03-14 17:00")
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_set(actor=None, day=dt.date(2024, 3, 13), kind="day_off", reason="Nghỉ bù")
    dossier.refresh_from_db()
    assert dossier.due_at == t("2024-03-15 17:00")  # the pause is kept and the new day off counted


def test_editing_a_rule_set_recomputes_its_items(
    make_dossier: MakeDossier, demo_accounts, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    from motcua.calendars.models import DeadlineRuleSet

    dossier = make_dossier(t("2024-03-11 15:30"), 0, "same_day")
    assert dossier.due_at == t("2024-03-12 17:00")  # after the 15:00 cut-off
    rules = DeadlineRuleSet.objects.get(code="nd61-2018")
    client = Client()
    client.force_login(demo_accounts["quantri"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/calendars/deadlineruleset/{rules.pk}/change/",
            {
                "code": rules.code,
                "name": rules.name,
                "valid_from": "2018-06-21",
                "valid_to": "2025-06-30",
                "cutoff": "16:00",
                "supplement_policy": "restart",
                "hours_per_day": "8",
                "day_end": "closing",
                "legal_basis": rules.legal_basis,
            },
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.due_at == t("2024-03-11 17:00")
    assert CalendarChange.objects.get().description == "Sửa bộ quy tắc tính hạn nd61-2018"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the guarded UPDATE is PostgreSQL's path")
def test_recompute_leaves_a_row_its_service_changed_meanwhile(make_dossier: MakeDossier) -> None:
    """A row read by the recomputation and then resumed by its service keeps the service's due time."""
    import numpy as np

    from motcua.calendars.services import _write

    dossier = make_dossier(t("2024-03-04 09:00"), 3, "working_days")
    read_started = int(dossier.clock_started_at.timestamp())
    read_due = int(dossier.due_at.timestamp())
    Dossier.objects.filter(pk=dossier.pk).update(due_at=t("2024-03-20 17:00"))  # the service's write
    stale = int(t("2024-03-08 17:00").timestamp())
    _write(
        Dossier,
        np.array([dossier.pk]),
        np.array([read_started]),
        np.array([stale]),
        0,
        dossier.pk,
        dossier.pk,
        guard=(np.array([read_started]), np.array([read_due])),
    )
    dossier.refresh_from_db()
    assert dossier.due_at == t("2024-03-20 17:00")
