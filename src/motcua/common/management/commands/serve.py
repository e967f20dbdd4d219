from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Chạy máy chủ production (gunicorn; tệp tĩnh do whitenoise phục vụ)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default=settings.SERVE_BIND, help="địa chỉ:cổng (MOTCUA_BIND)")
        parser.add_argument(
            "--workers", type=int, default=settings.SERVE_WORKERS, help="số tiến trình (MOTCUA_WORKERS)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if importlib.util.find_spec("gunicorn") is None:
            raise CommandError(
                "Không tìm thấy gunicorn; hãy cài motcua bằng pip (gunicorn là phụ thuộc bắt buộc)."
            )
        call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(f"motcua đang chạy tại http://{options['bind']}/")
        self.stdout.flush()
        # The interpreter that runs this command has gunicorn installed, whatever PATH says.
        arguments = [
            "motcua.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
        ]
        os.execv(  # noqa: S606 - replaces this process with the server, arguments are ours
            sys.executable, [sys.executable, "-m", "gunicorn", *arguments, "--access-logfile", "-"]
        )
