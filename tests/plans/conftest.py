from __future__ import annotations

from pathlib import Path

import pytest

from motcua.plans.models import Plan
from motcua.plans.services import plan_import, plan_issue
from motcua.units.models import Unit

SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"


@pytest.fixture
def issued_plan(demo_accounts, demo_units: dict[str, Unit]) -> Plan:  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    plan = plan_import(actor=None, name=SEED.name, data=SEED.read_bytes()).plan
    return plan_issue(actor=None, plan=plan)
