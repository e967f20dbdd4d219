from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from motcua.accounts.models import Membership, Role, User
from motcua.common.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["role", "unit", "include_subtree", "is_active"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    audit_exclude = frozenset({"password"})
    list_display = ["username", "full_name", "job_title", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("motcua", {"fields": ("full_name", "job_title")}))
    inlines = [MembershipInline]

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        self.save_audited_formset(request, formset)


@admin.register(Role)
class RoleAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name"]
    filter_horizontal = ["permissions"]
    search_fields = ["code", "name"]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["user", "role", "unit", "include_subtree", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["user", "unit"]
    search_fields = ["user__username", "unit__name"]

    def audit_unit_id(self, obj: Any) -> int | None:
        return int(obj.unit_id)
