#!/usr/bin/env python3
"""motcua's two commands (and the checks CI runs), with nothing to install first but Python 3.11+.

    python3 dev.py demo     set up a virtual environment, load the demo data, serve 127.0.0.1:8000
    python3 dev.py test     the whole test suite on SQLite, then on PostgreSQL, browser tests included
    python3 dev.py check    lint, types, import rules, migrations, deploy check, OpenAPI schema
    python3 dev.py bench    the benchmarks of bench/, as JSON (the recompute one needs PostgreSQL)

Environment: MOTCUA_VENV (default .venv), MOTCUA_TEST_POSTGRES_URL
(default postgres://postgres@127.0.0.1:5432/test), MOTCUA_CHROMIUM (default /usr/bin/chromium), CI.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("MOTCUA_VENV", ROOT / ".venv")).resolve()
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PG_URL = os.environ.get("MOTCUA_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
CHROMIUM = os.environ.get("MOTCUA_CHROMIUM", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def say(message: str) -> None:
    print(f"\033[1m==> {message}\033[0m" if sys.stdout.isatty() else f"==> {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None, check: bool = True) -> int:
    result = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if check and result.returncode != 0:
        sys.exit(result.returncode)
    return result.returncode


def ensure_venv() -> None:
    """Create the virtual environment and install motcua with its dev tools, again only when pyproject changes."""
    if sys.version_info < (3, 11):
        sys.exit(f"motcua needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    stamp = VENV / ".motcua-installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and (BIN / "motcua").exists():
        return
    if not (BIN / "python").exists():
        say(f"Creating the virtual environment in {VENV}")
        run(sys.executable, "-m", "venv", VENV)
    say("Installing motcua and its dependencies (first run takes a few minutes)")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[dev]")
    stamp.write_text(wanted)


def demo(args: list[str]) -> None:
    ensure_venv()
    os.environ.setdefault("MOTCUA_VAR_DIR", str(ROOT / "var"))
    os.chdir(ROOT)
    os.execv(BIN / "motcua", [str(BIN / "motcua"), "demo", *args])  # noqa: S606


def postgres_reason() -> str:
    """Why the PostgreSQL leg cannot run, or "" when it can."""
    probe = "import psycopg, sys; psycopg.connect(sys.argv[1], connect_timeout=3).close()"
    result = subprocess.run([str(BIN / "python"), "-c", probe, PG_URL], capture_output=True, text=True)
    if result.returncode == 0:
        return ""
    lines = (result.stderr.strip() or "unknown error").splitlines()
    return lines[-1]


def pytest_leg(name: str, env: dict[str, str], extra: list[str], report: Path) -> tuple[int, dict[str, int]]:
    say(f"Test suite on {name}")
    code = run(BIN / "pytest", "-p", "no:cacheprovider", f"--junitxml={report}", *extra, env=env, check=False)
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    if report.exists():
        suite = ET.parse(report).getroot()
        suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
        if suite is not None:
            counts = {key: int(suite.get(key, 0)) for key in counts}
    return code, counts


def test(args: list[str]) -> None:
    ensure_venv()
    work = Path(tempfile.mkdtemp(prefix="motcua-test-"))
    base_env = {**os.environ, "MOTCUA_VAR_DIR": str(work / "var"), "PYTHONDONTWRITEBYTECODE": "1"}
    base_env.pop("DATABASE_URL", None)
    extra = list(args)
    notes: list[str] = []
    failed = False
    if not Path(CHROMIUM).exists():
        if IN_CI:
            sys.exit(f"CI: Chromium not found at {CHROMIUM}; browser tests cannot be skipped in CI.")
        notes.append(f"browser tests SKIPPED: no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
        extra = ["-m", "not browser", *extra]
    base_env["MOTCUA_CHROMIUM"] = CHROMIUM

    legs = [("SQLite", {})]
    reason = postgres_reason()
    if reason:
        message = f"PostgreSQL leg SKIPPED: cannot connect to {PG_URL} ({reason})"
        if IN_CI:
            say(message)
            sys.exit(
                "CI: the PostgreSQL leg is required (CI=true); start PostgreSQL or set MOTCUA_TEST_POSTGRES_URL."
            )
        notes.append(message + "; set MOTCUA_TEST_POSTGRES_URL to run it")
    else:
        legs.append(("PostgreSQL", {"DATABASE_URL": PG_URL}))

    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for name, env in legs:
        code, counts = pytest_leg(name, {**base_env, **env}, extra, work / f"{name.lower()}.xml")
        failed = failed or code != 0
        for key in totals:
            totals[key] += counts[key]
        print(
            f"{name}: {counts['tests'] - counts['failures'] - counts['errors'] - counts['skipped']} passed,"
            f" {counts['failures'] + counts['errors']} failed, {counts['skipped']} skipped",
            flush=True,
        )
    shutil.rmtree(work, ignore_errors=True)
    for note in notes:
        say(note)
    passed = totals["tests"] - totals["failures"] - totals["errors"] - totals["skipped"]
    bad = totals["failures"] + totals["errors"]
    print(f"total: {passed} passed, {bad} failed, {totals['skipped']} skipped", flush=True)
    sys.exit(1 if failed or bad or totals["tests"] == 0 else 0)


def check(args: list[str]) -> None:
    ensure_venv()
    work = Path(tempfile.mkdtemp(prefix="motcua-check-"))
    env = {**os.environ, "MOTCUA_VAR_DIR": str(work)}
    env.pop("DATABASE_URL", None)
    say("ruff (lint and format)")
    sources = [name for name in ("src", "tests", "dev.py", "bench") if (ROOT / name).exists()]
    run(BIN / "ruff", "check", *sources)
    run(BIN / "ruff", "format", "--check", *sources)
    say("mypy (strict on motcua.core)")
    run(BIN / "mypy", "src/motcua", env=env)
    say("import-linter (layer rules)")
    run(BIN / "lint-imports", env=env)
    say("migrations are complete")
    run(BIN / "motcua", "makemigrations", "--check", "--dry-run", env=env)
    say("deploy check with production settings")
    production = {
        **env,
        "MOTCUA_PRODUCTION": "true",
        "MOTCUA_DEBUG": "false",
        "MOTCUA_SECRET_KEY": hashlib.sha256(os.urandom(32)).hexdigest() + "-check-only",
        "MOTCUA_ALLOWED_HOSTS": "motcua.example.gov.vn",
    }
    run(BIN / "motcua", "check", "--deploy", "--fail-level", "WARNING", env=production)
    say("OpenAPI schema matches docs/openapi.yaml")
    generated = work / "openapi.yaml"
    run(BIN / "motcua", "spectacular", "--file", generated, "--validate", "--fail-on-warn", env=env)
    if generated.read_text() != (ROOT / "docs" / "openapi.yaml").read_text():
        run("diff", "-u", ROOT / "docs" / "openapi.yaml", generated, check=False)
        sys.exit("docs/openapi.yaml is out of date: run `python3 dev.py schema` and commit it.")
    shutil.rmtree(work, ignore_errors=True)
    say("all checks passed")


def bench(args: list[str]) -> None:
    """The benchmarks of bench/, each printing its figures as JSON (PostgreSQL needed for recompute)."""
    ensure_venv()
    env = {**os.environ, "MOTCUA_VAR_DIR": str(Path(tempfile.mkdtemp(prefix="motcua-bench-")))}
    env.pop("DATABASE_URL", None)
    for script in sorted((ROOT / "bench").glob("*.py")):
        say(f"bench/{script.name}")
        run(BIN / "python", script, *args, env=env)


def schema(args: list[str]) -> None:
    ensure_venv()
    run(BIN / "motcua", "spectacular", "--file", ROOT / "docs" / "openapi.yaml", "--validate")


def screenshot(args: list[str]) -> None:
    """Refresh the README screenshot from the browser test that takes it."""
    ensure_venv()
    env = {**os.environ, "MOTCUA_SCREENSHOT_DIR": str(ROOT / "docs" / "img"), "MOTCUA_CHROMIUM": CHROMIUM}
    run(BIN / "pytest", "-p", "no:cacheprovider", "tests/browser", "-k", "screenshot", env=env)


COMMANDS = {
    "demo": demo,
    "test": test,
    "check": check,
    "bench": bench,
    "schema": schema,
    "screenshot": screenshot,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    COMMANDS[sys.argv[1]](sys.argv[2:])
