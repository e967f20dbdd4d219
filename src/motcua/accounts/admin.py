"""Admin pages for accounts (superusers only, see common.admin.superusers_only).

Memberships are granted and ended through the services, so the admin and the rest of motcua write the
same audit events and a membership is ended, never deleted.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from motcua.accounts.models import Membership, Role, User
from motcua.accounts.services import membership_grant, membership_revoke
from motcua.common.admin import AuditedAdmin
from motcua.common.errors import ApplicationError


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    max_num = 0  # shown here, granted and ended on the membership pages
    can_delete = False
    fields = ["role", "unit", "include_subtree", "is_active"]
    readonly_fields = ("role", "unit", "include_subtree", "is_active")
    show_change_link = True


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    audit_exclude = frozenset({"password"})
    list_display = ["username", "full_name", "job_title", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    fieldsets = (*(BaseUserAdmin.fieldsets or ()), ("motcua", {"fields": ("full_name", "job_title")}))
    inlines = [MembershipInline]


@admin.register(Role)
class RoleAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "name"]
    filter_horizontal = ["permissions"]
    search_fields = ["code", "name"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "unit", "include_subtree", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["user", "unit"]
    search_fields = ["user__username", "unit__name"]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return ["user", "role", "unit"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: Any, obj: Membership, form: Any, change: bool) -> None:
        if change and not obj.is_active:
            saved = membership_revoke(
                actor=request.user, membership=obj, reason="Chấm dứt trên trang quản trị"
            )
        else:
            saved = membership_grant(
                actor=request.user,
                user=obj.user,
                role=obj.role,
                unit=obj.unit,
                include_subtree=obj.include_subtree,
            )
        obj.pk = saved.pk

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        from motcua.common.admin import service_checked_form

        form_class = super().get_form(request, obj, change=change, **kwargs)

        def check(instance: Membership, data: dict[str, Any]) -> None:
            if instance.pk is not None and not data.get("is_active", True):
                membership_revoke(actor=request.user, membership=instance)
            else:
                membership_grant(
                    actor=request.user,
                    user=data.get("user") or instance.user,
                    role=data.get("role") or instance.role,
                    unit=data.get("unit") or instance.unit,
                    include_subtree=data.get("include_subtree", True),
                )

        return service_checked_form(form_class, check)

    @admin.action(description="Chấm dứt các phân công đã chọn")
    def revoke(self, request: Any, queryset: Any) -> None:
        ended = 0
        for membership in queryset:
            try:
                membership_revoke(
                    actor=request.user, membership=membership, reason="Chấm dứt trên trang quản trị"
                )
                ended += 1
            except ApplicationError as exc:
                self.message_user(request, exc.message, messages.WARNING)
        self.message_user(request, f"Đã chấm dứt {ended} phân công.", messages.SUCCESS)
