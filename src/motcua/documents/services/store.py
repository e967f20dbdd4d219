"""Putting files into an owner's data store (Decree 45/2020 Art. 16): checked by name, content and size,
hashed, versioned, stored under a generated name, and removed again when the transaction rolls back."""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import unicodedata
import weakref
from pathlib import PurePath, PureWindowsPath
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.common.uploads import upload_checked
from motcua.documents.models import Document, DocumentVersion, Owner
from motcua.dossiers.enums import RECEIVE

logger = logging.getLogger(__name__)

# The suffix decides the MIME type: the browser's Content-Type is the client's claim, not a fact.
MIME: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}
ALLOWED = frozenset(MIME)
FIELD = "file"


def max_bytes() -> int:
    return int(settings.UPLOAD_MAX_MB) * 1024 * 1024


def refuse(code: str, message: str, field_name: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field_name: code})


def plain_name(name: str, suffix: str) -> str:
    """The name shown back to people: the last part of a POSIX or Windows path, without control
    characters (they would break the Content-Disposition header), at most 255 characters."""
    base = PureWindowsPath(PurePath(name).name).name
    text = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    text = text.strip() or f"tep{suffix}"
    if len(text) > 255:
        text = text[: 255 - len(suffix)] + suffix
    return text


def checked(file: Any) -> tuple[bytes, str, str]:
    """The bytes, the plain original name and the suffix of an accepted upload, or a refusal."""
    limit = max_bytes()
    data, name = upload_checked(file, allowed=ALLOWED, max_bytes=limit, field=FIELD)
    if len(data) > limit:  # the size the client declared may be absent or wrong
        raise ApplicationError(
            "upload_size", f"Tệp “{name}” lớn hơn {settings.UPLOAD_MAX_MB} MB.", fields={FIELD: "size"}
        )
    suffix = PurePath(name).suffix.lower()
    return data, plain_name(name, suffix), suffix


def checked_extracted(extracted: dict[str, Any] | None) -> dict[str, Any]:
    """Extracted data is stored as JSON: keys are field names, values plain JSON values."""
    if extracted is None:
        return {}
    if not isinstance(extracted, dict) or not all(isinstance(key, str) for key in extracted):
        raise refuse(
            "extracted_invalid", _("Dữ liệu bóc tách phải là các cặp tên trường, giá trị."), "extracted"
        )
    try:
        json.dumps(extracted)
    except (TypeError, ValueError) as exc:
        raise refuse(
            "extracted_invalid", _("Dữ liệu bóc tách có giá trị không lưu được dạng JSON."), "extracted"
        ) from exc
    return extracted


def checked_title(title: str, field_name: str = "title") -> str:
    text = " ".join((title or "").split())
    if not text:
        raise refuse("document_title_missing", _("Hãy ghi tên giấy tờ."), field_name)
    if len(text) > 500:
        raise refuse("document_title_too_long", _("Tên giấy tờ dài quá 500 ký tự."), field_name)
    return text


def _discard(storage: Storage, name: str, state: dict[str, bool]) -> None:
    if state["committed"]:
        return
    try:
        storage.delete(name)
    except OSError:
        logger.warning("Could not remove the file %s of a rolled-back upload", name)


def delete_on_rollback(storage: Storage, name: str) -> None:
    """Remove the stored file `name` if the transaction that wrote it does not commit.

    Why this shape: the file is written inside the transaction (so a full disk refuses the upload
    before anything commits, and no committed row ever points to a file that was never written), so a
    rollback must take the file away again. Django has on_commit but no on_rollback; it does, however,
    drop the pending on_commit callbacks of a rolled-back transaction or savepoint (and of a closed
    connection). The callback registered here only marks the file as committed; a weakref finalizer on
    the callback deletes the file when the callback is dropped without having run. Nothing else keeps
    a reference to the callback, so in CPython this happens at the moment of the rollback, whether the
    rollback is ours or that of a caller's enclosing transaction; at interpreter exit, pending
    finalizers run too, so a process killed mid-transaction leaves no file either."""
    state = {"committed": False}

    def committed() -> None:
        state["committed"] = True

    transaction.on_commit(committed)
    weakref.finalize(committed, _discard, storage, name, state)


def may_write_store(actor: Any, owner: Owner) -> bool:
    """The owner's own account, the system, or a superuser; officers write through a dossier."""
    if actor is None:
        return True
    if owner.user_id is not None and owner.user_id == getattr(actor, "pk", None):
        return True
    return can(actor, RECEIVE, None)  # no unit: only a superuser's scope reaches


def store(
    *,
    actor: Any,
    owner: Owner,
    data: bytes,
    original_name: str,
    suffix: str,
    title: str,
    doc_type: str = "",
    document: Document | None = None,
    signer: Any = None,
) -> DocumentVersion:
    """Write checked bytes as a new document of `owner` or the next version of `document` (locked).
    Every refusal comes before the file is written. The caller holds the transaction."""
    if document is not None:
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.owner_id != owner.pk:
            raise refuse(
                "document_owner_mismatch",
                _("Giấy tờ này không thuộc kho dữ liệu của chủ sở hữu đã chọn."),
                "document",
            )
    digest = hashlib.sha256(data).hexdigest()
    if document is not None:
        latest = document.versions.order_by("-number").first()
        if latest is not None and latest.sha256 == digest:
            if signer is not None and latest.signed_by_id is None:
                latest.signed_by, latest.signed_at = signer, timezone.now()
                latest.save(update_fields=["signed_by", "signed_at"])
                _audit_version(actor, latest, "documents.sign")
            return latest  # the same bytes again: no second copy
        number = (latest.number if latest is not None else 0) + 1
    else:
        document = Document.objects.create(owner=owner, title=title, doc_type=doc_type[:100])
        number = 1
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=original_name,
        mime=MIME[suffix],
        size=len(data),
        sha256=digest,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
        signed_by=signer,
        signed_at=timezone.now() if signer is not None else None,
    )
    # The stored name is ours (random, with the checked suffix): the user's name never reaches the disk.
    version.file.save(f"{secrets.token_hex(16)}{suffix}", ContentFile(data), save=False)
    delete_on_rollback(version.file.storage, str(version.file.name))
    version.save()
    _audit_version(actor, version, "documents.upload")
    return version


def _audit_version(actor: Any, version: DocumentVersion, operation: str) -> None:
    audit_record(
        actor=actor,
        operation=operation,
        target=version,
        after={
            "document": version.document_id,
            "number": version.number,
            "sha256": version.sha256,
            "size": version.size,
            "mime": version.mime,
            "signed_by": version.signed_by_id,
        },
    )


@transaction.atomic
def document_upload(
    *,
    actor: Any,
    owner: Owner,
    title: str,
    file: Any,
    doc_type: str = "",
    document: Document | None = None,
) -> DocumentVersion:
    """Store a file in the owner's data store, new or as the next version (Decree 45/2020 Art. 16)."""
    if not may_write_store(actor, owner):
        raise ApplicationError.forbidden(
            _("Chỉ chủ sở hữu được tải giấy tờ vào kho dữ liệu của mình; cán bộ tải qua hồ sơ.")
        )
    name = checked_title(title) if document is None else document.title
    data, original_name, suffix = checked(file)
    return store(
        actor=actor,
        owner=owner,
        data=data,
        original_name=original_name,
        suffix=suffix,
        title=name,
        doc_type=" ".join(doc_type.split()),
        document=document,
    )
