"""Admin pages for the unit tree: every save goes through the services, refusals show on the form."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from motcua.common.admin import service_checked_form
from motcua.units.models import Unit, UnitSuccession
from motcua.units.services import unit_create, unit_succession_link, unit_update

_FIELDS = ["code", "edoc_code", "name", "kind", "division", "parent", "valid_from", "valid_to", "note"]


def _save_unit(actor: Any, instance: Unit, data: dict[str, Any]) -> Unit:
    values: dict[str, Any] = {name: data.get(name) for name in _FIELDS}
    for text_field in ("edoc_code", "division", "note"):
        values[text_field] = values[text_field] or ""
    if instance.pk:
        return unit_update(actor=actor, unit=Unit.objects.get(pk=instance.pk), **values)
    return unit_create(actor=actor, **values)


def _save_succession(actor: Any, data: dict[str, Any]) -> UnitSuccession:
    return unit_succession_link(
        actor=actor,
        predecessor=data["predecessor"],
        successor=data["successor"],
        kind=data["kind"],
        effective_on=data["effective_on"],
        legal_basis=data.get("legal_basis") or "",
    )


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["code", "name", "name_folded"]
    autocomplete_fields = ["parent"]
    fields = tuple(_FIELDS)
    ordering = ["path"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A unit is ended (valid_to), never deleted: dossiers and reports keep pointing at it.
        return False

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return service_checked_form(
            form_class, lambda instance, data: _save_unit(request.user, instance, data)
        )

    def save_model(self, request: Any, obj: Unit, form: Any, change: bool) -> None:
        obj.pk = _save_unit(request.user, obj if change else Unit(), form.cleaned_data).pk


@admin.register(UnitSuccession)
class UnitSuccessionAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "effective_on"]
    autocomplete_fields = ["predecessor", "successor"]
    fields = ["predecessor", "successor", "kind", "effective_on", "legal_basis"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return service_checked_form(form_class, lambda _instance, data: _save_succession(request.user, data))

    def save_model(self, request: Any, obj: UnitSuccession, form: Any, change: bool) -> None:
        obj.pk = _save_succession(request.user, form.cleaned_data).pk
