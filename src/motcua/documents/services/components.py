"""The files behind a dossier's components: uploaded at the counter, taken from the applicant's data store
or a national database instead (reuse), scanned and signed by the officer (digitisation), and the issued
result kept in the applicant's store. Each writes the store through `store.store`, after every check."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.catalog.enums import ReuseSource
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.documents.enums import LinkRole
from motcua.documents.models import Document, DocumentVersion, DossierDocument
from motcua.documents.services.store import checked, checked_extracted, checked_title, refuse, store
from motcua.dossiers.enums import PROCESS, RECEIVE
from motcua.dossiers.models import Dossier

_STATE = ("version_id", "role", "reuse_source", "digitised", "data_extracted")


def require_officer(actor: Any, dossier: Dossier) -> None:
    """The one-stop officer of the receiving unit or an officer of the settling unit (accounts.access)."""
    if actor is None:  # the system itself: imports, the demo
        return
    for unit in (dossier.unit, dossier.processing_unit):
        if any(can(actor, perm, unit) for perm in (RECEIVE, PROCESS)):
            return
    raise ApplicationError.forbidden(_("Bạn không có quyền cập nhật giấy tờ của hồ sơ thuộc đơn vị khác."))


def locked_dossier(dossier: Dossier) -> Dossier:
    """The dossier row locked, so that a concurrent result or withdrawal cannot close it meanwhile;
    `of` keeps PostgreSQL from locking (and refusing to lock) the outer-joined rows."""
    locked = (
        Dossier.objects.select_for_update(of=("self",))
        .select_related("unit", "processing_unit", "applicant")
        .get(pk=dossier.pk)
    )
    if not locked.is_open:
        raise refuse(
            "dossier_closed",
            _("Hồ sơ %(code)s đã kết thúc: không thay đổi được giấy tờ của hồ sơ.") % {"code": locked.code},
            "dossier",
        )
    return locked


def _locked(actor: Any, component: DossierDocument) -> DossierDocument:
    """The component and its dossier, locked, after the actor's permission and the component's kind."""
    dossier = Dossier.objects.select_related("unit", "processing_unit").get(pk=component.dossier_id)
    require_officer(actor, dossier)
    dossier = locked_dossier(dossier)
    row = (
        DossierDocument.objects.select_for_update(of=("self",))
        .select_related("version__document")
        .get(pk=component.pk)
    )
    row.dossier = dossier
    if row.role == LinkRole.RESULT:
        raise refuse(
            "component_is_result",
            _("Kết quả giải quyết được lưu bằng chức năng lưu kết quả, không phải thành phần hồ sơ."),
            "component",
        )
    return row


def _own_document(row: DossierDocument) -> Document | None:
    """A new file for a component uploaded before replaces it as that document's next version; a
    component reused from elsewhere gets a document of its own rather than a new version of the
    applicant's stored paper."""
    if row.version is None or row.reuse_source:
        return None
    return row.version.document


def _state(row: DossierDocument) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _STATE}


def _saved(actor: Any, row: DossierDocument, operation: str, before: dict[str, Any]) -> DossierDocument:
    row.save(update_fields=["version", "role", "reuse_source", "digitised", "data_extracted", "extracted"])
    audit_record(
        actor=actor,
        operation=operation,
        target=row,
        unit_id=row.dossier.unit_id,
        before=before,
        after=_state(row),
    )
    return row


@transaction.atomic
def component_attach(
    *, actor: Any, component: DossierDocument, file: Any, role: str = LinkRole.SUBMITTED
) -> DossierDocument:
    """The officer scans or uploads a component into the applicant's store (Decree 61/2018 Art. 17)."""
    row = _locked(actor, component)
    if role not in (LinkRole.SUBMITTED, LinkRole.SUPPLEMENTED):
        raise refuse(
            "component_role_invalid", _("Thành phần hồ sơ chỉ là giấy tờ nộp hoặc nộp bổ sung."), "role"
        )
    data, original_name, suffix = checked(file)
    before = _state(row)
    row.version = store(
        actor=actor,
        owner=row.dossier.applicant,
        data=data,
        original_name=original_name,
        suffix=suffix,
        title=row.name[:500],
        document=_own_document(row),
    )
    supplemented = LinkRole.SUPPLEMENTED in (role, row.role)
    row.role = LinkRole.SUPPLEMENTED if supplemented else LinkRole.SUBMITTED
    # The new file was handed in, not reused, and is not (yet) the officer's signed scan.
    row.reuse_source, row.digitised, row.data_extracted, row.extracted = ReuseSource.NONE, False, False, {}
    return _saved(actor, row, "documents.component_attach", before)


@transaction.atomic
def component_reuse(
    *, actor: Any, component: DossierDocument, version_id: int, source: str
) -> DossierDocument:
    """Link a paper the applicant's data store already holds instead of asking for it again
    (Circular 01/2023; Decree 45/2020 Art. 16)."""
    row = _locked(actor, component)
    if source not in (ReuseSource.DATA_STORE, ReuseSource.NATIONAL_DB):
        raise refuse(
            "reuse_source_invalid",
            _("Nguồn tái sử dụng phải là kho dữ liệu của người nộp hoặc cơ sở dữ liệu quốc gia."),
            "source",
        )
    version = (
        DocumentVersion.objects.select_related("document")
        .filter(pk=version_id, document__owner=row.dossier.applicant)
        .first()
    )
    if version is None:  # another owner's version is refused the same way as a missing one
        raise refuse(
            "component_document_not_owned",
            _("Giấy tờ “%(name)s” không thuộc kho dữ liệu của người nộp.") % {"name": row.name[:200]},
            "version_id",
        )
    valid_until = version.document.valid_until
    if valid_until is not None and valid_until < timezone.localdate():
        raise refuse(
            "document_expired",
            _("Giấy tờ “%(title)s” đã hết hiệu lực ngày %(day)s.")
            % {"title": version.document.title, "day": f"{valid_until:%d/%m/%Y}"},
            "version_id",
        )
    handed_in_here = (
        DossierDocument.objects.filter(dossier=row.dossier, version=version, reuse_source="")
        .exclude(pk=row.pk)
        .exists()
    )
    if handed_in_here:  # a paper given with this very dossier is not reused: it would inflate the count
        raise refuse(
            "reuse_same_dossier",
            _("Giấy tờ này được nộp cùng hồ sơ này, không phải tái sử dụng."),
            "version_id",
        )
    before = _state(row)
    row.version, row.reuse_source = version, source
    row.digitised, row.data_extracted, row.extracted = False, False, {}
    return _saved(actor, row, "documents.component_reuse", before)


@transaction.atomic
def component_digitise(
    *,
    actor: Any,
    component: DossierDocument,
    file: Any,
    extracted: dict[str, Any] | None = None,
) -> DossierDocument:
    """The officer scans a paper component, signs the electronic copy and extracts its data
    (Circular 01/2023 Art. 4–8)."""
    row = _locked(actor, component)
    if getattr(actor, "pk", None) is None:
        raise ApplicationError.forbidden(_("Bản số hóa phải do cán bộ tiếp nhận ký số."), "actor")
    if row.reuse_source:
        # Papers already shared as valid data are not digitised again (Circular 01/2023).
        raise refuse(
            "component_already_reused",
            _("Thành phần “%(name)s” đã lấy từ dữ liệu sẵn có: không số hóa lại.") % {"name": row.name[:200]},
            "component",
        )
    data_extracted = checked_extracted(extracted)
    data, original_name, suffix = checked(file)
    before = _state(row)
    row.version = store(
        actor=actor,
        owner=row.dossier.applicant,
        data=data,
        original_name=original_name,
        suffix=suffix,
        title=row.name[:500],
        document=_own_document(row),
        signer=actor,
    )
    row.digitised = True
    if data_extracted:
        row.data_extracted, row.extracted = True, data_extracted
    return _saved(actor, row, "documents.component_digitise", before)


@transaction.atomic
def result_store(*, actor: Any, dossier: Dossier, file: Any, title: str) -> DocumentVersion:
    """Keep the issued result file in the applicant's data store, linked to the dossier as its result
    (Decree 45/2020 Art. 14(3), 16(3)); its id goes to dossier_issue_result."""
    require_officer(actor, Dossier.objects.select_related("unit", "processing_unit").get(pk=dossier.pk))
    locked = locked_dossier(dossier)
    name = checked_title(title)
    data, original_name, suffix = checked(file)
    version = store(
        actor=actor,
        owner=locked.applicant,
        data=data,
        original_name=original_name,
        suffix=suffix,
        title=name,
    )
    last = DossierDocument.objects.filter(dossier=locked).aggregate(last=Max("position"))["last"]
    row = DossierDocument.objects.create(
        dossier=locked,
        position=(last or 0) + 1,
        name=name,
        role=LinkRole.RESULT,
        version=version,
    )
    audit_record(
        actor=actor,
        operation="documents.result_store",
        target=row,
        unit_id=locked.unit_id,
        after=_state(row),
    )
    return version
