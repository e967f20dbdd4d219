"""Petition codes PAKN.YYYYMMDD.NNNN (regulations.md §3b.6): real examples and round-trip properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.petition_codes import PetitionCode, parse_petition_code, petition_code


@pytest.mark.parametrize(
    ("day", "sequence", "code"),
    [
        (dt.date(2020, 8, 12), 12, "PAKN.20200812.0012"),  # the portal's published example
        (dt.date(2024, 2, 29), 1, "PAKN.20240229.0001"),  # a leap day
        (dt.date(2026, 11, 25), 12345, "PAKN.20261125.12345"),  # past four digits
    ],
)
def test_codes(day: dt.date, sequence: int, code: str) -> None:
    assert petition_code(day, sequence) == code
    assert parse_petition_code(code) == PetitionCode(day, sequence)


@pytest.mark.parametrize(
    "text",
    [
        "PAKN.20230229.0001",
        "PAKN.2024021.0001",
        "PAKN.20240213.001",
        "HS.20240213.0001",
        "",
        "PAKN.20241301.0001",
    ],
)
def test_not_codes(text: str) -> None:
    assert parse_petition_code(text) is None


def test_lower_case_and_spaces_are_read() -> None:
    assert parse_petition_code("  pakn.20240311.0007 ") == PetitionCode(dt.date(2024, 3, 11), 7)


@pytest.mark.parametrize("sequence", [0, -1, 10_000_000])
def test_sequence_out_of_range(sequence: int) -> None:
    with pytest.raises(ValueError, match="số thứ tự"):
        petition_code(dt.date(2024, 3, 11), sequence)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(1, 9_999_999))
def test_round_trip(day: dt.date, sequence: int) -> None:
    assert parse_petition_code(petition_code(day, sequence)) == PetitionCode(day, sequence)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)), st.integers(1, 9998))
def test_codes_of_a_day_sort_in_sequence_order(day: dt.date, sequence: int) -> None:
    assert petition_code(day, sequence) < petition_code(day, sequence + 1)
