from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.common.errors import ApplicationError
from motcua.common.progress import Progress
from motcua.units.demo import load_demo_units
from motcua.units.nso import count_wards, import_nso_province
from motcua.units.selectors import TreeNode, unit_match_name, unit_tree


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise CommandError(f"Ngày “{text}” không hợp lệ; dùng dạng YYYY-MM-DD, ví dụ 2024-06-30.") from exc


class Command(BaseCommand):
    help = "Cây đơn vị hành chính: xem, tìm theo tên, nhập danh mục NSO, nạp dữ liệu demo."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        tree = sub.add_parser("tree", help="in cây đơn vị có hiệu lực vào một ngày")
        tree.add_argument("--on", type=_date, default=None, help="ngày (YYYY-MM-DD), mặc định hôm nay")
        tree.add_argument("--json", action="store_true")
        find = sub.add_parser("find", help="tìm đơn vị theo tên, có dấu hoặc không dấu")
        find.add_argument("name")
        find.add_argument("--on", type=_date, default=None)
        nso = sub.add_parser("import-nso", help="nhập tỉnh và các xã, phường từ 01/07/2025 theo danh mục NSO")
        nso.add_argument("--province", type=int, required=True, help="mã tỉnh, ví dụ 51")
        sub.add_parser("load-demo", help="nạp cây đơn vị demo Ba Tơ (2024 và từ 01/07/2025)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "_" + options["action"].replace("-", "_"))(options)
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc

    def _tree(self, options: dict[str, Any]) -> None:
        on = options["on"] or timezone.localdate()
        roots = unit_tree(on=on)
        if options["json"]:
            self.stdout.write(json.dumps([_as_dict(n) for n in roots], ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"Cây đơn vị ngày {on:%d/%m/%Y}")
        for root in roots:
            self._print(root, 0)

    def _print(self, node: TreeNode, level: int) -> None:
        self.stdout.write(f"{'  ' * level}{node.unit.code:<10} {node.unit.name}")
        for child in node.children:
            self._print(child, level + 1)

    def _find(self, options: dict[str, Any]) -> None:
        match = unit_match_name(options["name"], on=options["on"])
        if not match.units:
            raise CommandError(f"Không tìm thấy đơn vị “{options['name']}”.", returncode=2)
        if match.ambiguous and match.exact:
            self.stdout.write(
                f"“{options['name']}” là tên của {len(match.units)} đơn vị (khác cấp hoặc khác thời kỳ);"
                " hãy viết đủ tên hoặc thêm --on YYYY-MM-DD:"
            )
        elif match.ambiguous:
            self.stdout.write(f"“{options['name']}” có thể là {len(match.units)} đơn vị; hãy viết có dấu:")
        for unit in match.units:
            until = f"{unit.valid_to:%d/%m/%Y}" if unit.valid_to else "nay"
            self.stdout.write(f"{unit.code:<10} {unit.name} ({unit.valid_from:%d/%m/%Y}–{until})")

    def _import_nso(self, options: dict[str, Any]) -> None:
        progress = Progress(count_wards(options["province"]), "Nhập danh mục NSO")
        report = import_nso_province(actor=None, province_code=options["province"], step=progress.step)
        self.stdout.write(
            self.style.SUCCESS(f"Đã thêm {len(report.created)} đơn vị, giữ nguyên {len(report.unchanged)}.")
        )

    def _load_demo(self, options: dict[str, Any]) -> None:
        load_demo_units(progress=lambda msg: self.stdout.write(msg))


def _as_dict(node: TreeNode) -> dict[str, Any]:
    unit = node.unit
    return {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "children": [_as_dict(c) for c in node.children],
    }
