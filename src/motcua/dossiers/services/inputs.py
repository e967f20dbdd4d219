"""What a new dossier is made of: the applicant (an owner of the data store, found by identifier) and the
components handed in, each possibly linked to a document already in the owner's store (reuse)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max
from django.utils.translation import gettext as _

from motcua.catalog.enums import ReuseSource
from motcua.catalog.models import RequiredDocument
from motcua.common.audit import audit_record
from motcua.core.identifiers import normalise_identifier
from motcua.documents.enums import LinkRole
from motcua.documents.models import DocumentVersion, DossierDocument, Owner
from motcua.dossiers.enums import Action
from motcua.dossiers.models import Dossier
from motcua.dossiers.services.common import refuse


@dataclass(frozen=True)
class ApplicantInput:
    kind: str  # "citizen" | "organisation"
    identifier: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ComponentInput:
    name: str
    required_document_id: int | None = None
    originals: int = 0
    certified_copies: int = 0
    copies: int = 0
    reuse_source: str = ""
    version_id: int | None = None  # a stored document of the applicant, linked instead of uploaded again


@dataclass(frozen=True)
class Opening:
    """How the dossier starts: RECEIVE (complete), SUBMIT (online, post), REQUEST_SUPPLEMENT or REFUSE."""

    action: str = Action.RECEIVE
    missing: list[str] = field(default_factory=list)
    reason: str = ""


def owner_for(applicant: ApplicantInput, *, actor: Any = None) -> Owner:
    try:
        identifier = normalise_identifier(applicant.kind, applicant.identifier)
    except ValueError as exc:
        raise refuse(
            "applicant_identifier_invalid", _("Số định danh không hợp lệ: %s.") % exc, "identifier"
        ) from exc
    name = " ".join(applicant.name.split())
    if not name:
        raise refuse("applicant_name_missing", _("Hãy ghi họ tên người nộp hoặc tên tổ chức."), "name")
    owner, created = Owner.objects.get_or_create(
        kind=applicant.kind,
        identifier=identifier,
        defaults={
            "name": name,
            "address": applicant.address,
            "phone": applicant.phone,
            "email": applicant.email,
        },
    )
    if not created:
        changed = {
            key: value
            for key, value in (
                ("name", name),
                ("address", applicant.address),
                ("phone", applicant.phone),
                ("email", applicant.email),
            )
            if value and getattr(owner, key) != value
        }
        if changed:
            Owner.objects.filter(pk=owner.pk).update(**changed)
            # which details changed, not their values: the audit trail holds no personal data
            audit_record(
                actor=actor,
                operation="documents.owner_update",
                target=owner,
                after={"changed": sorted(changed)},
            )
            for key, value in changed.items():
                setattr(owner, key, value)
    return owner


def components_add(
    dossier: Dossier,
    owner: Owner,
    components: list[ComponentInput],
    *,
    role: str = LinkRole.SUBMITTED,
    new: bool = False,
) -> None:
    """The components handed in, numbered after those the dossier already has; a stored version named
    by the applicant must be in their own store, and its reuse source one the catalogue knows."""
    if not components:
        return
    known = set(
        RequiredDocument.objects.filter(version_id=dossier.procedure_version_id).values_list("pk", flat=True)
    )
    rows = []
    first = 1 if new else (dossier.components.aggregate(last=Max("position"))["last"] or 0) + 1
    for position, item in enumerate(components, start=first):
        name = " ".join(item.name.split())
        if not name:
            raise refuse(
                "component_name_missing", _("Thành phần hồ sơ thứ %d chưa có tên.") % position, "components"
            )
        if item.required_document_id is not None and item.required_document_id not in known:
            raise refuse(
                "component_document_unknown",
                _("“%s” không có trong danh mục giấy tờ của thủ tục.") % name,
                "components",
            )
        if item.reuse_source not in ReuseSource.values:
            raise refuse(
                "reuse_source_invalid", _("Nguồn tái sử dụng của “%s” không hợp lệ.") % name, "components"
            )
        if min(item.originals, item.certified_copies, item.copies) < 0:
            raise refuse("component_count_invalid", _("Số bản của “%s” không được âm.") % name, "components")
        linked = None
        if item.version_id is not None:
            linked = DocumentVersion.objects.filter(pk=item.version_id, document__owner=owner).first()
            if linked is None:
                raise refuse(
                    "component_document_not_owned",
                    _("Giấy tờ “%(name)s” không thuộc kho dữ liệu của người nộp.") % {"name": name},
                    "components",
                )
        rows.append(
            DossierDocument(
                dossier=dossier,
                position=position,
                name=name,
                required_document_id=item.required_document_id,
                originals=item.originals,
                certified_copies=item.certified_copies,
                copies=item.copies,
                version=linked,
                reuse_source=item.reuse_source,
                role=role,
            )
        )
    DossierDocument.objects.bulk_create(rows)
