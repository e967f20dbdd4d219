"""Versions: a draft is prepared while the published version stays live; publishing ends it atomically;
dossiers keep the version they were opened under; the internal process must fit the time limit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.utils import timezone

from motcua.calendars.models import DeadlineRuleSet
from motcua.catalog.enums import VersionStatus
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_live
from motcua.catalog.services import (
    AgencyStepInput,
    StepInput,
    version_draft_create,
    version_process_set,
    version_publish,
    version_update,
)
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.dossiers.models import Dossier
from motcua.units.models import Unit
from tests.factories import bare_dossier

pytestmark = pytest.mark.django_db
D = dt.date
MakeProcedure = Callable[..., ProcedureVersion]


def _dossier(version: ProcedureVersion, unit: Unit) -> Dossier:
    received = timezone.make_aware(dt.datetime(2025, 3, 3, 9, 0))
    return bare_dossier(
        code="H54.99-250303-0001",
        unit=unit,
        received_at=received,
        clock_started_at=received,
        time_limit_value=version.time_limit_value,
        time_limit_unit=version.time_limit_unit,
        effective_receipt_at=received,
        due_at=received,
        deadline_ruleset=DeadlineRuleSet.objects.first(),
        procedure_version=version,
    )


def test_draft_while_live_then_publish_ends_the_old_version(
    make_procedure: MakeProcedure, demo_units: object
) -> None:
    v1 = make_procedure(valid_from=D(2024, 1, 1))
    dossier = _dossier(v1, Unit.objects.get(code="535"))
    v2 = version_draft_create(actor=None, procedure=v1.procedure)
    assert (v2.number, v2.status) == (2, VersionStatus.DRAFT)
    assert [c.channel for c in v2.channels.all()] == ["counter"]  # parts are copied
    version_update(actor=None, version=v2, time_limit_value=Decimal(2))
    # while the draft is prepared, v1 is still the version in force
    assert version_live(v1.procedure, on=D(2025, 6, 1)) == v1

    version_publish(actor=None, version=v2, valid_from=D(2025, 7, 1))

    v1.refresh_from_db()
    assert (v1.status, v1.valid_to) == (VersionStatus.ENDED, D(2025, 6, 30))
    assert v1.time_limit_value == Decimal(3)  # the old version's content never changes
    assert version_live(v1.procedure, on=D(2025, 6, 30)) == v1
    assert version_live(v1.procedure, on=D(2025, 7, 1)) == v2
    dossier.refresh_from_db()
    assert dossier.procedure_version_id == v1.pk
    operations = list(
        AuditEvent.objects.filter(object_type="catalog.procedureversion")
        .order_by("pk")
        .values_list("operation", flat=True)
    )
    assert operations[-3:] == ["catalog.version_update", "catalog.version_end", "catalog.version_publish"]


def test_published_version_cannot_be_edited(make_procedure: MakeProcedure) -> None:
    v1 = make_procedure()
    with pytest.raises(ApplicationError) as refused:
        version_update(actor=None, version=v1, time_limit_value=Decimal(1))
    assert refused.value.code == "version_not_draft"
    v1.refresh_from_db()
    assert v1.time_limit_value == Decimal(3)


def test_one_draft_at_a_time(make_procedure: MakeProcedure) -> None:
    v1 = make_procedure()
    version_draft_create(actor=None, procedure=v1.procedure)
    with pytest.raises(ApplicationError) as refused:
        version_draft_create(actor=None, procedure=v1.procedure)
    assert refused.value.code == "draft_exists"
    assert v1.procedure.versions.count() == 2


def test_new_version_must_start_after_the_live_one(make_procedure: MakeProcedure) -> None:
    v1 = make_procedure(valid_from=D(2025, 1, 1))
    v2 = version_draft_create(actor=None, procedure=v1.procedure)
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=None, version=v2, valid_from=D(2025, 1, 1))
    assert refused.value.code == "valid_from_too_early"
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.status, v1.valid_to, v2.status) == (VersionStatus.PUBLISHED, None, VersionStatus.DRAFT)


def test_publish_needs_a_time_limit(make_procedure: MakeProcedure) -> None:
    draft = make_procedure(publish=False)
    version_update(actor=None, version=draft, time_limit_value=None, time_limit_unit="")
    draft.channels.update(time_limit_value=None, time_limit_unit="")
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=None, version=draft, valid_from=D(2025, 1, 1))
    assert refused.value.code == "time_limit_required"
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_internal_steps_must_add_up_to_the_time_limit(make_procedure: MakeProcedure) -> None:
    draft = make_procedure(publish=False)  # 3 working days = 24 working hours
    steps = [
        StepInput("Tiếp nhận, chuyển hồ sơ", "one_stop", Decimal(4)),
        StepInput("Thẩm định, trình ký", "specialist", Decimal(16)),
        StepInput("Ký kết quả", "leader", Decimal(3)),
    ]
    with pytest.raises(ApplicationError) as refused:
        version_process_set(actor=None, version=draft, steps=steps)
    assert refused.value.message == (
        "Quy trình nội bộ chưa khớp thời hạn: tổng thời gian các bước là 23 giờ làm việc, "
        "phải bằng thời hạn giải quyết 24 giờ làm việc."
    )
    assert draft.steps.count() == 0
    steps[2] = StepInput("Ký kết quả", "leader", Decimal(4))
    version_process_set(
        actor=None,
        version=draft,
        steps=steps,
        agency_steps=[AgencyStepInput("Công an xã", "xác minh cư trú", Decimal(8))],
    )
    assert list(draft.steps.values_list("position", "hours")) == [(1, 4), (2, 16), (3, 4)]
    assert draft.agency_steps.get().agency == "Công an xã"
    # the limit can no longer change without the steps following it
    version_update(actor=None, version=draft, time_limit_value=Decimal(2))
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=None, version=draft, valid_from=D(2025, 1, 1))
    assert refused.value.code == "process_does_not_fit"


def test_inter_agency_shares_may_not_exceed_the_limit(make_procedure: MakeProcedure) -> None:
    draft = make_procedure(publish=False)
    with pytest.raises(ApplicationError) as refused:
        version_process_set(
            actor=None,
            version=draft,
            steps=[StepInput("Giải quyết", "specialist", Decimal(24))],
            agency_steps=[
                AgencyStepInput("Thuế", "", Decimal(20)),
                AgencyStepInput("Kho bạc", "", Decimal(8)),
            ],
        )
    assert "liên thông" in refused.value.message
    assert draft.agency_steps.count() == 0
    assert draft.steps.count() == 0


def test_a_version_cannot_start_before_dossiers_already_opened_under_the_old_one(
    make_procedure: MakeProcedure, demo_units: object
) -> None:
    v1 = make_procedure(valid_from=D(2024, 1, 1))
    _dossier(v1, Unit.objects.get(code="535"))  # received 03/03/2025 under v1
    v2 = version_draft_create(actor=None, procedure=v1.procedure)
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=None, version=v2, valid_from=D(2025, 3, 1))
    assert refused.value.code == "valid_from_before_dossiers"
    v1.refresh_from_db()
    assert (v1.status, v1.valid_to) == (VersionStatus.PUBLISHED, None)
    version_publish(actor=None, version=v2, valid_from=D(2025, 3, 4))
    v1.refresh_from_db()
    assert v1.valid_to == D(2025, 3, 3)


def test_a_version_published_for_later_leaves_the_live_one_as_it_is_until_then(
    make_procedure: MakeProcedure,
) -> None:
    v1 = make_procedure("2.000884", "Chứng thực chữ ký", valid_from=D(2024, 1, 1))
    v2 = version_draft_create(actor=None, procedure=v1.procedure)
    version_update(actor=None, version=v2, name="Chứng thực chữ ký trong giấy tờ, văn bản")
    later = timezone.localdate() + dt.timedelta(days=30)
    version_publish(actor=None, version=v2, valid_from=later)
    v1.refresh_from_db()
    assert (v1.status, v1.valid_to) == (VersionStatus.PUBLISHED, later - dt.timedelta(days=1))
    assert version_live(v1.procedure) == v1
    assert version_live(v1.procedure, on=later) == v2
    v1.procedure.refresh_from_db()
    assert v1.procedure.name == "Chứng thực chữ ký"  # the name in force today
    from motcua.catalog.selectors import procedure_search

    assert [h.procedure.code for h in procedure_search("chung thuc chu ky trong giay to").hits] == [
        "2.000884"
    ]
    assert [h.procedure.code for h in procedure_search("chung thuc chu ky").hits] == ["2.000884"]


def test_services_refuse_an_actor_without_the_permission(
    make_procedure: MakeProcedure, demo_accounts: dict[str, object]
) -> None:
    v1 = make_procedure()
    officer = demo_accounts["motcua.bato"]  # a one-stop officer: no catalogue permission
    for call in (
        lambda: version_draft_create(actor=officer, procedure=v1.procedure),
        lambda: version_publish(actor=officer, version=v1),
        lambda: version_update(actor=officer, version=v1, name="x"),
    ):
        with pytest.raises(ApplicationError) as refused:
            call()
        assert refused.value.code == "forbidden"
    assert v1.procedure.versions.count() == 1
    office = demo_accounts["vanphong"]
    assert version_draft_create(actor=office, procedure=v1.procedure).number == 2


def test_the_daily_refresh_ends_run_out_versions_and_renames(make_procedure: MakeProcedure) -> None:
    from django.core.management import call_command

    from motcua.catalog.services.versions import catalog_refresh

    v1 = make_procedure("2.000884", "Chứng thực chữ ký", valid_from=D(2024, 1, 1))
    v2 = version_draft_create(actor=None, procedure=v1.procedure)
    version_update(actor=None, version=v2, name="Chứng thực chữ ký trong giấy tờ, văn bản")
    start = timezone.localdate() + dt.timedelta(days=30)
    version_publish(actor=None, version=v2, valid_from=start)
    assert catalog_refresh(today=timezone.localdate()) == (0, 0)  # nothing has happened yet
    assert catalog_refresh(today=start) == (1, 1)
    v1.refresh_from_db()
    v1.procedure.refresh_from_db()
    assert (v1.status, v1.procedure.name) == (VersionStatus.ENDED, "Chứng thực chữ ký trong giấy tờ, văn bản")
    assert catalog_refresh(today=start) == (0, 0)  # idempotent
    call_command("catalog", "refresh", "--today", start.isoformat())
