from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.names import fold, has_diacritics, same_name, strip_division


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Xã Ba Tơ", "xa ba to"),
        ("Xã Ba Tô", "xa ba to"),
        ("Thị trấn Ba Tơ", "thi tran ba to"),
        ("Xã Đặng Thùy Trâm", "xa dang thuy tram"),
        ("  Huyện   Ba  Tơ ", "huyen ba to"),
        ("Xã Ba Điền", "xa ba dien"),
        ("Phòng Tài chính - Kế hoạch", "phong tai chinh - ke hoach"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_decomposed_input_is_the_same_name() -> None:
    decomposed = "Xa\u0303 Ba To\u031b"  # "Xã Ba Tơ" typed with combining marks
    assert same_name(decomposed, "Xã Ba Tơ")
    assert not same_name(decomposed, "Xã Ba Tô")


@pytest.mark.parametrize(
    ("text", "core"),
    [
        ("Thị trấn Ba Tơ", "ba tơ"),
        ("Xã Ba Tô", "ba tô"),
        ("xa ba to", "ba to"),
        ("Huyện Ba Tơ", "ba tơ"),
        ("Tỉnh Quảng Ngãi", "quảng ngãi"),
        ("Thành phố Hà Nội", "hà nội"),
        ("Ba Vì", "ba vì"),
    ],
)
def test_strip_division(text: str, core: str) -> None:
    assert strip_division(text) == core


def test_has_diacritics() -> None:
    assert has_diacritics("Ba Tô")
    assert has_diacritics("Đà")
    assert not has_diacritics("Ba To")


@given(st.text())
def test_fold_is_idempotent_and_mark_free(text: str) -> None:
    once = fold(text)
    assert fold(once) == once
    assert not has_diacritics(once)


VIETNAMESE = st.text(alphabet="abdoutxăâêôơưđ \u0300\u0301\u0303\u0309\u0323ABĐ", min_size=1)


@given(VIETNAMESE, VIETNAMESE)
def test_same_name_implies_same_fold_but_not_conversely(a: str, b: str) -> None:
    if same_name(a, b):
        assert fold(a) == fold(b)
    if fold(a) == fold(b) and has_diacritics(a) != has_diacritics(b):
        assert not same_name(a, b)
