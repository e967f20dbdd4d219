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
    first = _call("demo", "--no-serve")
    assert "motcua-demo-2024" in first
    assert "vanphong" in first
    assert Unit.objects.count() == 42
    assert User.objects.count() == 9
    _call("demo", "--no-serve")
    assert (Unit.objects.count(), User.objects.count()) == (42, 9)


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
