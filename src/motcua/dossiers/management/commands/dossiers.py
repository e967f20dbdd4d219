"""`motcua dossiers import FILE`, `motcua dossiers export -o FILE` and `motcua dossiers scan`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from motcua.common.errors import ApplicationError
from motcua.common.progress import Progress
from motcua.dossiers.importing import (
    dossiers_import,
    export_queryset,
    export_rows,
    read_file,
    steps_for,
    to_csv,
    to_xlsx,
)
from motcua.dossiers.tasks import dossiers_scan

SHOWN_ERRORS = 50


class Command(BaseCommand):
    help = "Hồ sơ TTHC: nhập hồ sơ cũ (.csv, .xlsx), xuất hồ sơ, quét hồ sơ sắp đến hạn và quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        imp = sub.add_parser("import", help="nhập hồ sơ từ hệ thống cũ (cột: docs/dossiers-import.md)")
        imp.add_argument("file", type=Path)
        imp.add_argument("--unit", default="", help="mã đơn vị tiếp nhận cho các dòng không có unit_code")
        imp.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra và đếm, không ghi gì")
        imp.add_argument(
            "--skip-bad",
            action="store_true",
            help="ghi các dòng đúng, báo các dòng lỗi (mặc định: không ghi gì)",
        )
        imp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
        export = sub.add_parser("export", help="xuất hồ sơ theo đúng các cột của tệp nhập")
        export.add_argument("-o", "--output", type=Path, required=True)
        export.add_argument("--format", choices=("csv", "xlsx"), default=None, help="mặc định: theo đuôi tệp")
        export.add_argument("--unit", default="", help="mã đơn vị tiếp nhận (mọi thời kỳ)")
        export.add_argument(
            "--from", dest="start", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD"
        )
        export.add_argument("--to", dest="end", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD")
        scan = sub.add_parser("scan", help="đánh dấu hồ sơ sắp đến hạn, quá hạn và gửi nhắc việc (một lần)")
        scan.add_argument(
            "--now", type=dt.datetime.fromisoformat, default=None, help="thời điểm tính (ISO 8601)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.", returncode=2)
        rows = read_file(path.name, path.read_bytes(), unit_given=bool(options["unit"]))
        progress = Progress(steps_for(len(rows)), "Nhập hồ sơ")
        result = dossiers_import(
            actor=None,
            rows=rows,
            default_unit=options["unit"],
            skip_bad=options["skip_bad"],
            dry_run=options["dry_run"],
            source=path.name,
            step=progress.step,
        )
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=1))
        else:
            for error in result.errors[:SHOWN_ERRORS]:
                self.stderr.write(str(error))
            if len(result.errors) > SHOWN_ERRORS:
                self.stderr.write(f"… và {len(result.errors) - SHOWN_ERRORS} dòng lỗi khác (xem --json).")
            if result.skipped:
                shown = ", ".join(result.skipped[:10])
                more = " …" if len(result.skipped) > 10 else ""
                self.stdout.write(f"Bỏ qua {len(result.skipped)} hồ sơ đã có (trùng mã): {shown}{more}")
        if result.errors and not options["skip_bad"]:
            raise CommandError(
                f"Không nhập hồ sơ nào: {len(result.errors)} dòng có lỗi. Sửa tệp, hoặc thêm --skip-bad.",
                returncode=2,
            )
        if options["json"]:
            return
        verb = "Sẽ nhập" if options["dry_run"] else "Đã nhập"
        self.stdout.write(
            f"{verb} {result.created} hồ sơ ({result.events} sự kiện, {result.components} thành phần, "
            f"{result.payments} khoản nộp phí, {result.results} kết quả, {result.ratings} đánh giá, "
            f"{result.owners_created} người nộp mới); {len(result.errors)} dòng lỗi bị bỏ qua."
        )
        if options["dry_run"]:
            self.stdout.write("Chạy thử (--dry-run): chưa ghi gì.")

    def _export(self, options: dict[str, Any]) -> None:
        path: Path = options["output"]
        fmt = options["format"] or path.suffix.lstrip(".").lower()
        if fmt not in ("csv", "xlsx"):
            raise CommandError("Chỉ xuất ra .csv hoặc .xlsx (--format csv|xlsx).", returncode=2)
        dossiers = export_queryset(unit_code=options["unit"], start=options["start"], end=options["end"])
        rows = list(export_rows(dossiers))
        path.write_bytes(to_csv(rows) if fmt == "csv" else to_xlsx(rows))
        self.stdout.write(f"Đã xuất {len(rows)} hồ sơ ra {path}.")

    def _scan(self, options: dict[str, Any]) -> None:
        now = options["now"]
        if now is not None and now.tzinfo is None:
            raise CommandError("--now cần múi giờ, ví dụ 2026-11-25T10:00+07:00.", returncode=2)
        result = dossiers_scan(now=now)
        self.stdout.write(result.summary())
