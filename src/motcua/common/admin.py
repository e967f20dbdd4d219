"""Admin edits write the same audit trail as the services do."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction

from motcua.common.audit import audit_record, snapshot
from motcua.common.models import AuditEvent


class AuditedAdmin:
    """Mixin for ModelAdmin: each save and delete appends an audit event in the admin's transaction."""

    audit_exclude: frozenset[str] = frozenset()

    def audit_unit_id(self, obj: Any) -> int | None:
        return None

    def _operation(self, obj: models.Model, verb: str) -> str:
        return f"admin.{obj._meta.label_lower}.{verb}"

    def _before(self, obj: models.Model) -> dict[str, Any] | None:
        if obj.pk is None:
            return None
        old = type(obj)._default_manager.filter(pk=obj.pk).first()
        return snapshot(old, exclude=self.audit_exclude) if old is not None else None

    def save_model(self, request: Any, obj: models.Model, form: Any, change: bool) -> None:
        # The event is written in save_related, once many-to-many fields (a role's permissions) are
        # saved too; Django's admin runs both in one transaction.
        request._motcua_audit_before = self._before(obj) if change else None
        obj._motcua_audited = True  # type: ignore[attr-defined]  # model signal receivers skip it
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)  # type: ignore[misc]
        obj = form.instance
        audit_record(
            actor=request.user,
            operation=self._operation(obj, "change" if change else "add"),
            target=obj,
            unit_id=self.audit_unit_id(obj),
            before=getattr(request, "_motcua_audit_before", None),
            after=snapshot(obj, exclude=self.audit_exclude),
        )

    @transaction.atomic
    def delete_model(self, request: Any, obj: models.Model) -> None:
        audit_record(
            actor=request.user,
            operation=self._operation(obj, "delete"),
            target=obj,
            unit_id=self.audit_unit_id(obj),
            before=snapshot(obj, exclude=self.audit_exclude),
        )
        super().delete_model(request, obj)  # type: ignore[misc]

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


def superusers_only(request: Any) -> bool:
    """The Django admin is the superusers' tool; everyone else works in motcua's own scoped pages.

    Django's admin checks its own model permissions, not motcua's unit scopes, so opening it to other
    staff would bypass `motcua.accounts.access`.
    """
    user = request.user
    return bool(user.is_active and user.is_superuser)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "actor_label", "operation", "object_type", "object_repr", "request_id"]
    list_filter = ["operation", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_id", "request_id"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class _DryRun(Exception):
    pass


def service_checked_form(form_class: Any, run: Any) -> Any:
    """Wrap an admin form so that the service's rules run as validation (in a savepoint rolled back).

    `run(instance, cleaned_data)` calls the service. A refusal is shown on the form next to its field
    instead of failing after the form was accepted; the real save then calls the service once more.
    """
    from django.core.exceptions import ValidationError

    from motcua.common.errors import ApplicationError

    class ServiceCheckedForm(form_class):  # type: ignore[misc]
        def _post_clean(self) -> None:
            super()._post_clean()
            if self.errors:
                return
            try:
                with transaction.atomic():
                    run(self.instance, self.cleaned_data)
                    raise _DryRun
            except _DryRun:
                pass
            except ApplicationError as exc:
                field = next(iter(exc.fields), None)
                self.add_error(field if field in self.fields else None, ValidationError(exc.message))

    return ServiceCheckedForm
