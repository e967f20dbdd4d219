"""Search by code, name and field, insensitive to Vietnamese diacritics and case, ranked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import procedure_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(make_procedure: Callable[..., ProcedureVersion]) -> None:
    make_procedure("1.001193", "Đăng ký khai sinh", field="Hộ tịch")
    make_procedure("1.000894", "Đăng ký kết hôn", field="Hộ tịch")
    make_procedure("2.000528", "Đăng ký khai sinh có yếu tố nước ngoài", field="Hộ tịch")
    make_procedure("1.004746", "Cấp bản sao trích lục hộ tịch", field="Hộ tịch")
    make_procedure("1.003005", "Thủ tục khai báo tạm trú", field="Đăng ký, quản lý cư trú")
    make_procedure("1.009999", "Đăng ký lại khai sinh", field="Hộ tịch", publish=False)


def _codes(text: str, **kwargs: object) -> list[str]:
    return [hit.procedure.code for hit in procedure_search(text, **kwargs).hits]  # type: ignore[arg-type]


@pytest.mark.usefixtures("catalogue")
def test_without_diacritics_finds_the_exact_name_first() -> None:
    assert _codes("dang ky khai sinh") == ["1.001193", "2.000528", "1.009999"]
    assert _codes("ĐĂNG KÝ KHAI SINH") == ["1.001193", "2.000528", "1.009999"]
    assert _codes("Dang Ky Khai Sinh", published_only=True) == ["1.001193", "2.000528"]


@pytest.mark.usefixtures("catalogue")
def test_by_code_by_words_in_any_order_and_by_field() -> None:
    assert _codes("1.000894") == ["1.000894"]
    assert _codes("ket hon dang ky") == ["1.000894"]
    assert _codes("cu tru") == ["1.003005"]  # found by its field
    assert _codes("ho tich", field="Hộ tịch")[0] == "1.004746"  # in the name beats in the field only
    assert _codes("khai sinh", field="Đăng ký, quản lý cư trú") == []
    assert _codes("không có thủ tục này") == []


@pytest.mark.usefixtures("catalogue")
def test_empty_query_lists_by_code() -> None:
    assert _codes("", limit=3) == ["1.000894", "1.001193", "1.003005"]


@pytest.mark.usefixtures("catalogue")
def test_pages_of_results() -> None:
    first = procedure_search("dang ky", limit=2)
    second = procedure_search("dang ky", limit=2, offset=2)
    assert (first.total, second.total) == (5, 5)  # four by name, one by its field
    assert [h.procedure.code for h in first.hits + second.hits] == [
        h.procedure.code for h in procedure_search("dang ky").hits[:4]
    ]


def test_the_public_does_not_find_a_procedure_whose_version_has_run_out(
    make_procedure: Callable[..., ProcedureVersion],
) -> None:
    import datetime as dt

    version = make_procedure("1.000656", "Đăng ký khai tử")
    ProcedureVersion.objects.filter(pk=version.pk).update(
        valid_to=dt.date(2025, 6, 30)
    )  # status still "published"
    assert _codes("khai tu", published_only=True) == []
    assert _codes("khai tu") == ["1.000656"]
