"""Reading one cell: times, numbers, yes/no and choices, each with a Vietnamese reason when it cannot."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from motcua.core.calendar import TZ


class CellError(ValueError):
    """A cell that cannot be read; the message names the column and says what was expected."""


_FORMATS = (
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y",
    "%Y-%m-%d",
)
_YES = {"1", "x", "true", "yes", "có", "co", "đúng", "y"}
_NO = {"", "0", "false", "no", "không", "khong", "n"}


def text(value: Any) -> str:
    """A cell as text: numbers from a spreadsheet without a trailing ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def moment(value: Any, column: str) -> dt.datetime | None:
    """A time: YYYY-MM-DD HH:MM[:SS], ISO 8601 with an offset, DD/MM/YYYY [HH:MM], or a spreadsheet date;
    without an offset it is Vietnam's time."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=TZ)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=TZ)
    raw = text(value)
    if not raw:
        return None
    try:
        parsed = dt.datetime.fromisoformat(raw)
    except ValueError:
        parsed = None
        for fmt in _FORMATS:
            try:
                parsed = dt.datetime.strptime(raw, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise CellError(
            _(
                "%(column)s “%(value)s” không phải thời điểm hợp lệ (ghi YYYY-MM-DD HH:MM hoặc DD/MM/YYYY HH:MM)"
            )
            % {"column": column, "value": raw}
        )
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)


def whole_number(value: Any, column: str, *, maximum: int = 99) -> int | None:
    raw = text(value)
    if not raw:
        return None
    if not raw.isdigit() or int(raw) > maximum:
        raise CellError(
            _("%(column)s “%(value)s” phải là số nguyên từ 0 đến %(max)d")
            % {"column": column, "value": raw, "max": maximum}
        )
    return int(raw)


def money(value: Any, column: str) -> Decimal | None:
    """Whole đồng: "30000", "30.000", "30 000 đ"."""
    raw = re.sub(r"[\s.,]|đ$|đồng$|VND$", "", text(value), flags=re.IGNORECASE)
    if not raw:
        return None
    try:
        amount = Decimal(raw)
    except InvalidOperation:
        amount = Decimal(-1)
    if amount < 0 or amount != amount.to_integral_value():
        raise CellError(
            _("%(column)s “%(value)s” phải là số đồng nguyên không âm")
            % {"column": column, "value": text(value)}
        )
    return amount


def yes_no(value: Any, column: str) -> bool:
    raw = text(value).lower()
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise CellError(_("%(column)s “%(value)s” phải là có/không (1/0)") % {"column": column, "value": raw})


def choice(value: Any, column: str, choices: type[models.TextChoices], *, default: str = "") -> str:
    """A choice by its code ("counter") or its Vietnamese label ("Trực tiếp"), case-insensitive."""
    raw = text(value).lower()
    if not raw:
        return default
    for code, label in choices.choices:
        if raw in (str(code).lower(), str(label).lower()):
            return str(code)
    raise CellError(
        _("%(column)s “%(value)s” không hợp lệ; dùng một trong: %(allowed)s")
        % {"column": column, "value": text(value), "allowed": ", ".join(str(c) for c in choices.values if c)}
    )
