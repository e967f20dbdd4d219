"""`motcua catalog import FILE`, `motcua catalog show CODE`, `motcua catalog export FILE`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.catalog.exports import catalog_csv, catalog_json, catalog_jsonl, catalog_source_rows, catalog_xlsx
from motcua.catalog.models import Procedure
from motcua.catalog.selectors import procedures_live_on, version_current, version_data, versions_with_parts
from motcua.catalog.services.importing import catalog_import, read_rows
from motcua.catalog.services.versions import catalog_refresh
from motcua.common.errors import ApplicationError
from motcua.common.progress import Progress


class Command(BaseCommand):
    help = "Danh mục TTHC: nhập từ Cổng DVCQG (.jsonl, .json, .csv, .xlsx), xem một thủ tục, xuất danh mục."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        imp = sub.add_parser("import", help="nhập hoặc cập nhật thủ tục từ tệp")
        imp.add_argument("file", type=Path)
        imp.add_argument(
            "--json", action="store_true", help="in tóm tắt dạng JSON (kèm chi tiết từng thủ tục)"
        )
        imp.add_argument("--publish", action="store_true", help="công bố ngay các bản nháp vừa nhập")
        imp.add_argument(
            "--valid-from", type=dt.date.fromisoformat, default=None, help="ngày hiệu lực (YYYY-MM-DD)"
        )
        show = sub.add_parser("show", help="phiên bản đang có hiệu lực của một thủ tục")
        show.add_argument("code")
        show.add_argument("--json", action="store_true")
        refresh = sub.add_parser(
            "refresh", help="việc hằng ngày: kết thúc phiên bản hết hạn, đổi tên theo phiên bản mới"
        )
        refresh.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="ngày tính (YYYY-MM-DD)"
        )
        export = sub.add_parser(
            "export", help="xuất các phiên bản đang có hiệu lực: .xlsx, .json; cột gốc của Cổng: .jsonl, .csv"
        )
        export.add_argument("file", type=Path)
        export.add_argument("--on", type=dt.date.fromisoformat, default=None, help="ngày (mặc định hôm nay)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"_{options['action']}")(options)
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc

    def _import(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"Không có tệp {path}.", returncode=2)
        rows = read_rows(path.name, path.read_bytes())
        progress = Progress(len(rows), "Nhập danh mục TTHC")
        summary = catalog_import(
            actor=None,
            rows=rows,
            publish=options["publish"],
            valid_from=options["valid_from"],
            step=progress.step,
        )
        if options["json"]:
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            f"Tạo mới {summary.created}, cập nhật {summary.updated}, không đổi {summary.unchanged}, "
            f"công bố {summary.published}, bỏ qua {len(summary.skipped)}, "
            f"giữ bản nháp đã sửa tay {len(summary.conflicts)}."
        )
        if summary.drafts_waiting:
            self.stdout.write(
                f"{summary.drafts_waiting} thủ tục không đổi vẫn là bản nháp, chờ cán bộ bổ sung."
            )
        self.stdout.write(f"{len(summary.unparsed)} thủ tục có nội dung chưa đọc được, theo loại:")
        for kind, count in summary.unparsed_by_kind().items():
            self.stdout.write(f"  {kind}: {count}")
        for item in summary.skipped:
            self.stdout.write(f"  bỏ qua dòng {item['row']}: {item['reason']}")
        if summary.not_published:
            self.stdout.write(
                f"{len(summary.not_published)} bản nháp chưa công bố được (chủ yếu vì chưa đọc được thời hạn), ví dụ:"
            )
            for item in summary.not_published[:5]:
                self.stdout.write(f"  {item['code']}: {item['reason']}")
            self.stdout.write("  (danh sách đầy đủ: thêm --json)")

    def _show(self, options: dict[str, Any]) -> None:
        procedure = Procedure.objects.filter(code=options["code"]).first()
        version = version_current(procedure) if procedure else None
        if version is None:
            raise CommandError(f"Không có thủ tục mã {options['code']}.", returncode=2)
        version = versions_with_parts().get(pk=version.pk)
        data = version_data(version)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
            return
        limit = data["time_limit"]
        self.stdout.write(
            f"{data['code']} {data['name']} (phiên bản {data['version']}, {version.get_status_display()})"
        )
        self.stdout.write(f"  thời hạn: {limit['value']} {limit['unit']}  ← “{limit['raw']}”")
        for channel in data["channels"]:
            self.stdout.write(
                f"  {channel['channel']}: {channel['time_limit']['value']} {channel['time_limit']['unit']}"
            )
        for fee in data["fees"]:
            self.stdout.write(
                f"  phí: {'miễn phí' if fee['free'] else fee['amount']} {fee['per']}  ← “{fee['raw']}”"
            )
        self.stdout.write(
            f"  {len(data['documents'])} thành phần hồ sơ; mức độ DVCTT: {data['online_level']}"
        )
        for problem in data["unparsed"]:
            self.stdout.write(f"  chưa đọc được ({problem['kind']}): {problem['reason']}")

    def _refresh(self, options: dict[str, Any]) -> None:
        ended, renamed = catalog_refresh(actor=None, today=options["today"])
        self.stdout.write(f"Đã kết thúc {ended} phiên bản hết hiệu lực, cập nhật tên {renamed} thủ tục.")

    def _export(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        versions = procedures_live_on(options["on"] or timezone.localdate())
        writers = {".json": catalog_json, ".xlsx": catalog_xlsx, ".jsonl": catalog_jsonl, ".csv": catalog_csv}
        if path.suffix not in writers:
            raise CommandError(
                "Chỉ xuất ra .xlsx, .json, hoặc cột gốc của Cổng DVCQG: .jsonl, .csv.", returncode=2
            )
        path.write_bytes(writers[path.suffix](versions))
        if path.suffix in {".jsonl", ".csv"}:  # only versions that came from the portal have its columns
            count = len(catalog_source_rows(versions))
            self.stdout.write(f"Đã xuất {count} thủ tục (cột gốc của Cổng DVCQG) ra {path}.")
            return
        self.stdout.write(f"Đã xuất {versions.count()} thủ tục ra {path}.")
