"""`motcua worker`: the periodic jobs, in this process, in a loop (or once each with --once, for cron).

Jobs: the dossier scan every 15 minutes (dossiers.tasks), the catalogue's daily turn of dates
(catalog_refresh) and the plans' daily reminders (plan_reminders_send). A job that fails is logged and
the others go on. A job never runs twice at once: on PostgreSQL each holds an advisory lock for its run
(so two workers, or a worker and a cron `--once`, share the work safely); on SQLite, which serves one
machine's demo, jobs simply run one after another in this process."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection
from django.utils import timezone

from motcua.catalog.services.versions import catalog_refresh
from motcua.dossiers.tasks import dossiers_scan
from motcua.plans.services import plan_reminders_send

log = logging.getLogger("motcua.worker")


def _scan() -> str:
    return dossiers_scan().summary()


def _catalog() -> str:
    ended, renamed = catalog_refresh(actor=None)
    return f"{ended} phiên bản hết hiệu lực, {renamed} thủ tục đổi tên"


def _plans() -> str:
    return f"{len(plan_reminders_send(today=timezone.localdate()))} nhắc việc kế hoạch"


@dataclass
class Job:
    name: str
    run: Callable[[], str]
    every: dt.timedelta | None  # None: daily, once per local date
    last: dt.datetime | None = None

    def due(self, now: dt.datetime) -> bool:
        if self.last is None:
            return True
        if self.every is None:
            return timezone.localtime(now).date() != timezone.localtime(self.last).date()
        return now - self.last >= self.every


def jobs(scan_minutes: int = 15) -> list[Job]:
    return [
        Job("dossiers_scan", _scan, dt.timedelta(minutes=scan_minutes)),
        Job("catalog_refresh", _catalog, None),
        Job("plan_reminders", _plans, None),
    ]


@contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """True when this process may run the job now; PostgreSQL advisory locks keep it to one at a time."""
    if connection.vendor != "postgresql":
        yield True
        return
    key = zlib.crc32(f"motcua.worker.{name}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        row = cursor.fetchone()
    got = bool(row and row[0])
    try:
        yield got
    finally:
        if got:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def run_job(job: Job) -> bool:
    """Run one job, logging its outcome; False when it failed (the caller goes on with the others)."""
    if not connection.in_atomic_block:  # a long-lived process: drop a connection the server closed
        close_old_connections()
    started = time.monotonic()
    try:
        with exclusive(job.name) as got:
            if not got:
                log.info("%s: already running elsewhere, skipped", job.name)
                return True
            summary = job.run()
    except Exception:
        log.exception("%s failed", job.name)
        return False
    finally:
        job.last = timezone.now()
    log.info("%s done in %.1f s: %s", job.name, time.monotonic() - started, summary)
    return True


class Command(BaseCommand):
    help = (
        "Chạy các việc định kỳ: quét hồ sơ sắp đến hạn, quá hạn (15 phút một lần), cập nhật hiệu lực danh mục "
        "và nhắc việc kế hoạch (hằng ngày). --once: chạy mỗi việc một lần rồi thoát (dùng với cron)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="chạy mỗi việc một lần rồi thoát")
        parser.add_argument("--scan-minutes", type=int, default=15, help="chu kỳ quét hồ sơ (phút)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scan_minutes"] < 1:
            raise CommandError("--scan-minutes phải từ 1 trở lên.", returncode=2)
        todo = jobs(options["scan_minutes"])
        if options["once"]:
            failed = [job.name for job in todo if not run_job(job)]
            for job in todo:
                self.stdout.write(f"{job.name}: {'lỗi (xem nhật ký)' if job.name in failed else 'xong'}")
            if failed:
                raise CommandError(f"Có việc bị lỗi: {', '.join(failed)}.", returncode=1)
            return
        stopping = False

        def stop(_signum: int, _frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write(f"motcua worker: {', '.join(j.name for j in todo)}. Dừng bằng Ctrl+C.")
        while not stopping:
            for job in todo:
                if not stopping and job.due(timezone.now()):
                    run_job(job)
            for _ in range(30):  # wake every second to stop promptly
                if stopping:
                    break
                time.sleep(1)
        self.stdout.write("motcua worker: đã dừng.")
