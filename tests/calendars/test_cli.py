"""`motcua calendar`: single due times, CSV in bulk, a year's calendar, and clear errors (exit 2)."""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def _call(*args: str) -> str:
    out = StringIO()
    call_command("calendar", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--received", "2024-02-07T10:00+07:00", "--limit", "3", "--unit", "working_days"],
            {"effective_receipt": "2024-02-07T10:00:00+07:00", "due": "2024-02-19T17:00:00+07:00"},
        ),
        (
            ["--received", "2024-03-10T22:00+07:00", "--limit", "1", "--unit", "working_days"],
            {"effective_receipt": "2024-03-11T07:00:00+07:00", "due": "2024-03-12T17:00:00+07:00"},
        ),
        (
            ["--received", "2024-03-11T03:00Z", "--limit", "1.5", "--unit", "working_days"],
            {"effective_receipt": "2024-03-11T10:00:00+07:00", "due": "2024-03-13T11:00:00+07:00"},
        ),
        (
            [
                "--received",
                "2024-03-11T15:30+07:00",
                "--limit",
                "0",
                "--unit",
                "same_day",
                "--cutoff",
                "16:00",
            ],
            {"effective_receipt": "2024-03-11T15:30:00+07:00", "due": "2024-03-11T17:00:00+07:00"},
        ),
        (
            [
                "--received",
                "2024-03-04T09:00+07:00",
                "--limit",
                "3",
                "--unit",
                "working_days",
                "--pause",
                "2024-03-05T07:00+07:00/2024-03-12T07:00+07:00",
            ],
            {"effective_receipt": "2024-03-04T09:00:00+07:00", "due": "2024-03-14T17:00:00+07:00"},
        ),
        (
            [
                "--received",
                "2024-03-04T09:00+07:00",
                "--limit",
                "5",
                "--unit",
                "working_days",
                "--supplement-received",
                "2024-03-13T10:00+07:00",
            ],
            {"effective_receipt": "2024-03-13T10:00:00+07:00", "due": "2024-03-20T17:00:00+07:00"},
        ),
    ],
)
def test_due_json(args: list[str], expected: dict[str, str]) -> None:
    assert json.loads(_call("due", *args, "--json")) == expected


def test_due_uses_the_units_own_calendar(demo_units: dict[str, Unit]) -> None:
    from motcua.calendars.services import calendar_override_set

    calendar_override_set(
        actor=None,
        day=__import__("datetime").date(2024, 3, 12),
        kind="receipt_suspended",
        unit=demo_units["2024:21523"],
        reason="Mất điện",
    )
    args = ["due", "--received", "2024-03-11T09:00+07:00", "--limit", "1", "--unit", "working_days", "--json"]
    assert json.loads(_call(*args))["due"] == "2024-03-12T17:00:00+07:00"
    assert json.loads(_call(*args, "--unit-code", "21523"))["due"] == "2024-03-13T17:00:00+07:00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--received", "2024-02-07 10:00", "--limit", "3", "--unit", "working_days"], "thiếu múi giờ"),
        (["--received", "hôm qua", "--limit", "3", "--unit", "working_days"], "không hợp lệ"),
        (["--received", "2024-02-07T10:00+07:00", "--limit", "-1", "--unit", "working_days"], "không âm"),
        (
            [
                "--received",
                "2024-02-07T10:00+07:00",
                "--limit",
                "3",
                "--unit",
                "working_days",
                "--unit-code",
                "99999",
            ],
            "Không có đơn vị mã “99999”",
        ),
        (["--received", "2024-02-07T10:00+07:00", "--limit", "3"], "thiếu --unit"),
        (
            [
                "--received",
                "2024-02-07T10:00+07:00",
                "--limit",
                "2",
                "--unit",
                "working_days",
                "--pause",
                "x",
            ],
            "START/END",
        ),
    ],
)
def test_bad_input_exits_2(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        _call("due", *args)
    assert refused.value.returncode == 2
    assert message in str(refused.value)


def test_an_unknown_unit_of_time_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        _call("due", "--received", "2024-02-07T10:00+07:00", "--limit", "3", "--unit", "weeks")


def test_csv_bulk_keeps_going_past_bad_rows(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text(
        "received,limit,unit,ref\n"
        "2024-02-07T10:00+07:00,3,working_days,A\n"
        "2024-03-11T16:00+07:00,4,working_hours,B\n"
        "not a time,1,working_days,C\n"
        "2024-03-11T10:00+07:00,-2,working_days,D\n"
        "2024-01-24T10:00+07:00,15,calendar_days,E\n",
        encoding="utf-8",
    )
    output = _call("due", "--csv", str(source), "--out", str(target))
    assert "Đã tính 3 dòng, 2 dòng lỗi" in output
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [r["ref"] for r in rows] == ["A", "B", "C", "D", "E"]
    assert rows[0]["due"] == "2024-02-19T17:00:00+07:00"
    assert rows[1]["due"] == "2024-03-12T10:00:00+07:00"
    assert rows[2]["due"] == ""
    assert "không hợp lệ" in rows[2]["error"]
    assert "không âm" in rows[3]["error"]
    assert rows[4]["due"] == "2024-02-15T17:00:00+07:00"
    assert rows[4]["error"] == ""


def test_show_lists_days_off_and_make_up_days_with_their_source() -> None:
    days = {d["date"]: d for d in json.loads(_call("show", "2024", "--json"))}
    assert days["2024-05-04"] == {"date": "2024-05-04", "working": True, "source": "holidays: ngày làm bù"}
    assert days["2024-02-12"]["working"] is False
    assert "Tết" in days["2024-02-12"]["source"]
    assert "2024-03-09" not in days
    text = _call("show", "2025")
    assert "T7 26/04/2025  làm việc" in text
    with pytest.raises(CommandError, match="chỉ có các năm"):
        _call("show", "1999")


def test_recompute_command_reports(make_dossier) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from motcua.core.calendar import TZ

    make_dossier(dt.datetime(2024, 3, 11, 9, tzinfo=TZ), 3, "working_days")
    assert "Đã xét 1 hồ sơ đang mở, 0 hồ sơ đổi hạn" in _call("recompute")


def test_csv_rows_without_a_rule_set_say_so(tmp_path: Path) -> None:
    source, target = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_text("received,limit,unit\n2015-03-02T10:00+07:00,3,working_days\n", encoding="utf-8")
    _call("due", "--csv", str(source), "--out", str(target))
    (row,) = list(csv.DictReader(target.open(encoding="utf-8")))
    assert "Chưa có bộ quy tắc tính hạn nào có hiệu lực ngày 02/03/2015" in row["error"]
