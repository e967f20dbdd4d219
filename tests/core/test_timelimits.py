"""Time limits as the catalogue writes them, including the messy forms of shared/data/catalog."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from motcua.core.deadlines import LimitUnit, TimeLimit
from motcua.core.timelimits import parse_time_limit

WD, WH, CD, SD = LimitUnit.WORKING_DAYS, LimitUnit.WORKING_HOURS, LimitUnit.CALENDAR_DAYS, LimitUnit.SAME_DAY


@pytest.mark.parametrize(
    ("raw", "value", "unit", "note"),
    [
        ("03 ngày làm việc", 3, WD, ""),
        ("15 ngày", 15, CD, ""),
        ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 5, WD, "kể từ ngày nhận đủ hồ sơ hợp lệ"),
        ("Trong ngày", 0, SD, ""),
        ("04 giờ làm việc", 4, WH, ""),
        ("Ngay trong ngày làm việc", 0, SD, ""),
        (
            "01 ngày; trường hợp cần xác minh thì không quá 03 ngày",
            1,
            CD,
            "trường hợp cần xác minh thì không quá 03 ngày",
        ),
        ("30 ngày", 30, CD, ""),
        ("5 Ngày làm việc", 5, WD, ""),
        (
            "Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định",
            20,
            WD,
            "kể từ ngày nhận đủ hồ sơ theo quy định",
        ),
        ("1,5 ngày làm việc", 1.5, WD, ""),
        ("0,5 ngày làm việc", 0.5, WD, ""),
        ("Không quá 10 ngày làm việc", 10, WD, ""),
        (
            "07 ngày làm việc, kể từ ngày nhận đủ hồ sơ (Sở Nội vụ: 03 ngày; UBND cấp xã: 04 ngày)",
            7,
            WD,
            "kể từ ngày nhận đủ hồ sơ (Sở Nội vụ: 03 ngày; UBND cấp xã: 04 ngày",
        ),
        ("5 Ngày làm việcMiễn phí", 5, WD, "Miễn phí"),
        ("1 GiờMiễn phí", 1, WH, "“giờ” không ghi “làm việc”: tính theo giờ làm việc (D3); Miễn phí"),
        (
            "Ngay trong ngày; trường hợp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
            0,
            SD,
            "trường hợp nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo",
        ),
    ],
)
def test_parsed(raw: str, value: float, unit: LimitUnit, note: str) -> None:
    parsed = parse_time_limit(raw)
    assert parsed.limit is not None
    assert (parsed.limit.value, parsed.limit.unit, parsed.note) == (value, unit, note)
    assert parsed.raw == raw


def test_plain_hours_are_working_hours_and_say_so() -> None:
    parsed = parse_time_limit("1 Giờ")
    assert parsed.limit is not None
    assert parsed.limit.unit == WH
    assert "tính theo giờ làm việc" in parsed.note


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1", "thiếu đơn vị"),
        ("Không có thông tin", "không ghi thời hạn"),
        ("", "không ghi thời hạn"),
        ("03 tháng", "“tháng” chưa được hỗ trợ"),
        ("Ngay khi nhận đủ hồ sơ", "không nhận ra"),
        ("Theo quy định của pháp luật", "không nhận ra"),
        ("1,5 ngày", "số nguyên"),
    ],
)
def test_unparsed_keeps_the_text_and_says_why(raw: str, reason: str) -> None:
    parsed = parse_time_limit(raw)
    assert parsed.limit is None
    assert not parsed.parsed
    assert parsed.raw == raw
    assert reason in parsed.reason


def test_the_real_catalogue_parses_or_says_why() -> None:
    """Every time-limit cell of the 588 procedures gives a limit or an explicit reason; none crashes."""
    path = (
        Path(__file__).resolve().parents[3] / "shared" / "data" / "catalog" / "dvcqg_2026_cap_xa_full.jsonl"
    )
    if not path.exists():
        pytest.skip("shared/ is not beside this checkout")
    parsed = unparsed = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        for channel in json.loads(line)["cach_thuc_thuc_hien_parsed"] or []:
            cell = channel.get("thoi_han_phi_mo_ta", "")
            result = parse_time_limit(cell)
            if result.parsed:
                parsed += 1
            else:
                unparsed += 1
                assert result.reason
    assert parsed > 500
    assert unparsed > 0


def test_a_number_too_large_for_a_time_limit_is_unparsed_not_an_error() -> None:
    parsed = parse_time_limit("9" * 400 + " Ngày")
    assert (parsed.limit, parsed.reason) == (None, "số quá lớn để là một thời hạn")
    assert parse_time_limit("275 Ngày").limit == TimeLimit(275, LimitUnit.CALENDAR_DAYS)
