"""What the dossier pages share: finding a dossier the user may see, the officers and units an action
may name, money and error display."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import units_visible
from motcua.accounts.selectors import users_with_perm
from motcua.common.errors import ApplicationError
from motcua.dossiers.enums import RECEIVE
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import dossier_for
from motcua.units.models import Unit

UNIT_CHOICES_MAX = 300


def dossier_or_404(user: Any, code: str) -> Dossier:
    """A dossier the user may not see does not exist for them (no hint either way)."""
    dossier = dossier_for(user, code)
    if dossier is None:
        raise Http404(_("Không tìm thấy hồ sơ"))
    return dossier


def form_error(form: forms.Form, exc: ApplicationError) -> None:
    """The service's message, beside the input it names when the form has that input."""
    field = next((name for name in exc.fields if name in form.fields), None)
    form.add_error(field, exc.message)


def money(value: Decimal | int | None) -> str:
    """ "30.000": Django's Vietnamese format sets no thousands grouping."""
    return f"{Decimal(value or 0):,.0f}".replace(",", ".")


def person(user: Any) -> str:
    return str(getattr(user, "full_name", "") or user.get_username()) if user is not None else ""


def officer_choices(perm: str, unit: Unit) -> list[tuple[str, str]]:
    return [(str(u.pk), person(u)) for u in users_with_perm(perm, unit)]


def receiving_units(user: Any) -> list[Unit]:
    """The units in force today where the user may receive dossiers (the counter's unit select)."""
    return list(
        units_visible(user, RECEIVE)
        .valid_on(timezone.localdate())
        .order_by("depth", "name")[:UNIT_CHOICES_MAX]
    )


def unit_choices(units: list[Unit]) -> list[tuple[str, str]]:
    return [(str(u.pk), u.name) for u in units]
