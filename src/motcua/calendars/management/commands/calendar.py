"""`motcua calendar`: check a due time, compute many from a CSV file, list a year's calendar, recompute."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.calendars.models import DeadlineRuleSet
from motcua.calendars.selectors import calendar_for, core_rules, ruleset_on
from motcua.calendars.services import deadlines_recompute
from motcua.common.errors import ApplicationError
from motcua.common.progress import Progress
from motcua.core.bulk import due_many
from motcua.core.calendar import TZ, WorkCalendar
from motcua.core.deadlines import DEFAULT_RULES, LimitUnit, Pause, RuleSet, TimeLimit, due_time
from motcua.units.models import Unit
from motcua.units.selectors import unit_get_by_code


def _time(text: str) -> dt.datetime:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"thời điểm “{text}” không hợp lệ; dùng dạng 2024-02-07T10:00+07:00") from exc
    if value.tzinfo is None:
        raise ValueError(f"thời điểm “{text}” thiếu múi giờ; thêm +07:00")
    return value


def _limit(value: str, unit: str) -> TimeLimit:
    try:
        number = float(value)
    except ValueError as exc:
        raise ValueError(f"thời hạn “{value}” không phải là số") from exc
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"thời hạn phải là số không âm, không phải {value}")
    try:
        limit_unit = LimitUnit(unit)
    except ValueError as exc:
        raise ValueError(f"đơn vị “{unit}” không có; dùng một trong: {', '.join(LimitUnit)}") from exc
    try:
        return TimeLimit(number, limit_unit)
    except ValueError as exc:
        raise ValueError(str(exc)) from exc


class Command(BaseCommand):
    help = "Lịch làm việc và thời hạn giải quyết: tính hạn, xem lịch năm, tính lại hạn các hồ sơ đang mở."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        due = sub.add_parser("due", help="tính thời điểm tiếp nhận hợp lệ và hạn giải quyết")
        due.add_argument("--received", help="thời điểm tiếp nhận, ví dụ 2024-02-07T10:00+07:00")
        due.add_argument("--limit", help="thời hạn, có thể là số lẻ (1.5)")
        due.add_argument("--unit", choices=[u.value for u in LimitUnit], help="đơn vị của thời hạn")
        due.add_argument("--cutoff", help="giờ chốt trong ngày (HH:MM), mặc định theo bộ quy tắc")
        due.add_argument("--unit-code", help="mã đơn vị: dùng ngày nghỉ và giờ làm việc riêng của đơn vị")
        due.add_argument("--pause", action="append", default=[], help="tạm dừng START/END (nhiều lần)")
        due.add_argument("--supplement-received", help="thời điểm nhận đủ hồ sơ bổ sung")
        due.add_argument("--supplement-requested", help="thời điểm yêu cầu bổ sung (khi trừ thời gian chờ)")
        due.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        due.add_argument("--csv", type=Path, help="tệp CSV vào, cột received,limit,unit")
        due.add_argument("--out", type=Path, help="tệp CSV ra (thêm cột effective_receipt,due,error)")
        show = sub.add_parser("show", help="liệt kê ngày nghỉ và ngày làm bù của một năm, với nguồn")
        show.add_argument("year", type=int)
        show.add_argument("--unit-code")
        show.add_argument("--json", action="store_true")
        sub.add_parser("recompute", help="tính lại hạn của mọi hồ sơ đang mở theo lịch hiện tại")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"])(options)
        except (ApplicationError, ValueError) as exc:
            message = exc.message if isinstance(exc, ApplicationError) else str(exc)
            raise CommandError(message, returncode=2) from exc

    # -- due ---------------------------------------------------------------------------------

    def _unit(self, code: str | None, on: dt.date) -> Unit | None:
        return unit_get_by_code(code, on=on) if code else None

    def _rules(self, on: dt.date, cutoff: str | None) -> RuleSet:
        rules = core_rules(ruleset_on(on)) if DeadlineRuleSet.objects.exists() else DEFAULT_RULES
        if cutoff:
            try:
                moment = dt.time.fromisoformat(cutoff)
            except ValueError as exc:
                raise ValueError(f"giờ chốt “{cutoff}” không hợp lệ; dùng HH:MM") from exc
            rules = dataclasses.replace(rules, cutoff_minute=moment.hour * 60 + moment.minute)
        return rules

    def _due(self, options: dict[str, Any]) -> None:
        if options["csv"]:
            self._due_csv(options)
            return
        missing = [name for name in ("received", "limit", "unit") if not options[name]]
        if missing:
            raise ValueError("thiếu " + ", ".join(f"--{m}" for m in missing) + " (hoặc dùng --csv)")
        received = _time(options["received"])
        limit = _limit(options["limit"], options["unit"])
        on = received.astimezone(TZ).date()
        cal = calendar_for(self._unit(options["unit_code"], on))
        pauses = []
        for text in options["pause"]:
            start, sep, end = text.partition("/")
            if not sep:
                raise ValueError(f"tạm dừng “{text}” phải có dạng START/END")
            pauses.append(Pause(_time(start), _time(end)))
        deadline = due_time(
            cal,
            received,
            limit,
            self._rules(on, options["cutoff"]),
            pauses=pauses,
            supplement_received=_time(options["supplement_received"])
            if options["supplement_received"]
            else None,
            supplement_requested=_time(options["supplement_requested"])
            if options["supplement_requested"]
            else None,
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "effective_receipt": deadline.effective_receipt.isoformat(),
                        "due": deadline.due.isoformat(),
                    }
                )
            )
        else:
            self.stdout.write(f"Tiếp nhận hợp lệ: {deadline.effective_receipt:%H:%M %d/%m/%Y}")
            self.stdout.write(f"Hạn giải quyết:   {deadline.due:%H:%M %d/%m/%Y}")

    def _due_csv(self, options: dict[str, Any]) -> None:
        source: Path = options["csv"]
        if options["out"] is None:
            raise ValueError("--csv cần --out để ghi kết quả")
        if not source.exists():
            raise ValueError(f"không có tệp {source}")
        with source.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            columns = list(reader.fieldnames or [])
            rows = list(reader)
        if not {"received", "limit", "unit"} <= set(columns):
            raise ValueError("tệp CSV cần các cột received,limit,unit")
        cal = calendar_for(self._unit(options["unit_code"], timezone.localdate()))
        good: list[tuple[int, dt.datetime, TimeLimit]] = []
        for number, row in enumerate(rows):
            try:
                good.append(
                    (number, _time(row["received"] or ""), _limit(row["limit"] or "", row["unit"] or ""))
                )
            except ValueError as exc:
                row["error"] = str(exc)
        # Each row under the rule set in force on its own day of receipt (D9).
        by_rules: dict[RuleSet, list[tuple[int, dt.datetime, TimeLimit]]] = {}
        rules_on: dict[dt.date, RuleSet] = {}
        for item in good:
            day = item[1].astimezone(TZ).date()
            try:
                rules = rules_on.setdefault(day, self._rules(day, options["cutoff"]))
            except ApplicationError as exc:
                rows[item[0]]["error"] = exc.message
                continue
            by_rules.setdefault(rules, []).append(item)
        chunk = 20_000
        batches = [
            (rules, items[i : i + chunk])
            for rules, items in by_rules.items()
            for i in range(0, len(items), chunk)
        ]
        progress = Progress(max(len(batches), 1), "Tính hạn")
        computed = 0
        for rules, batch in batches:
            computed += self._compute_all(cal, rules, batch, rows)
            progress.step(f"{len(batch)} dòng")
        with options["out"].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(
                handle, [*columns, "effective_receipt", "due", "error"], extrasaction="ignore"
            )
            writer.writeheader()
            writer.writerows(rows)
        failed = sum(1 for row in rows if row.get("error"))
        self.stdout.write(f"Đã tính {computed} dòng, {failed} dòng lỗi → {options['out']}")

    def _compute_all(
        self,
        cal: WorkCalendar,
        rules: RuleSet,
        good: list[tuple[int, dt.datetime, TimeLimit]],
        rows: list[dict[str, Any]],
    ) -> int:
        try:
            results = due_many(cal, [g[1] for g in good], [g[2] for g in good], rules)
        except ValueError:
            results = None  # one row is out of range: fall back to row by row, so only that row fails
        computed = 0
        for position, (number, received, limit) in enumerate(good):
            try:
                deadline = results[position] if results is not None else due_time(cal, received, limit, rules)
            except ValueError as exc:
                rows[number]["error"] = str(exc)
                continue
            rows[number]["effective_receipt"] = deadline.effective_receipt.isoformat()
            rows[number]["due"] = deadline.due.isoformat()
            rows[number]["error"] = ""
            computed += 1
        return computed

    # -- show, recompute ---------------------------------------------------------------------

    def _show(self, options: dict[str, Any]) -> None:
        year = options["year"]
        cal = calendar_for(self._unit(options["unit_code"], dt.date(year, 6, 30)))
        if not cal.first.year <= year <= cal.last.year:
            raise ValueError(f"lịch chỉ có các năm {cal.first.year}–{cal.last.year}")
        days = cal.days(year)
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [{"date": d.day.isoformat(), "working": d.working, "source": d.source} for d in days],
                    ensure_ascii=False,
                    indent=2,
                )
            )
            return
        self.stdout.write(f"Lịch năm {year}: ngày nghỉ và ngày làm việc khác thường lệ")
        for d in days:
            kind = "làm việc" if d.working else "nghỉ"
            weekday = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")[d.day.weekday()]
            self.stdout.write(f"{weekday} {d.day:%d/%m/%Y}  {kind:<9} {d.source}")

    def _recompute(self, options: dict[str, Any]) -> None:
        change = deadlines_recompute()
        self.stdout.write(
            f"Đã xét {change.items_checked} hồ sơ đang mở, {change.items_changed} hồ sơ đổi hạn ({change.duration_ms} ms)."
        )
