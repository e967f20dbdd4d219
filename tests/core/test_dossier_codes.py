"""Dossier codes <unit>-YYMMDD-NNNN and e-result codes <dossier>-KQn (regulations.md §1.10, §5.2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.dossier_codes import (
    DossierCode,
    dossier_code,
    parse_dossier_code,
    parse_result_code,
    result_code,
)


@pytest.mark.parametrize(
    ("unit", "day", "sequence", "code"),
    [
        ("H15.50.05.13", dt.date(2026, 10, 8), 975, "H15.50.05.13-261008-0975"),  # observed on the portal
        (
            "535-MC",
            dt.date(2024, 2, 19),
            1,
            "535-MC-240219-0001",
        ),  # an internal code while the e-code is unknown
        ("21523", dt.date(2025, 7, 1), 12345, "21523-250701-12345"),  # a fifth digit when a day passes 9,999
    ],
)
def test_codes_in_the_official_format(unit: str, day: dt.date, sequence: int, code: str) -> None:
    assert dossier_code(unit, day, sequence) == code
    assert parse_dossier_code(code) == DossierCode(unit, day, sequence)


@pytest.mark.parametrize(
    "text",
    [
        "H15.50.05.13-261308-0975",  # month 13
        "H15.50.05.13-260230-0001",  # 30 February
        "H15.50.05.13-261008-097",  # three digits
        "-261008-0975",
        "H15.50.05.13 261008 0975",
    ],
)
def test_what_is_not_a_dossier_code(text: str) -> None:
    assert parse_dossier_code(text) is None


def test_a_ministry_linked_code_with_seven_digits_is_read() -> None:
    assert parse_dossier_code("G12.99-260315-1200345") == DossierCode("G12.99", dt.date(2026, 3, 15), 1200345)


def test_result_codes() -> None:
    assert result_code("H15.50.05.13-261008-0975", 2) == "H15.50.05.13-261008-0975-KQ2"
    assert parse_result_code("H15.50.05.13-261008-0975-KQ2") == ("H15.50.05.13-261008-0975", 2)
    assert parse_result_code("H15.50.05.13-261008-0975") is None
    with pytest.raises(ValueError, match="không phải mã hồ sơ"):
        result_code("not a code", 1)
    with pytest.raises(ValueError, match="đánh số từ 1"):
        result_code("H15.50.05.13-261008-0975", 0)


@pytest.mark.parametrize(
    ("unit", "sequence", "why"),
    [
        ("", 1, "mã đơn vị"),
        ("H15 50", 1, "mã đơn vị"),
        ("H15", 0, "số thứ tự"),
        ("H15", 10_000_000, "số thứ tự"),
    ],
)
def test_bad_parts_are_refused(unit: str, sequence: int, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        dossier_code(unit, dt.date(2024, 1, 2), sequence)


@given(
    unit=st.from_regex(r"[A-Z][0-9]{2}(\.[0-9]{2}){0,3}", fullmatch=True),
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
    sequence=st.integers(min_value=1, max_value=9_999_999),
)
def test_every_code_reads_back(unit: str, day: dt.date, sequence: int) -> None:
    assert parse_dossier_code(dossier_code(unit, day, sequence)) == DossierCode(unit, day, sequence)
