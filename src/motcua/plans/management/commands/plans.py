"""`motcua plans import FILE` (a yearly control plan: text, markdown or .docx) and `motcua plans remind`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.common.errors import ApplicationError
from motcua.plans.services import plan_import, plan_reminders_send, plan_summary
from motcua.units.selectors import unit_get_by_code


class Command(BaseCommand):
    help = "Kế hoạch kiểm soát TTHC: nhập văn bản kế hoạch (.txt, .md, .docx)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        imp = sub.add_parser("import", help="nhập kế hoạch từ tệp")
        imp.add_argument("file", type=Path)
        imp.add_argument("--unit-code", help="mã đơn vị ban hành (mặc định: theo địa bàn ghi trong kế hoạch)")
        imp.add_argument("--year", type=int, help="năm của kế hoạch (mặc định: theo tên kế hoạch)")
        imp.add_argument("--json", action="store_true", help="in tóm tắt dạng JSON")
        remind = sub.add_parser("remind", help="nhắc các đơn vị chủ trì trước hạn và khi quá hạn")
        remind.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="ngày tính (YYYY-MM-DD)"
        )
        remind.add_argument("--days-before", type=int, default=7)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "remind":
                self._remind(options)
            else:
                self._import(options)
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc

    def _remind(self, options: dict[str, Any]) -> None:
        today = options["today"] or timezone.localdate()
        sent = plan_reminders_send(today=today, days_before=options["days_before"])
        self.stdout.write(f"Đã gửi {len(sent)} lời nhắc (ngày {today:%d/%m/%Y}).")

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.", returncode=2)
        unit = None
        if options["unit_code"]:
            on = dt.date(options["year"], 6, 30) if options["year"] else None
            unit = unit_get_by_code(options["unit_code"], on=on)
        result = plan_import(
            actor=None, name=path.name, data=path.read_bytes(), unit=unit, year=options["year"]
        )
        summary = plan_summary(result)
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        counts = summary["counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập “{result.plan.title}”: {counts['sections']} phần, {counts['tasks']} nhiệm vụ,"
                f" {counts['targets']} chỉ tiêu."
            )
        )
        if summary["tasks_without_units"]:
            self.stdout.write(
                f"  Nhiệm vụ chưa có đơn vị thực hiện: {', '.join(summary['tasks_without_units'])}"
            )
        for section in summary["sections"]:
            for task in section["tasks"]:
                if task["units_unresolved"] or task["timing"]["unknown"]:
                    self.stdout.write(
                        f"  Nhiệm vụ {task['number']}: chưa nhận ra {task['units_unresolved'] + task['timing']['unknown']}"
                    )
