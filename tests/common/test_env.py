"""`.env.example` lists exactly the variables the settings read, each with its meaning."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings  # noqa: F401  (importing settings fills the register)

from motcua.common.env import READ

ROOT = Path(__file__).resolve().parents[2]


def _documented() -> dict[str, str]:
    names: dict[str, str] = {}
    comment: list[str] = []
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.startswith("#"):
            comment.append(line.lstrip("# ").strip())
            continue
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=", line)
        if match:
            names[match.group(1)] = " ".join(comment)
        comment = []
    return names


def test_env_example_lists_every_variable_the_code_reads() -> None:
    documented = _documented()
    assert sorted(documented) == sorted(READ)
    for name, meaning in documented.items():
        assert meaning, f"{name} has no comment explaining it in .env.example"


def test_settings_read_the_environment_in_one_module_only() -> None:
    offenders = []
    for path in (ROOT / "src" / "motcua").rglob("*.py"):
        text = path.read_text()
        if ("os.environ" in text or "os.getenv" in text) and path.name not in {"env.py", "cli.py", "wsgi.py"}:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
