"""The demo catalogue: 75 real commune-level procedures, published, received by every Ba Tơ commune,
with an example internal process for birth registration. Idempotent, through the services."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from importlib import resources
from typing import Any

from motcua.catalog.enums import StepRole, VersionStatus
from motcua.catalog.models import Offering, Procedure
from motcua.catalog.services import StepInput, version_process_set, version_publish, version_update
from motcua.catalog.services.importing import ImportSummary, catalog_import
from motcua.catalog.services.publication import offerings_set
from motcua.units.enums import UnitKind
from motcua.units.models import Unit

DEMO_FROM = dt.date(2024, 1, 1)
#: Đăng ký khai sinh: the portal writes its time limit as a bare "1", which the import does not guess;
#: the Law on Civil Status 2014 Art. 16(2) says the commune registers the birth at once, on the day.
BIRTH = "1.001193"
BIRTH_LIMIT_NOTE = "Luật Hộ tịch 2014, Điều 16 khoản 2: giải quyết ngay trong ngày nhận đủ giấy tờ"
BIRTH_STEPS = (
    ("Tiếp nhận, kiểm tra giấy tờ, chuyển công chức tư pháp - hộ tịch", StepRole.ONE_STOP, Decimal("0.5")),
    ("Kiểm tra, ghi Sổ hộ tịch, trình ký", StepRole.SPECIALIST, Decimal(2)),
    ("Ký Giấy khai sinh", StepRole.LEADER, Decimal(1)),
    ("Trả kết quả", StepRole.ONE_STOP, Decimal("0.5")),
)


def demo_rows() -> list[dict[str, Any]]:
    data = resources.files("motcua.catalog.data").joinpath("demo-cap-xa.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def load_demo_catalog(*, actor: Any = None, progress: Callable[[str], None] | None = None) -> ImportSummary:
    say = progress or (lambda _msg: None)
    summary = catalog_import(actor=actor, rows=demo_rows(), publish=True, valid_from=DEMO_FROM)
    say(
        f"danh mục: {summary.created} thủ tục mới, {summary.published} đã công bố, "
        f"{len(summary.not_published)} bản nháp chờ bổ sung thời hạn"
    )
    birth = Procedure.objects.filter(code=BIRTH).first()
    draft = birth.versions.filter(status=VersionStatus.DRAFT).first() if birth else None
    if draft is not None and not draft.time_limit_unit:
        version_update(
            actor=actor,
            version=draft,
            time_limit_value=Decimal(0),
            time_limit_unit="same_day",
            time_limit_note=BIRTH_LIMIT_NOTE,
        )
        steps = [StepInput(name, role, hours) for name, role, hours in BIRTH_STEPS]
        version_process_set(actor=actor, version=draft, steps=steps)
        version_publish(actor=actor, version=draft, valid_from=DEMO_FROM)
        say("đã bổ sung thời hạn và quy trình nội bộ mẫu cho thủ tục đăng ký khai sinh, rồi công bố")
    codes = list(
        Procedure.objects.filter(versions__status=VersionStatus.PUBLISHED)
        .values_list("code", flat=True)
        .distinct()
    )
    for unit in Unit.objects.filter(kind=UnitKind.COMMUNE):
        if not Offering.objects.filter(unit=unit).exists():
            offerings_set(actor=actor, unit=unit, codes=codes)
    return summary
