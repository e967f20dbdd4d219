"""Typed reads of the environment, each recorded so that `.env.example` can be checked against the code."""

from __future__ import annotations

import os

#: every variable the settings read, name → meaning; filled as the settings module runs
READ: dict[str, str] = {}


class EnvError(ValueError):
    """A variable is set to something the settings cannot use."""


def _raw(name: str, meaning: str) -> str | None:
    READ[name] = meaning
    value = os.environ.get(name)
    return value if value not in (None, "") else None


def env_str(name: str, default: str, meaning: str) -> str:
    value = _raw(name, meaning)
    return default if value is None else value


def env_optional(name: str, meaning: str) -> str | None:
    return _raw(name, meaning)


def env_bool(name: str, default: bool, meaning: str) -> bool:
    value = _raw(name, meaning)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int, meaning: str) -> int:
    value = _raw(name, meaning)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise EnvError(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: list[str], meaning: str) -> list[str]:
    value = _raw(name, meaning)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]
