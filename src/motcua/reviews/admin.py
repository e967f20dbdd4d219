"""The cost constants are edited by superusers in the admin; every change is audited."""

from __future__ import annotations

from django.contrib import admin

from motcua.common.admin import AuditedAdmin
from motcua.reviews.models import CostConstant


@admin.register(CostConstant)
class CostConstantAdmin(AuditedAdmin, admin.ModelAdmin):
    list_display = ["code", "value", "measure", "valid_from", "valid_to"]
    list_filter = ["code"]
    fields = ["code", "value", "measure", "valid_from", "valid_to", "source"]
