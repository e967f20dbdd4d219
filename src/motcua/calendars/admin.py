"""Calendar administration (superusers): every save goes through the services, so a change is audited
and the open deadlines are recomputed after it, with the result recorded as a calendar change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.http import HttpRequest

from motcua.calendars.models import CalendarChange, CalendarOverride, DeadlineRuleSet, OfficeHours
from motcua.calendars.services import (
    calendar_override_remove,
    calendar_override_set,
    deadline_ruleset_changed,
    deadlines_recompute,
    office_hours_set,
)
from motcua.common.admin import AuditedAdmin, service_checked_form


def _set_override(actor: Any, data: dict[str, Any]) -> CalendarOverride:
    return calendar_override_set(
        actor=actor,
        day=data["day"],
        kind=data["kind"],
        reason=data.get("reason") or "",
        unit=data.get("unit"),
    )


def _set_hours(actor: Any, data: dict[str, Any]) -> OfficeHours:
    return office_hours_set(
        actor=actor,
        sessions=data.get("sessions") or "",
        unit=data.get("unit"),
        season_start=data.get("season_start") or "",
        season_end=data.get("season_end") or "",
    )


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "unit", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    autocomplete_fields = ["unit"]
    fields = ["day", "kind", "unit", "reason"]

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)

        def check(instance: CalendarOverride, data: dict[str, Any]) -> None:
            day = data.get("day", instance.day)
            _set_override(request.user, {**data, "day": day, "unit": data.get("unit", instance.unit)})

        return service_checked_form(form_class, check)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["day", "unit"] if obj is not None else []

    def save_model(self, request: Any, obj: CalendarOverride, form: Any, change: bool) -> None:
        data = {**form.cleaned_data, "day": obj.day, "unit": obj.unit}
        obj.pk = _set_override(request.user, data).pk
        messages.info(
            request, "Đã ghi thay đổi lịch; thời hạn các hồ sơ đang mở được tính lại (xem Lần thay đổi lịch)."
        )

    def delete_model(self, request: Any, obj: CalendarOverride) -> None:
        calendar_override_remove(actor=request.user, override=obj)

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for override in queryset:
            calendar_override_remove(actor=request.user, override=override)


@admin.register(OfficeHours)
class OfficeHoursAdmin(admin.ModelAdmin):
    list_display = ["unit", "sessions", "season_start", "season_end"]
    autocomplete_fields = ["unit"]
    fields = ["unit", "sessions", "season_start", "season_end"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return service_checked_form(form_class, lambda _instance, data: _set_hours(request.user, data))

    def save_model(self, request: Any, obj: OfficeHours, form: Any, change: bool) -> None:
        obj.pk = _set_hours(request.user, form.cleaned_data).pk


@admin.register(DeadlineRuleSet)
class DeadlineRuleSetAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name", "valid_from", "valid_to", "cutoff", "supplement_policy", "day_end"]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if change:  # items opened under this rule set get their due times again
            deadline_ruleset_changed(actor=request.user, ruleset=form.instance, before=None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # items keep the rule set they were computed with


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "occurred_at",
        "description",
        "status",
        "items_checked",
        "items_changed",
        "duration_ms",
    ]
    list_filter = ["status"]
    actions = ["recompute_now"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="Tính lại thời hạn các hồ sơ đang mở ngay")
    def recompute_now(self, request: Any, queryset: Any) -> None:
        change = deadlines_recompute()
        self.message_user(
            request,
            f"Đã xét {change.items_checked} hồ sơ, {change.items_changed} hồ sơ đổi hạn ({change.duration_ms} ms).",
            messages.SUCCESS,
        )
