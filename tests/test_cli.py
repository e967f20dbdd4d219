"""The `motcua` command: demo data, the unit commands, their errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from motcua.accounts.models import User
from motcua.units.models import Unit


def _call(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_demo_without_server_loads_units_and_accounts_once() -> None:
    first = _call("demo", "--no-serve", "--dossiers", "300")
    assert "motcua-demo-2024" in first
    assert "vanphong" in first
    assert Unit.objects.count() == 42
    assert User.objects.count() == 13
    from motcua.catalog.models import Procedure, ProcedureVersion
    from motcua.reviews.models import ReviewCampaign
    from motcua.reviews.selectors import campaign_summary

    assert Procedure.objects.count() == 75
    campaign = ReviewCampaign.objects.get()
    summary = campaign_summary(campaign, campaign.records.all())
    assert (len(summary.rows), summary.meets_target) == (3, True)
    counts = (
        Unit.objects.count(),
        User.objects.count(),
        ProcedureVersion.objects.count(),
        ReviewCampaign.objects.count(),
    )
    _call("demo", "--no-serve", "--dossiers", "300")
    assert (
        Unit.objects.count(),
        User.objects.count(),
        ProcedureVersion.objects.count(),
        ReviewCampaign.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_units_tree_json_and_find(demo_units: dict[str, Unit]) -> None:
    tree = json.loads(_call("units", "tree", "--on", "2025-07-01", "--json"))
    assert [root["code"] for root in tree] == ["51"]
    assert len(tree[0]["children"]) == 8
    found = _call("units", "find", "ba to", "--on", "2025-07-01")
    assert "có thể là 2 đơn vị" in found
    assert "21484      Xã Ba Tơ" in found


@pytest.mark.django_db
def test_units_errors_exit_with_status_2(demo_units: dict[str, Unit]) -> None:
    with pytest.raises(CommandError) as not_found:
        _call("units", "find", "Ba Tố")
    assert not_found.value.returncode == 2
    with pytest.raises(CommandError) as bad_date:
        _call("units", "tree", "--on", "30/06/2024")
    assert "YYYY-MM-DD" in str(bad_date.value)


def test_console_script_runs_django_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "motcua", "help", "units"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "import-nso" in result.stdout


def test_serve_runs_gunicorn_with_production_settings_and_hashed_static(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(tmp_path),
        "MOTCUA_PRODUCTION": "true",
        "MOTCUA_SECRET_KEY": "only-for-this-test-" + "x" * 40,
        "MOTCUA_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    subprocess.run([sys.executable, "-m", "motcua", "migrate", "-v0"], env=env, check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "motcua", "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, page = time.monotonic() + 30, ""
        while time.monotonic() < deadline and not page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2) as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.3)
        assert "Đăng nhập" in page
        css = page.split('href="/static/motcua/motcua.', 1)[1].split('"', 1)[0]
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}/static/motcua/motcua.{css}", timeout=5
        ) as response:
            assert response.headers["Content-Type"].startswith("text/css")
            assert "max-age" in response.headers.get("Cache-Control", "")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.django_db
def test_demo_after_an_nso_import_keeps_what_is_there() -> None:
    _call("units", "import-nso", "--province", "51")
    _call("demo", "--no-serve", "--dossiers", "300")
    assert Unit.objects.filter(code="21484").count() == 2  # Thị trấn Ba Tơ (2024) and Xã Ba Tơ (2025)
    assert Unit.objects.filter(code="51").count() == 2


@pytest.mark.django_db
def test_demo_is_refused_in_production(settings) -> None:  # type: ignore[no-untyped-def]
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as refused:
        _call("demo", "--no-serve", "--dossiers", "300")
    assert refused.value.returncode == 2
    assert not User.objects.filter(username="quantri").exists()
