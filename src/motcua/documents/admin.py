"""Read-only admin pages of the document store: files are written through the services only (hash,
checks, audit), so the admin neither adds, changes nor deletes. Identifiers are shown masked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from motcua.core.identifiers import mask_identifier
from motcua.documents.models import Document, DocumentVersion, Owner


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Owner)
class OwnerAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "masked_identifier", "user"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["user"]
    fields = ["kind", "masked_identifier", "name", "address", "phone", "email", "user"]
    readonly_fields = ["masked_identifier"]

    @admin.display(description=_("số định danh, mã số thuế"))
    def masked_identifier(self, obj: Owner) -> str:
        return mask_identifier(obj.identifier)


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "owner", "doc_type", "valid_until", "created_at"]
    list_select_related = ["owner"]
    search_fields = ["title"]
    raw_id_fields = ["owner"]


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ["document", "number", "original_name", "mime", "size", "uploaded_at", "signed_by"]
    list_select_related = ["document", "signed_by"]
    list_filter = ["mime"]
    search_fields = ["sha256"]
    raw_id_fields = ["document", "uploaded_by", "signed_by"]
