"""Benchmark: importing the portal catalogue and searching 5,000 procedures (issue 5).

    python3 dev.py bench     (or: .venv/bin/python bench/catalog.py [sqlite|postgres])

Imports the 588 procedures of shared/data/catalog (or the 75 demo ones when shared/ is not beside the
checkout), imports them again (nothing changes), then fills the catalogue up to 5,000 procedures and times
diacritic-insensitive searches. Runs on a fresh SQLite file, or on its own PostgreSQL database
`motcua_bench_catalog` (MOTCUA_BENCH_POSTGRES_URL's server). Prints JSON. Target: a search under 50 ms.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "data" / "catalog" / "dvcqg_2026_cap_xa_full.jsonl"
PG_SERVER = os.environ.get(
    "MOTCUA_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/motcua_bench"
).rsplit("/", 1)[0]
QUERIES = [
    "dang ky khai sinh",
    "Đăng ký kết hôn",
    "1.001193",
    "chung thuc ban sao",
    "thuế",
    "hai quan xuat khau",
    "cap giay chung nhan",
    "ho ngheo",
    "xác nhận tình trạng hôn nhân",
    "không có thủ tục nào như thế",
]
TARGET = 5000


def database(kind: str) -> str:
    if kind == "postgres":
        name = "motcua_bench_catalog"
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"{PG_SERVER}/{name}"
    return f"sqlite:///{tempfile.mkdtemp(prefix='motcua-bench-')}/catalog.sqlite3"


def main(kind: str) -> None:
    os.environ["DATABASE_URL"] = database(kind)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from motcua.catalog.demo import demo_rows
    from motcua.catalog.models import Procedure, ProcedureVersion
    from motcua.catalog.selectors import procedure_key, procedure_search
    from motcua.catalog.services.importing import catalog_import

    call_command("migrate", verbosity=0)
    rows = (
        [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()]
        if SEED.exists()
        else demo_rows()
    )

    started = time.perf_counter()
    first = catalog_import(actor=None, rows=rows, publish=True)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    again = catalog_import(actor=None, rows=rows, publish=True)
    reimport_seconds = time.perf_counter() - started

    # Fill up to 5,000 procedures with variants of the real names (the search reads only the procedure).
    real = list(Procedure.objects.values_list("name", "field"))
    extra = []
    for i in range(TARGET - len(real)):
        name, field = real[i % len(real)]
        code = f"9.{i:06d}"
        name = f"{name} (trường hợp {i // len(real) + 1})"
        extra.append(
            Procedure(code=code, name=name, field=field, search_key=procedure_key(code, name, field))
        )
    Procedure.objects.bulk_create(extra, batch_size=1000)
    # each with a published version, so that the public search (published only) meets 5,000 as well
    ProcedureVersion.objects.bulk_create(
        (
            ProcedureVersion(
                procedure=p,
                number=1,
                status="published",
                valid_from=dt.date(2024, 1, 1),
                name=p.name,
                field=p.field,
            )
            for p in Procedure.objects.filter(code__startswith="9.")
        ),
        batch_size=1000,
    )

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics after the bulk load, as a running database has them

    def timed(published_only: bool) -> tuple[list[float], dict[str, dict[str, float | int]]]:
        """Each query 20 times as the public list and API run it: one page of 50, best first."""
        samples: list[float] = []
        by_query: dict[str, dict[str, float | int]] = {}
        for query in QUERIES:
            procedure_search(query, published_only=published_only)  # warm the connection and caches
            runs = []
            for _ in range(20):
                started = time.perf_counter()
                found = procedure_search(query, limit=50, published_only=published_only)
                runs.append((time.perf_counter() - started) * 1000)
            samples += runs
            by_query[query] = {
                "matches": found.total,
                "median_ms": round(statistics.median(runs), 2),
                "max_ms": round(max(runs), 2),
            }
        return samples, by_query

    def figures(samples: list[float]) -> dict[str, float | int | bool]:
        p95 = sorted(samples)[int(len(samples) * 0.95)]
        return {
            "queries": len(samples),
            "median_ms": round(statistics.median(samples), 2),
            "p95_ms": round(p95, 2),
            "max_ms": round(max(samples), 2),
            "target_ms": 50,
            "meets_target": max(samples) < 50,
        }

    procedure_search("")  # load what a first request loads, then freeze it as the WSGI server does (wsgi.py)
    gc.freeze()
    staff_ms, staff_by_query = timed(published_only=False)
    public_ms, public_by_query = timed(published_only=True)
    print(
        json.dumps(
            {
                "benchmark": "catalog",
                "database": kind,
                "source_rows": len(rows),
                "import": {
                    "created": first.created,
                    "published": first.published,
                    "seconds": round(import_seconds, 2),
                    "procedures_per_second": round(len(rows) / import_seconds, 1),
                },
                "reimport": {"unchanged": again.unchanged, "seconds": round(reimport_seconds, 2)},
                "search": {
                    "procedures": Procedure.objects.count(),
                    "staff": {**figures(staff_ms), "by_query": staff_by_query},
                    "public": {**figures(public_ms), "by_query": public_by_query},
                },
            },
            ensure_ascii=False,
            indent=1,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite")
