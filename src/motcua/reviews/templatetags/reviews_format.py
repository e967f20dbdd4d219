"""Money and percentages in the reader's language: 816.000.000 and 61,76 in Vietnamese."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template
from django.utils import formats

register = template.Library()


def grouped(value: Any, places: int = 0) -> str:
    if value is None or value == "":
        return "–"
    number = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{abs(number):,.{places}f}"
    whole, _dot, fraction = text.partition(".")
    whole = whole.replace(",", str(formats.get_format("THOUSAND_SEPARATOR")))
    sign = "−" if number < 0 else ""
    return sign + whole + (str(formats.get_format("DECIMAL_SEPARATOR")) + fraction if fraction else "")


@register.filter
def money(value: Any) -> str:
    """Whole đồng with thousands grouped."""
    return grouped(value, 0)


@register.filter
def percent2(value: Any) -> str:
    """A percentage to two decimals; "–" when there is none (no cost now)."""
    return grouped(value, 2)


@register.filter
def amount(value: Any) -> str:
    """Hours or times per year: up to two decimals, trailing zeros dropped."""
    if value is None or value == "":
        return "–"
    number = Decimal(value)
    places = 0 if number == number.to_integral_value() else 2
    return (
        grouped(number, places).rstrip("0").rstrip(str(formats.get_format("DECIMAL_SEPARATOR")))
        if places
        else grouped(number, 0)
    )
