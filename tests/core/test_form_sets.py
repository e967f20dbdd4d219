"""The one-stop form list by date (Circular 01/2018 → Circular 03/2025) and Decree 30/2020 dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.calendar import TZ
from motcua.core.form_sets import (
    FORM_SETS,
    FormKind,
    FormName,
    form_name,
    form_set_on,
    short_date,
    short_time,
    vietnamese_date,
    vietnamese_time,
)

D = dt.date
K = FormKind


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2018, 8, 21), "tt01-2018"),
        (D(2024, 6, 30), "tt01-2018"),
        (D(2025, 6, 30), "tt01-2018"),
        (D(2025, 7, 1), "tt03-2025"),
        (D(2026, 3, 5), "tt03-2025"),
    ],
)
def test_the_set_in_force(day: dt.date, code: str) -> None:
    assert form_set_on(day).code == code


def test_no_set_before_the_first_one() -> None:
    with pytest.raises(ValueError, match="không có bộ biểu mẫu một cửa nào có hiệu lực ngày 20/8/2018"):
        form_set_on(D(2018, 8, 20))


@pytest.mark.parametrize(
    ("kind", "day", "number", "title"),
    [
        (K.RECEIPT, D(2024, 6, 30), "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        (K.SUPPLEMENT_REQUEST, D(2024, 6, 30), "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        (K.REFUSAL, D(2024, 6, 30), "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        (K.APOLOGY, D(2024, 10, 1), "04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
        (K.CONTROL_SLIP, D(2025, 6, 30), "05", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        (K.TRACKING_BOOK, D(2025, 6, 30), "06", "Sổ theo dõi hồ sơ"),
        (K.RECEIPT, D(2025, 7, 1), "01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"),
        (K.SUPPLEMENT_REQUEST, D(2025, 7, 1), "02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
        (K.REFUSAL, D(2025, 7, 1), "03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"),
        (K.APOLOGY, D(2025, 9, 1), "04", "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"),
        (K.STOP_NOTICE, D(2025, 7, 1), "05", "Thông báo dừng giải quyết hồ sơ"),
        (K.CONTROL_SLIP, D(2025, 7, 1), "06", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
        (K.TRACKING_BOOK, D(2026, 12, 14), "07", "Sổ theo dõi hồ sơ"),
    ],
)
def test_form_numbers_and_titles(kind: FormKind, day: dt.date, number: str, title: str) -> None:
    assert form_name(kind, day) == FormName(number, title)


def test_the_2018_set_has_no_stop_notice() -> None:
    with pytest.raises(ValueError, match=r"áp dụng ngày 01/10/2024 .*không có biểu mẫu “stop_notice”"):
        form_name(K.STOP_NOTICE, D(2024, 10, 1))


def test_the_legal_basis_printed_on_the_forms() -> None:
    assert form_set_on(D(2024, 1, 2)).basis == "Ban hành kèm theo Thông tư số 01/2018/TT-VPCP"
    assert form_set_on(D(2026, 1, 2)).basis == "Phụ lục I ban hành kèm theo Thông tư số 03/2025/TT-VPCP"


def test_every_set_numbers_its_forms_one_to_n_without_gaps() -> None:
    for form_set in FORM_SETS:
        numbers = sorted(name.number for name in form_set.forms.values())
        assert numbers == [f"{n:02d}" for n in range(1, len(numbers) + 1)]


@given(st.dates(min_value=D(2018, 8, 21), max_value=D(2030, 12, 31)))
def test_every_day_has_exactly_one_set(day: dt.date) -> None:
    assert sum(form_set.in_force_on(day) for form_set in FORM_SETS) == 1
    assert form_set_on(day).in_force_on(day)


@given(st.dates(min_value=D(2018, 8, 21), max_value=D(2030, 12, 31)), st.sampled_from(list(FormKind)))
def test_a_form_keeps_its_title_within_a_set(day: dt.date, kind: FormKind) -> None:
    form_set = form_set_on(day)
    if kind in form_set.forms:
        assert form_name(kind, day) == form_set.forms[kind]
    else:
        with pytest.raises(ValueError, match="không có biểu mẫu"):
            form_name(kind, day)


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (D(2026, 3, 5), "ngày 05 tháng 3 năm 2026", "05/3/2026"),
        (D(2025, 1, 20), "ngày 20 tháng 01 năm 2025", "20/01/2025"),
        (D(2024, 2, 9), "ngày 09 tháng 02 năm 2024", "09/02/2024"),
        (D(2018, 11, 23), "ngày 23 tháng 11 năm 2018", "23/11/2018"),
        (D(2025, 10, 1), "ngày 01 tháng 10 năm 2025", "01/10/2025"),
        (D(2025, 12, 31), "ngày 31 tháng 12 năm 2025", "31/12/2025"),
    ],
)
def test_dates_in_the_style_of_decree_30(day: dt.date, long: str, short: str) -> None:
    assert (vietnamese_date(day), short_date(day)) == (long, short)


@pytest.mark.parametrize(
    ("moment", "long", "short"),
    [
        (
            dt.datetime(2026, 3, 5, 14, 5, tzinfo=TZ),
            "14 giờ 05 phút, ngày 05 tháng 3 năm 2026",
            "14:05 05/3/2026",
        ),
        (dt.datetime(2024, 1, 8, 7, 30), "07 giờ 30 phút, ngày 08 tháng 01 năm 2024", "07:30 08/01/2024"),
        # Stored in UTC: 17:10 UTC on 31/12 is 00:10 on New Year's Day in Vietnam.
        (
            dt.datetime(2025, 12, 31, 17, 10, tzinfo=dt.UTC),
            "00 giờ 10 phút, ngày 01 tháng 01 năm 2026",
            "00:10 01/01/2026",
        ),
    ],
)
def test_times_are_written_in_vietnam_time(moment: dt.datetime, long: str, short: str) -> None:
    assert (vietnamese_time(moment), short_time(moment)) == (long, short)
