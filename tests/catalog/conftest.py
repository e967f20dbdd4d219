from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from motcua.catalog.models import Procedure, ProcedureVersion, VersionChannel
from motcua.catalog.services import version_draft_create, version_publish, version_update
from motcua.catalog.services.versions import procedure_refresh_key

SEED = Path(__file__).resolve().parents[3] / "shared" / "data" / "catalog" / "dvcqg_2026_cap_xa_full.jsonl"


@pytest.fixture
def seed_rows() -> list[dict[str, Any]]:
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def make_procedure(db: None) -> Callable[..., ProcedureVersion]:
    """A procedure with one version, published from `valid_from` unless publish=False."""

    def make(
        code: str = "1.001193",
        name: str = "Đăng ký khai sinh",
        *,
        field: str = "Hộ tịch",
        value: str = "3",
        unit: str = "working_days",
        publish: bool = True,
        valid_from: dt.date = dt.date(2024, 1, 1),
    ) -> ProcedureVersion:
        procedure = Procedure(code=code, name=name, field=field)
        procedure_refresh_key(procedure)
        procedure.save()
        draft = version_draft_create(actor=None, procedure=procedure)
        draft = version_update(
            actor=None,
            version=draft,
            name=name,
            field=field,
            time_limit_value=Decimal(value),
            time_limit_unit=unit,
            time_limit_raw=f"{value} {unit}",
            steps_text="Bước 1: nộp hồ sơ. Bước 2: nhận kết quả.",
            applicants=["Công dân Việt Nam"],
            competent_agency="UBND cấp xã",
        )
        VersionChannel.objects.create(
            version=draft, channel="counter", time_limit_value=Decimal(value), time_limit_unit=unit
        )
        if publish:
            draft = version_publish(actor=None, version=draft, valid_from=valid_from)
        return draft

    return make
