"""Benchmark: recompute 1,000,000 open dossiers after a calendar change, on PostgreSQL (issue 3).

    python3 dev.py bench     (or: .venv/bin/python bench/recompute.py [ITEMS])

Uses its own database `motcua_bench` on MOTCUA_BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432/motcua_bench), dropped and created anew on each run. Loads the Ba Tơ units,
writes ITEMS open dossiers with due times from the engine (COPY), announces a new day off for every
unit, and times the recomputation. Prints JSON. Target: under 60 s for 1,000,000 dossiers.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import random
import sys
import time

import psycopg

URL = os.environ.get("MOTCUA_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench")


def fresh_database() -> None:
    """The benchmark's own database, made anew each run so that it always has the current schema."""
    admin_url = URL.rsplit("/", 1)[0] + "/postgres"
    name = URL.rsplit("/", 1)[1]
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(items: int) -> None:
    fresh_database()
    os.environ["DATABASE_URL"] = URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.db import connection, transaction

    from motcua.calendars.models import CalendarChange, DeadlineRuleSet
    from motcua.calendars.selectors import calendar_for
    from motcua.calendars.services import calendar_override_set
    from motcua.core.bulk import CalendarArrays, due_working_days
    from motcua.documents.models import Owner
    from motcua.dossiers.models import Dossier
    from motcua.units.demo import load_demo_units
    from motcua.units.models import Unit

    call_command("migrate", verbosity=0)
    units = load_demo_units()
    communes = [u for key, u in units.items() if key.startswith("2024:")]
    ruleset = DeadlineRuleSet.objects.get(code="nd61-2018")
    owner = Owner.objects.create(kind="citizen", identifier="051090000001", name="Đinh Văn Thử")

    # 1. Load: open dossiers received over 2024, 1–30 working days, spread over the 19 communes.
    rng = random.Random(7)
    began = time.monotonic()
    cal = calendar_for(communes[0])
    arrays = CalendarArrays.of(cal)
    minutes = np.array([rng.randrange(0, 330 * 1440) for _ in range(items)], dtype=np.int64)
    received = (np.datetime64("2023-12-31T17:00") + minutes.astype("timedelta64[m]")).astype("datetime64[m]")
    days = np.array([rng.randrange(1, 31) for _ in range(items)], dtype=np.int64)
    effective, due = due_working_days(cal, arrays, received, days)
    buffer = io.StringIO()
    # every NOT NULL column of the dossier: one applicant, in progress at its receiving unit
    fixed = f"{owner.pk}\t{owner.name}\t\t\t\tin_progress\t0\tcounter\tcounter\t1\t0\t0\t\t0\t\tf\t"
    for i in range(items):
        unit = communes[i % len(communes)].pk
        buffer.write(
            f"B-{i:07d}\t{unit}\t{unit}\t{received[i]}:00+00\t{received[i]}:00+00\t{days[i]}\tworking_days\t"
            f"{effective[i]}:00+00\t{due[i]}:00+00\t{ruleset.pk}\t0\tt\t[]\t{fixed}\tt{i:021d}\n"
        )
    buffer.seek(0)
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY dossiers_dossier (code, unit_id, processing_unit_id, received_at, clock_started_at,"
            " time_limit_value, time_limit_unit, effective_receipt_at, due_at, deadline_ruleset_id,"
            " calendar_version, is_open, deadline_pauses, applicant_id, applicant_name, applicant_address,"
            " applicant_phone, applicant_email, status, revision, channel, return_channel, sets, current_step,"
            " supplement_requests, result_kind, fee_amount, fee_waived_reason, paid_online, alert, tracking_token)"
            " FROM STDIN"
        ) as copy:
            while chunk := buffer.read(1 << 20):
                copy.write(chunk)
        cursor.execute("ANALYZE dossiers_dossier")
    load_seconds = time.monotonic() - began

    # 2. A day off is announced for every unit (Friday 14/06/2024): the service records the change and,
    # once committed, recomputes every open dossier. Timed from the announcement to the end.
    began = time.monotonic()
    with transaction.atomic():
        override = calendar_override_set(
            actor=None, day=dt.date(2024, 6, 14), kind="day_off", reason="Benchmark: ngày nghỉ bổ sung"
        )
    recompute_seconds = time.monotonic() - began
    change = CalendarChange.objects.latest("id")
    moved = Dossier.objects.filter(calendar_version=change.pk, is_open=True).count()

    print(
        json.dumps(
            {
                "database": "postgresql " + ".".join(str(v) for v in divmod(connection.pg_version, 10000)),
                "open_dossiers": items,
                "load_seconds": round(load_seconds, 1),
                "recompute_seconds": round(recompute_seconds, 1),
                "items_checked": change.items_checked,
                "items_changed": change.items_changed,
                "status": change.status,
                "rows_stamped_with_new_version": moved,
                "override": str(override),
                "units": Unit.objects.count(),
                "target_under_60s": recompute_seconds < 60,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
