"""Editing a draft's parts: channels with their time limits, fees, required documents and form templates.

An import leaves what it could not read empty; this is where an officer fills it in from the legal text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from motcua.catalog.enums import EDIT, Channel, LimitUnit, ReuseSource
from motcua.catalog.models import Fee, ProcedureVersion, RequiredDocument, VersionChannel
from motcua.catalog.selectors import version_snapshot
from motcua.catalog.services.versions import locked_draft, require, time_limit_of
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.common.uploads import upload_checked

TEMPLATE_TYPES = frozenset({".doc", ".docx", ".pdf", ".xls", ".xlsx", ".odt", ".ods"})
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class ChannelInput:
    channel: str
    time_limit_value: Decimal | None = None
    time_limit_unit: str = ""
    time_limit_note: str = ""
    description: str = ""


@dataclass(frozen=True)
class FeeInput:
    channel: str = ""  # "": every channel
    free: bool | None = None
    amount: Decimal | None = None
    per: str = ""
    note: str = ""
    keep_id: int | None = None  # an existing fee of this version: its imported text stays with it


@dataclass(frozen=True)
class DocumentInput:
    name: str
    group: str = ""
    originals: int | None = None
    certified_copies: int | None = None
    copies: int | None = None
    reuse_source: str = ""
    keep_id: int | None = None  # an existing row of this version: its form template file is kept


def _audited(actor: Any, version: ProcedureVersion, operation: str, before: dict[str, Any]) -> None:
    version.hand_edited = True
    version.save(update_fields=["hand_edited", "updated_at"])
    audit_record(
        actor=actor, operation=operation, target=version, before=before, after=version_snapshot(version)
    )


def _value(row: ChannelInput) -> Decimal | None:
    if not row.time_limit_unit:
        return None
    if row.time_limit_unit == LimitUnit.SAME_DAY:
        return Decimal(0)  # "trong ngày" has no number
    return row.time_limit_value


@transaction.atomic
def version_channels_set(*, actor: Any, version: ProcedureVersion, channels: Sequence[ChannelInput]) -> None:
    """Replace the ways of submitting; each channel once, with its own limit where it differs."""
    require(actor, EDIT)
    version = locked_draft(version)
    seen: set[str] = set()
    for row in channels:
        if row.channel not in Channel.values or row.channel in seen:
            raise ApplicationError(
                "channel_invalid", "Mỗi hình thức nộp chỉ được nêu một lần.", fields={"channels": row.channel}
            )
        seen.add(row.channel)
        if row.time_limit_unit and row.time_limit_unit not in LimitUnit.values:
            raise ApplicationError(
                "time_limit_invalid", "Đơn vị thời hạn không hợp lệ.", fields={"channels": row.channel}
            )
        time_limit_of(_value(row), row.time_limit_unit)
    before = version_snapshot(version)
    kept_raw = {c.channel: c.time_limit_raw for c in version.channels.all()}
    version.channels.all().delete()
    VersionChannel.objects.bulk_create(
        VersionChannel(
            version=version,
            channel=row.channel,
            time_limit_value=_value(row),
            time_limit_unit=row.time_limit_unit,
            time_limit_raw=kept_raw.get(row.channel, ""),
            time_limit_note=row.time_limit_note,
            description=row.description,
        )
        for row in channels
    )
    _audited(actor, version, "catalog.version_channels", before)


@transaction.atomic
def version_fees_set(*, actor: Any, version: ProcedureVersion, fees: Sequence[FeeInput]) -> None:
    """Replace the fees and charges (Decree 63/2010 Art. 8(2): amounts where the law states them)."""
    require(actor, EDIT)
    version = locked_draft(version)
    for row in fees:
        if row.channel and row.channel not in Channel.values:
            raise ApplicationError(
                "fee_invalid", "Hình thức nộp của khoản phí không hợp lệ.", fields={"fees": row.channel}
            )
        if row.amount is not None and row.amount < 0:
            raise ApplicationError("fee_invalid", "Mức thu không được âm.", fields={"fees": "amount"})
        if row.free and row.amount:
            raise ApplicationError(
                "fee_invalid", "Một khoản đã ghi miễn phí thì không ghi mức thu.", fields={"fees": "amount"}
            )
    raw_of = {f.pk: f.raw for f in version.fees.all()}
    kept = [row.keep_id for row in fees if row.keep_id is not None]
    if len(kept) != len(set(kept)) or not set(kept) <= set(raw_of):
        raise ApplicationError(
            "fee_invalid", "Một khoản phí cũ chỉ được giữ một lần, và phải thuộc phiên bản này."
        )
    before = version_snapshot(version)
    version.fees.all().delete()
    Fee.objects.bulk_create(
        Fee(
            version=version,
            channel=row.channel,
            position=i,
            free=row.free,
            amount=row.amount,
            per=row.per[:255],
            note=row.note,
            raw=raw_of.get(row.keep_id, "") if row.keep_id is not None else "",
        )
        for i, row in enumerate(fees, 1)
    )
    _audited(actor, version, "catalog.version_fees", before)


@transaction.atomic
def version_documents_set(
    *, actor: Any, version: ProcedureVersion, documents: Sequence[DocumentInput]
) -> None:
    """Replace the required documents, keeping the form template of each row that stays."""
    require(actor, EDIT)
    version = locked_draft(version)
    existing = {d.pk: d for d in version.documents.all()}
    for row in documents:
        if not row.name.strip():
            raise ApplicationError(
                "document_invalid", "Mỗi thành phần hồ sơ cần tên giấy tờ.", fields={"documents": "name"}
            )
        if row.reuse_source not in ReuseSource.values:
            raise ApplicationError(
                "document_invalid", "Nguồn dữ liệu không hợp lệ.", fields={"documents": "reuse_source"}
            )
        if row.keep_id is not None and row.keep_id not in existing:
            raise ApplicationError("document_invalid", "Thành phần hồ sơ không thuộc phiên bản này.")
    kept_ids = [row.keep_id for row in documents if row.keep_id is not None]
    if len(kept_ids) != len(set(kept_ids)):
        raise ApplicationError("document_invalid", "Một thành phần hồ sơ cũ chỉ được giữ một lần.")
    for row in documents:
        counts = (row.originals, row.certified_copies, row.copies)
        if any(c is not None and c < 0 for c in counts):
            raise ApplicationError("document_invalid", "Số bản không được âm.", fields={"documents": "count"})
    before = version_snapshot(version)
    kept = {row.keep_id for row in documents if row.keep_id is not None}
    RequiredDocument.objects.filter(version=version).exclude(pk__in=kept).delete()
    for position, row in enumerate(documents, 1):
        document = existing[row.keep_id] if row.keep_id is not None else RequiredDocument(version=version)
        document.position = position
        document.name, document.group = row.name.strip(), row.group[:1000]
        document.originals, document.certified_copies, document.copies = (
            row.originals,
            row.certified_copies,
            row.copies,
        )
        document.reuse_source = row.reuse_source
        document.save()
    _audited(actor, version, "catalog.version_documents", before)


@transaction.atomic
def document_template_attach(*, actor: Any, document: RequiredDocument, file: Any) -> RequiredDocument:
    """Attach the form (mẫu đơn, tờ khai) a citizen downloads; the upload is checked by type and content."""
    require(actor, EDIT)
    version = locked_draft(document.version)
    data, name = upload_checked(
        file, allowed=TEMPLATE_TYPES, max_bytes=MAX_TEMPLATE_BYTES, field="template_file"
    )
    before = version_snapshot(version)
    document = RequiredDocument.objects.select_for_update().get(pk=document.pk)
    document.template_file.save(name, ContentFile(data), save=False)
    document.template_name = document.template_name or name
    document.save()
    _audited(actor, version, "catalog.document_template", before)
    return document
