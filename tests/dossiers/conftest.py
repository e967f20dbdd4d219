"""Fixtures of the dossier tests: a published procedure with a process, fees and documents, officers of
Thị trấn Ba Tơ (2024) with their roles, and a helper that receives a dossier at the counter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from motcua.catalog.models import Fee, ProcedureVersion, ProcessStep, RequiredDocument
from motcua.core.calendar import TZ
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import ApplicantInput, ComponentInput, dossier_open
from motcua.units.models import Unit
from tests.catalog.conftest import make_procedure  # noqa: F401  (a fixture)
from tests.factories import UserFactory, grant

APPLICANT = ApplicantInput(
    kind="citizen",
    identifier="051090001234",
    name="Đinh Thị Mai",
    address="Tổ dân phố Ba Tơ",
    phone="0905123456",
)


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=TZ)  # type: ignore[misc]


@pytest.fixture
def commune(demo_units: dict[str, Unit]) -> Unit:
    return demo_units["2024:21484"]  # Thị trấn Ba Tơ, 2024


@pytest.fixture
def version(make_procedure: Callable[..., ProcedureVersion]) -> ProcedureVersion:  # noqa: F811
    """Đăng ký kết hôn: 5 working days, three internal steps, a fee, two documents, one agency step."""
    draft = make_procedure("1.000894", "Đăng ký kết hôn", value="5", publish=False)
    ProcessStep.objects.bulk_create(
        [
            ProcessStep(
                version=draft, position=1, name="Tiếp nhận, chuyển hồ sơ", role="one_stop", hours=Decimal(4)
            ),
            ProcessStep(
                version=draft, position=2, name="Thẩm định, trình ký", role="specialist", hours=Decimal(28)
            ),
            ProcessStep(version=draft, position=3, name="Ký kết quả", role="unit_head", hours=Decimal(8)),
        ]
    )
    Fee.objects.create(version=draft, free=False, amount=Decimal(30000), per="hồ sơ")
    RequiredDocument.objects.bulk_create(
        [
            RequiredDocument(version=draft, position=1, name="Tờ khai đăng ký kết hôn", originals=1),
            RequiredDocument(
                version=draft, position=2, name="Giấy xác nhận tình trạng hôn nhân", originals=1
            ),
        ]
    )
    ProcedureVersion.objects.filter(pk=draft.pk).update(pause_allowed=True)
    from motcua.catalog.services import version_publish

    return version_publish(actor=None, version=draft, valid_from=dt.date(2024, 1, 1))


@pytest.fixture
def officers(commune: Unit) -> dict[str, Any]:
    people = {
        "counter": ("one_stop_officer", "Phạm Thị Nga"),
        "specialist": ("specialist", "Hồ Văn Lâm"),
        "head": ("unit_head", "Đinh Văn Sơn"),
    }
    found = {}
    for key, (role, name) in people.items():
        user = UserFactory(username=f"bato.{key}", full_name=name)
        grant(user, role, commune)
        found[key] = user
    return found


Receive = Callable[..., Dossier]


@pytest.fixture
def receive(version: ProcedureVersion, commune: Unit, officers: dict[str, Any]) -> Receive:
    def make(when: dt.datetime | None = None, **kwargs: Any) -> Dossier:
        when = when or at(2024, 3, 11, 9, 0)
        kwargs.setdefault("actor", officers["counter"])
        kwargs.setdefault("applicant", APPLICANT)
        kwargs.setdefault(
            "components",
            [
                ComponentInput(name=d.name, required_document_id=d.pk, originals=1)
                for d in version.documents.all()
            ],
        )
        return dossier_open(unit=commune, version=version, at=when, **kwargs)

    return make
