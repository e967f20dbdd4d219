"""Publication decisions, the dates the 766 index checks, and what each one-stop section receives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.utils import timezone

from motcua.catalog.models import Offering, ProcedureVersion, PublicationDecision
from motcua.catalog.selectors import offered_versions, publication_checks
from motcua.catalog.services.publication import (
    offerings_set,
    publication_decision_create,
    publication_item_update,
)
from motcua.common.errors import ApplicationError
from motcua.common.models import AuditEvent
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
D = dt.date


def test_decision_with_lists_and_the_766_group_1_checks(
    make_procedure: Callable[..., ProcedureVersion],
) -> None:
    birth = make_procedure("1.001193", "Đăng ký khai sinh")
    make_procedure("1.000894", "Đăng ký kết hôn")
    decision = publication_decision_create(
        actor=None,
        number="245/QĐ-UBND",
        signed_on=D(2024, 2, 5),
        issuer="Chủ tịch UBND tỉnh Quảng Ngãi",
        items={"new": ["1.001193"], "amended": ["1.000894"]},
        legal_effective_on=D(2024, 2, 19),
    )
    assert sorted(decision.items.values_list("procedure__code", "change")) == [
        ("1.000894", "amended"),
        ("1.001193", "new"),
    ]
    item = decision.items.get(procedure__code="1.001193")
    assert item.version == birth
    # made public on the 5th working day after the decision (Tết 2024: 06, 07, 15, 16, 19/02)
    publication_item_update(
        actor=None,
        item=item,
        made_public_at=timezone.make_aware(dt.datetime(2024, 2, 19, 10)),
        legal_effective_on=D(2024, 2, 19),
    )
    checks = {c.item.procedure.code: c for c in publication_checks(decision, today=D(2024, 3, 1))}
    assert checks["1.001193"].published_on_time is True  # 05/02 is 5 working days before 19/02
    assert checks["1.001193"].made_public_on_time is True
    assert checks["1.000894"].made_public_on_time is False  # never made public, time is up
    assert checks["1.001193"].missing == ["thành phần, số lượng hồ sơ"]  # the test version lists no documents
    assert AuditEvent.objects.filter(operation="catalog.publication_update").count() == 1


def test_unknown_code_refuses_the_whole_decision(make_procedure: Callable[..., ProcedureVersion]) -> None:
    make_procedure("1.001193", "Đăng ký khai sinh")
    with pytest.raises(ApplicationError) as refused:
        publication_decision_create(
            actor=None,
            number="1/QĐ-UBND",
            signed_on=D(2024, 1, 5),
            issuer="UBND tỉnh",
            items={"new": ["1.001193", "9.999999"]},
        )
    assert refused.value.message == "Không có thủ tục mã 9.999999 trong danh mục."
    assert PublicationDecision.objects.count() == 0


def test_offerings_and_the_notice_sheet_list(
    make_procedure: Callable[..., ProcedureVersion], demo_units: dict[str, Unit]
) -> None:
    make_procedure("1.001193", "Đăng ký khai sinh")
    make_procedure("1.000894", "Đăng ký kết hôn")
    make_procedure("1.004746", "Cấp bản sao trích lục hộ tịch", publish=False)
    commune = demo_units["2024:21523"]
    offerings_set(actor=None, unit=commune, codes=["1.001193", "1.004746"])
    offerings_set(actor=None, unit=commune, codes=["1.001193", "1.000894", "1.004746"])
    assert sorted(Offering.objects.filter(unit=commune).values_list("procedure__code", flat=True)) == [
        "1.000894",
        "1.001193",
        "1.004746",
    ]
    # the notice lists what is in force: the unpublished procedure is not posted
    posted = [v.procedure.code for v in offered_versions([commune.pk], on=D(2024, 6, 1))]
    assert posted == ["1.000894", "1.001193"]
    with pytest.raises(ApplicationError):
        offerings_set(actor=None, unit=commune, codes=["1.001193", "0.000000"])
    assert Offering.objects.filter(unit=commune).count() == 3


def test_an_abolished_procedure_ends_from_the_effective_date(
    make_procedure: Callable[..., ProcedureVersion],
) -> None:
    from motcua.catalog.services import version_draft_create, version_publish

    old = make_procedure("1.000656", "Thủ tục đăng ký khai tử", valid_from=D(2024, 1, 1))
    publication_decision_create(
        actor=None,
        number="12/QĐ-UBND",
        signed_on=D(2025, 6, 2),
        issuer="Chủ tịch UBND tỉnh Quảng Ngãi",
        items={"abolished": ["1.000656"]},
        legal_effective_on=D(2025, 7, 1),
    )
    old.refresh_from_db()
    old.procedure.refresh_from_db()
    assert (old.status, old.valid_to, old.procedure.abolished_on) == ("ended", D(2025, 6, 30), D(2025, 7, 1))
    draft = version_draft_create(actor=None, procedure=old.procedure)
    with pytest.raises(ApplicationError) as refused:
        version_publish(actor=None, version=draft, valid_from=D(2025, 8, 1))
    assert refused.value.code == "procedure_abolished"


def test_checks_of_a_decision_take_the_same_queries_for_any_number_of_items(
    make_procedure: Callable[..., ProcedureVersion], django_assert_num_queries: Callable[..., object]
) -> None:
    codes = [f"1.00{n:04d}" for n in range(6)]
    for code in codes:
        make_procedure(code, f"Thủ tục {code}")
    small = publication_decision_create(
        actor=None, number="1/QĐ", signed_on=D(2024, 2, 5), issuer="UBND tỉnh", items={"new": codes[:2]}
    )
    large = publication_decision_create(
        actor=None, number="2/QĐ", signed_on=D(2024, 2, 5), issuer="UBND tỉnh", items={"new": codes}
    )
    # the calendar (overrides, office hours), the items, their channels, their documents
    with django_assert_num_queries(5):
        publication_checks(small)
    with django_assert_num_queries(5):
        publication_checks(large)


def test_the_public_xlsx_export_keeps_text_as_text(make_procedure: Callable[..., ProcedureVersion]) -> None:
    import io

    from openpyxl import load_workbook

    from motcua.catalog.exports import catalog_xlsx
    from motcua.catalog.selectors import procedures_live_on

    make_procedure("1.009998", '=HYPERLINK("http://x","bấm")', valid_from=D(2024, 1, 1))
    book = load_workbook(io.BytesIO(catalog_xlsx(procedures_live_on(D(2024, 6, 1)))))
    cell = book["Thủ tục"]["B2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x","bấm")', "s")
    assert book["Thủ tục"]["H2"].value == "3 ngày làm việc"


def test_an_abolition_before_a_scheduled_version_is_refused(
    make_procedure: Callable[..., ProcedureVersion],
) -> None:
    from motcua.catalog.services import version_draft_create, version_publish

    v1 = make_procedure("1.000656", "Thủ tục đăng ký khai tử", valid_from=D(2024, 1, 1))
    version_publish(
        actor=None, version=version_draft_create(actor=None, procedure=v1.procedure), valid_from=D(2099, 1, 1)
    )
    with pytest.raises(ApplicationError) as refused:
        publication_decision_create(
            actor=None,
            number="13/QĐ-UBND",
            signed_on=D(2025, 6, 2),
            issuer="UBND tỉnh",
            items={"abolished": ["1.000656"]},
            legal_effective_on=D(2025, 7, 1),
        )
    assert refused.value.code == "abolish_scheduled_version"
    assert PublicationDecision.objects.count() == 0
