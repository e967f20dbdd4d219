from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from motcua.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo_accounts
from motcua.catalog.demo import load_demo_catalog
from motcua.common.progress import Progress
from motcua.dossiers.demo import load_demo_dossiers
from motcua.dossiers.importing import steps_for
from motcua.dossiers.tasks import dossiers_scan
from motcua.reviews.demo import load_demo_reviews
from motcua.units.demo import load_demo_units


class Command(BaseCommand):
    help = "Chuẩn bị và chạy bản demo: migrate, nạp dữ liệu demo (Ba Tơ), chạy máy chủ tại 127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu, không chạy máy chủ"
        )
        parser.add_argument(
            "--addrport", default="127.0.0.1:8000", help="địa chỉ máy chủ (mặc định 127.0.0.1:8000)"
        )
        parser.add_argument(
            "--dossiers",
            type=int,
            default=20_000,
            help="số hồ sơ một năm của các xã mới (mặc định 20000; thêm 1/10 cho các đơn vị cũ năm 2025)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "Không nạp dữ liệu demo trên máy chủ thật (MOTCUA_PRODUCTION=true): tài khoản demo có mật khẩu công khai.",
                returncode=2,
            )
        steps = Progress(6, "Demo")
        call_command("migrate", interactive=False, verbosity=0)
        steps.step("đã cập nhật cơ sở dữ liệu")
        units = load_demo_units(progress=lambda msg: self.stdout.write(f"  {msg}"))
        steps.step("đã nạp cây đơn vị")
        load_demo_accounts(units=units, progress=lambda msg: self.stdout.write(f"  {msg}"))
        steps.step("đã nạp tài khoản")
        load_demo_catalog(progress=lambda msg: self.stdout.write(f"  {msg}"))
        steps.step("đã nạp danh mục thủ tục")
        load_demo_reviews(units=units, progress=lambda msg: self.stdout.write(f"  {msg}"))
        steps.step("đã nạp đợt rà soát mẫu")
        loaded = load_demo_dossiers(
            units,
            count=options["dossiers"],
            today=timezone.localdate(),
            progress=lambda rows: Progress(steps_for(rows), "  Hồ sơ một năm").step,
        )
        scan = dossiers_scan()
        self.stdout.write(
            f"  {loaded.created} hồ sơ ({loaded.events} sự kiện); đang mở: {scan.overdue} quá hạn, "
            f"{scan.due_soon} sắp đến hạn"
            if loaded.created
            else "  hồ sơ demo đã có, giữ nguyên"
        )
        steps.step("đã nạp hồ sơ một năm")
        self.stdout.write(
            self.style.SUCCESS(f"Dữ liệu demo sẵn sàng. Tài khoản (mật khẩu chung: {DEMO_PASSWORD}):")
        )
        for username, full_name, title, *_ in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<20} {full_name} – {title}")
        if not options["no_serve"]:
            self.stdout.write(f"Mở http://{options['addrport']}/ trong trình duyệt. Dừng bằng Ctrl+C.")
            call_command("runserver", options["addrport"], use_reloader=False)
