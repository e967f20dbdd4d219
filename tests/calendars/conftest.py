from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from motcua.calendars.services import deadline_compute
from motcua.dossiers.models import Dossier
from motcua.units.models import Unit
from tests.factories import bare_dossier

MakeDossier = Callable[..., Dossier]


@pytest.fixture
def make_dossier(demo_units: dict[str, Unit]) -> MakeDossier:
    counter = iter(range(1, 10_000))

    def make(received: dt.datetime, value: float, unit: str, where: str = "2024:21484") -> Dossier:
        owner = demo_units[where]
        deadline, ruleset, version = deadline_compute(
            unit=owner, received_at=received, limit_value=value, limit_unit=unit
        )
        return bare_dossier(
            code=f"TEST-{next(counter):04d}",
            unit=owner,
            received_at=received,
            clock_started_at=received,
            time_limit_value=value,
            time_limit_unit=unit,
            effective_receipt_at=deadline.effective_receipt,
            due_at=deadline.due,
            deadline_ruleset=ruleset,
            calendar_version=version,
        )

    return make
