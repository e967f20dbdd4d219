"""Benchmark: the officer's work queue, the public status lookup and receipt through the API, with
1,000,000 dossiers in PostgreSQL (issue 6).

    .venv/bin/python bench/dossiers.py [DOSSIERS] [--keep]

Uses its own database `motcua_bench_dossiers` on MOTCUA_BENCH_POSTGRES_URL's server (default
postgres://postgres@127.0.0.1:5432), created anew and dropped at the end unless --keep. Loads the Ba Tơ
units, accounts and demo catalogue, 192 synthetic communes, 200,000 applicants and DOSSIERS dossiers
(COPY): Xã Ba Tơ holds 60,000 of them, 6,000 open and assigned to its specialist (`chuyenvien.xabato`),
a heavy commune; the others share the rest, 3% open. Dossiers are received before today, so that
today's receipts number from 0001. Then it times, as a request does (a fresh user object: the scope is
read again):

  (a) `selectors.work_queue` for the specialist, views "unit" and "mine": the first page, 200 pages
      followed by their cursors, and page 201 again and again; also the first page of "overdue" and
      "due_soon" (200 runs each; p50, p95, max). Target: p95 < 50 ms.
  (b) `selectors.public_status` on 1,000 random codes. Target: p95 < 10 ms.
  (c) receipt: POST /api/dossiers/ through DRF's test client with a session sign-in (middleware, audit,
      code and book number from the counters), 2,000 receipts at Xã Ba Tơ with 1, 2 and 4 processes;
      and the service `dossier_receive` alone with 2. Target: ≥ 100 dossiers/s.

Prints JSON; a missed target comes with the EXPLAIN ANALYZE of its slowest query.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import psycopg

SERVER = os.environ.get(
    "MOTCUA_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench"
).rsplit("/", 1)[0]
NAME = "motcua_bench_dossiers"
HEAVY, HEAVY_OPEN, OTHER_OPEN = 60_000, 6_000, 0.03
SYNTHETIC_UNITS, APPLICANTS = 192, 200_000
RUNS, PAGES, LOOKUPS, RECEIPTS = 200, 200, 1_000, 2_000
NULL = "\\N"  # COPY's text format


def say(message: str) -> None:
    print(f"[bench/dossiers] {message}", file=sys.stderr, flush=True)


def admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(sql)


def today() -> dt.date:
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()


def figures(samples: list[float], target: float | None = None) -> dict[str, Any]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    found: dict[str, Any] = {
        "runs": len(samples),
        "p50_ms": round(statistics.median(samples), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(samples), 2),
    }
    if target is not None:
        found.update(target_p95_ms=target, meets_target=p95 < target)
    return found


def timed(make: Callable[[], Any], run: Callable[[Any], Any], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        argument = make()
        started = time.perf_counter()
        run(argument)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main(count: int, keep: bool) -> None:
    admin(f'DROP DATABASE IF EXISTS "{NAME}"')
    admin(f'CREATE DATABASE "{NAME}"')
    os.environ["DATABASE_URL"] = f"{SERVER}/{NAME}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    os.environ.setdefault("MOTCUA_LOG_LEVEL", "WARNING")  # not a line per sign-in
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    try:
        call_command("migrate", verbosity=0)
        began = time.monotonic()
        setup = load(count)
        load_seconds = time.monotonic() - began
        say(f"loaded {count} dossiers in {load_seconds:.0f} s")
        result = {
            "benchmark": "dossiers",
            "database": "postgresql " + ".".join(str(v) for v in divmod(connection.pg_version, 10000)),
            "dossiers": count,
            "units": setup["units"],
            "load_seconds": round(load_seconds, 1),
            "queue": queues(setup),
            "status_lookup": lookups(setup),
            "receipt": receipts(setup),
        }
        print(json.dumps(result, ensure_ascii=False, indent=1))
    finally:
        connections.close_all()
        if not keep:
            admin(f'DROP DATABASE IF EXISTS "{NAME}"')


def load(count: int) -> dict[str, Any]:
    """Units, accounts and catalogue through the services; applicants and dossiers by COPY."""
    import numpy as np
    from django.db import connection, transaction

    from motcua.accounts.demo import load_demo_accounts
    from motcua.accounts.models import User
    from motcua.calendars.models import DeadlineRuleSet
    from motcua.catalog.demo import load_demo_catalog
    from motcua.catalog.models import ProcedureVersion
    from motcua.units.demo import load_demo_units
    from motcua.units.services import unit_create

    units = load_demo_units()
    load_demo_accounts(units=units)
    load_demo_catalog()
    with transaction.atomic():
        synthetic = [
            unit_create(
                actor=None,
                code=f"9{i:04d}",
                name=f"Xã Thử Nghiệm {i + 1}",
                kind="commune",
                division="xa",
                parent=units["province_2025"],
                valid_from=dt.date(2025, 7, 1),
            )
            for i in range(SYNTHETIC_UNITS)
        ]
    heavy = units["2025:21484"]
    others = [u for k, u in units.items() if k.startswith("2025:") and u.pk != heavy.pk] + synthetic
    specialist = User.objects.get(username="chuyenvien.xabato")
    ruleset = DeadlineRuleSet.objects.get(code="nd118-2025")
    versions = list(
        ProcedureVersion.objects.filter(status="published")
        .exclude(time_limit_unit="")
        .values_list("pk", flat=True)
    )
    rng = np.random.default_rng(6)

    say(f"COPY {APPLICANTS} applicants")
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY documents_owner (created_at, updated_at, kind, identifier, name, address, phone, email)"
            " FROM STDIN"
        ) as copy:
            for i in range(APPLICANTS):
                copy.write_row(
                    (
                        "2026-01-01 00:00+00",
                        "2026-01-01 00:00+00",
                        "citizen",
                        f"0519{i:08d}",
                        f"Người Nộp {i}",
                        "",
                        "",
                        "",
                    )
                )
        cursor.execute("SELECT min(id) FROM documents_owner")
        first_owner = cursor.fetchone()[0]

    # Who holds each dossier: Xã Ba Tơ first (HEAVY, the first HEAVY_OPEN open), then the others in turn.
    n = count
    unit_ids = np.empty(n, dtype=np.int64)
    heavy_n = min(HEAVY, n)
    unit_ids[:heavy_n] = heavy.pk
    unit_ids[heavy_n:] = np.array([u.pk for u in others])[np.arange(n - heavy_n) % len(others)]
    open_ = np.zeros(n, dtype=bool)
    open_[:HEAVY_OPEN] = True
    open_[heavy_n:] = rng.random(n - heavy_n) < OTHER_OPEN
    # received: closed over the three years before today, open in the 30 days before (never today)
    midnight = np.datetime64(today().isoformat(), "m") - np.timedelta64(
        7 * 60, "m"
    )  # 00:00 in Vietnam, in UTC
    back = np.where(open_, rng.integers(1, 30 * 1440, n), rng.integers(31 * 1440, 3 * 365 * 1440, n))
    received = midnight - back.astype("timedelta64[m]")
    limit_days = rng.integers(1, 16, n)
    due = received + (limit_days * 1440 * 7 // 5).astype("timedelta64[m]")
    taken = (rng.random(n) * (due - received).astype(np.int64) * 1.1).astype(np.int64)  # a few late
    finished = received + taken.astype("timedelta64[m]")
    returned = finished + np.timedelta64(120, "m")
    assignee = np.where(unit_ids == heavy.pk, specialist.pk, 0)
    owners = first_owner + rng.integers(0, APPLICANTS, n)
    version_ids = np.array(versions)[rng.integers(0, len(versions), n)]
    now = np.datetime64(dt.datetime.now(dt.UTC).replace(tzinfo=None), "m")
    codes = {u.pk: u.code for u in [heavy, *others]}
    local_day = (received + np.timedelta64(7 * 60, "m")).astype("datetime64[D]").astype(str)

    say(f"COPY {n} dossiers")
    columns = (
        "code, unit_id, processing_unit_id, procedure_version_id, status, revision, channel, return_channel,"
        " applicant_id, applicant_name, applicant_address, applicant_phone, applicant_email, received_at, sets,"
        " assignee_id, current_step, supplement_requests, finished_at, result_kind, returned_at, fee_amount,"
        " fee_waived_reason, paid_online, alert, tracking_token, clock_started_at, time_limit_value,"
        " time_limit_unit, effective_receipt_at, due_at, deadline_ruleset_id, calendar_version, deadline_pauses,"
        " is_open"
    )
    sequence: dict[tuple[int, str], int] = {}
    rec_s, due_s = received.astype(str), due.astype(str)
    fin_s, ret_s = finished.astype(str), returned.astype(str)
    started = time.monotonic()
    with connection.cursor() as cursor:
        for start in range(0, n, 100_000):
            buffer = io.StringIO()
            for i in range(start, min(n, start + 100_000)):
                unit = int(unit_ids[i])
                day = local_day[i]
                key = (unit, day)
                sequence[key] = sequence.get(key, 0) + 1
                code = f"{codes[unit]}-{day[2:4]}{day[5:7]}{day[8:10]}-{sequence[key]:04d}"
                is_open = bool(open_[i])
                alert = "overdue" if is_open and due[i] < now else ""
                buffer.write(
                    f"{code}\t{unit}\t{unit}\t{version_ids[i]}\t{'in_progress' if is_open else 'returned'}\t3\t"
                    f"counter\tcounter\t{owners[i]}\tNgười Nộp {owners[i] - first_owner}\t\t\t\t{rec_s[i]}+00\t1\t"
                    f"{assignee[i] or NULL}\t0\t0\t{NULL if is_open else fin_s[i] + '+00'}\t"
                    f"{'' if is_open else 'paper'}\t{NULL if is_open else ret_s[i] + '+00'}\t0\t\tf\t{alert}\t"
                    f"t{i:021d}\t{rec_s[i]}+00\t{limit_days[i]}\tworking_days\t{rec_s[i]}+00\t{due_s[i]}+00\t"
                    f"{ruleset.pk}\t0\t[]\t{'t' if is_open else 'f'}\n"
                )
            with cursor.copy(f"COPY dossiers_dossier ({columns}) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
            say(f"  {min(n, start + 100_000)} rows, {time.monotonic() - started:.0f} s")
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE dossiers_dossier")  # as autovacuum leaves a running database
        cursor.execute("ANALYZE")
    from motcua.units.models import Unit

    return {
        "units": Unit.objects.count(),
        "heavy": heavy,
        "specialist": specialist.pk,
        "officer": User.objects.get(username="motcua.xabato").pk,
        "count": n,
    }


def queues(setup: dict[str, Any]) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from motcua.accounts.models import User
    from motcua.dossiers.selectors import work_queue

    def fresh() -> User:
        return User.objects.get(pk=setup["specialist"])

    out: dict[str, Any] = {"user": "chuyenvien.xabato (Xã Ba Tơ)", "page_size": 25}
    misses: dict[str, Any] = {}
    for view in ("unit", "mine"):
        first = work_queue(fresh(), view=view)
        out[f"{view}_open_rows"] = f"{first.count}{'+' if first.capped else ''}"
        first_ms = timed(fresh, lambda user, v=view: work_queue(user, view=v), RUNS)
        cursor, follow_ms = first.next_cursor, []
        for _ in range(PAGES):
            user = fresh()
            began = time.perf_counter()
            page = work_queue(user, view=view, cursor=cursor or "")
            follow_ms.append((time.perf_counter() - began) * 1000)
            cursor = page.next_cursor
        deep = cursor or ""
        deep_ms = timed(fresh, lambda user, v=view, c=deep: work_queue(user, view=v, cursor=c), RUNS)
        out[view] = {
            "first_page": figures(first_ms, 50),
            "followed_200_pages": figures(follow_ms, 50),
            "page_201": figures(deep_ms, 50),
        }
        for name in ("first_page", "page_201"):
            if not out[view][name]["meets_target"]:
                with CaptureQueriesContext(connection) as captured:
                    work_queue(fresh(), view=view, cursor=deep if name == "page_201" else "")
                misses[f"{view}.{name}"] = explain(captured.captured_queries)
    for view in ("overdue", "due_soon"):
        out[view] = {
            "first_page": figures(timed(fresh, lambda user, v=view: work_queue(user, view=v), RUNS), 50)
        }
    if misses:
        out["explain_of_misses"] = misses
    return out


def explain(queries: list[dict[str, Any]]) -> list[str]:
    """EXPLAIN ANALYZE of the slowest statement a call made."""
    from django.db import connection

    slowest = max(queries, key=lambda q: float(q["time"]))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
        return [slowest["sql"][:400], *[row[0] for row in cursor.fetchall()]]


def lookups(setup: dict[str, Any]) -> dict[str, Any]:
    from motcua.dossiers.models import Dossier
    from motcua.dossiers.selectors import public_status

    rng = random.Random(7)
    ids = [rng.randrange(1, setup["count"]) for _ in range(LOOKUPS)]
    codes = list(Dossier.objects.filter(pk__in=ids).values_list("code", flat=True))
    rng.shuffle(codes)
    hits = timed(lambda: codes.pop(), public_status, len(codes))
    misses = timed(lambda: "21484-991231-9999", public_status, 200)
    return {"hits": figures(hits, 10), "unknown_code": figures(misses, 10)}


def _receipt_worker(args: tuple[str, int, int, int, int, Any]) -> list[float]:
    """One process: sign in, wait for the others, then receive `n` dossiers one after another."""
    mode, user_pk, unit_pk, offset, n, barrier = args
    from django.db import connections

    connections.close_all()
    from motcua.accounts.models import User
    from motcua.catalog.models import Procedure
    from motcua.catalog.selectors import version_live
    from motcua.dossiers.services import ApplicantInput, ComponentInput, dossier_receive
    from motcua.units.models import Unit

    user = User.objects.get(pk=user_pk)
    unit = Unit.objects.get(pk=unit_pk)
    version = version_live(Procedure.objects.get(code="2.000908"))
    client = None
    if mode == "api":
        from rest_framework.test import APIClient

        client = APIClient(HTTP_HOST="localhost")  # a host the settings allow
        client.force_login(user)
    samples = []
    barrier.wait()
    for i in range(offset, offset + n):
        applicant = {
            "kind": "citizen",
            "identifier": f"0529{i:08d}",
            "name": f"Người Nhận {i}",
            "phone": "0905000000",
        }
        components = [{"name": "Tờ khai", "originals": 1}, {"name": "Giấy tờ tùy thân", "copies": 1}]
        began = time.perf_counter()
        if client is not None:
            response = client.post(
                "/api/dossiers/",
                {"unit": unit_pk, "procedure": "2.000908", "applicant": applicant, "components": components},
                format="json",
            )
            if response.status_code != 201:
                raise RuntimeError(f"receipt refused: {response.status_code} {response.content[:300]!r}")
        else:
            dossier_receive(
                actor=user,
                unit=unit,
                version=version,
                applicant=ApplicantInput(**applicant),
                components=[ComponentInput(**c) for c in components],
            )
        samples.append((time.perf_counter() - began) * 1000)
    connections.close_all()
    return samples


def receipts(setup: dict[str, Any]) -> dict[str, Any]:
    from django.db import connections

    from motcua.dossiers.models import Dossier

    out: dict[str, Any] = {"unit": "Xã Ba Tơ", "procedure": "2.000908", "receipts_per_run": RECEIPTS}
    offset = 0
    context = multiprocessing.get_context("fork")
    for mode, processes in (("api", 1), ("api", 2), ("api", 4), ("service", 2)):
        before = Dossier.objects.count()
        connections.close_all()  # each process opens its own connection
        per = RECEIPTS // processes
        with context.Manager() as manager:
            barrier = manager.Barrier(processes + 1)
            with context.Pool(processes) as pool:
                jobs = pool.map_async(
                    _receipt_worker,
                    [
                        (mode, setup["officer"], setup["heavy"].pk, offset + k * per, per, barrier)
                        for k in range(processes)
                    ],
                )
                barrier.wait()
                began = time.perf_counter()
                samples = [s for part in jobs.get() for s in part]
                seconds = time.perf_counter() - began
        offset += RECEIPTS
        made = Dossier.objects.count() - before
        out[f"{mode}_{processes}_processes"] = {
            "dossiers": made,
            "seconds": round(seconds, 2),
            "per_second": round(made / seconds, 1),
            "latency": figures(samples),
            "target_per_second": 100,
            "meets_target": made / seconds >= 100,
        }
        say(f"receipt {mode} × {processes}: {made / seconds:.0f}/s")
    # under concurrency every receipt got the next number of the day, none twice, none skipped
    prefix = f"{setup['heavy'].code}-{today():%y%m%d}-"
    numbers = sorted(
        int(c.rsplit("-", 1)[1])
        for c in Dossier.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    )
    out["codes_today"] = {
        "count": len(numbers),
        "consecutive_from_1": numbers == list(range(1, len(numbers) + 1)),
    }
    return out


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--keep"]
    main(int(arguments[0]) if arguments else 1_000_000, keep="--keep" in sys.argv[1:])
