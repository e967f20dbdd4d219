"""What the dossier API answers: a queue row, a dossier with its history, and the shared error body.

The applicant's identifier, phone, address and e-mail go in full only to the officers who receive or
settle the dossier (and to the applicant's own account); anyone else who may view it, such as the control
office or a leader, sees the identifier and phone masked and no address or e-mail (Decree 13/2023)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from motcua.core.identifiers import mask_identifier, mask_phone
from motcua.documents.models import DocumentVersion, DossierDocument
from motcua.documents.selectors import dossier_components
from motcua.dossiers.enums import Action, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import actions_for, paid_total, sees_identity, timeline


class ErrorBody(serializers.Serializer):
    code = serializers.CharField(help_text="mã ổn định cho chương trình (forbidden, conflict, …)")
    message = serializers.CharField(help_text="thông báo tiếng Việt cho người dùng")
    # the metaclass takes declared fields out of the class, so this name does not hide Serializer.fields
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.CharField(), help_text="trường nhập sai → mã lỗi"
    )


class ErrorOutput(serializers.Serializer):
    error = ErrorBody()


ERRORS = {400: ErrorOutput, 403: ErrorOutput, 404: ErrorOutput}
WRITE_ERRORS = {**ERRORS, 409: ErrorOutput}


class QueueRowOutput(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    channel = serializers.CharField()
    procedure = serializers.CharField()
    processing_unit = serializers.CharField()
    assignee = serializers.CharField(allow_null=True)
    applicant_name = serializers.CharField()
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    appointment_at = serializers.DateTimeField(allow_null=True)
    alert = serializers.CharField(help_text="'' | due_soon | overdue (quét định kỳ)")
    revision = serializers.IntegerField()


class QueueOutput(serializers.Serializer):
    count = serializers.IntegerField(help_text="số hồ sơ, tối đa 1000")
    count_capped = serializers.BooleanField(help_text="true: còn nhiều hơn `count` (hiển thị “1000+”)")
    next_cursor = serializers.CharField(allow_null=True, help_text="truyền vào `cursor` để lấy trang sau")
    results = QueueRowOutput(many=True)


def queue_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "status": row["status"],
        "status_label": str(Status(row["status"]).label),
        "channel": row["channel"],
        "procedure": row["procedure_version__name"] or "",
        "processing_unit": row["processing_unit__name"],
        "assignee": row["assignee__full_name"],
        "applicant_name": row["applicant_name"],
        "received_at": row["received_at"],
        "due_at": row["due_at"],
        "appointment_at": row["appointment_at"],
        "alert": row["alert"],
        "revision": row["revision"],
    }


class DossierUnitOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class DossierPersonOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class DossierProcedureOutput(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    version = serializers.IntegerField()
    version_id = serializers.IntegerField()


class ApplicantOutput(serializers.Serializer):
    kind = serializers.CharField()
    identifier = serializers.CharField(help_text="đầy đủ với cán bộ tiếp nhận, xử lý; người khác: che")
    masked = serializers.BooleanField()
    name = serializers.CharField()
    address = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()


class DossierTimeLimitOutput(serializers.Serializer):
    value = serializers.FloatField()
    unit = serializers.CharField()


class DossierFeeOutput(serializers.Serializer):
    amount = serializers.IntegerField(help_text="đồng")
    paid = serializers.IntegerField(help_text="đồng")
    waived_reason = serializers.CharField()
    paid_online = serializers.BooleanField()


class EventOutput(serializers.Serializer):
    number = serializers.IntegerField()
    action = serializers.CharField()
    action_label = serializers.CharField()
    status_before = serializers.CharField()
    status_after = serializers.CharField()
    occurred_at = serializers.DateTimeField()
    actor = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    receiver = serializers.CharField(allow_null=True)
    receiver_unit = serializers.CharField(allow_null=True)
    note = serializers.CharField()
    data = serializers.DictField()  # type: ignore[assignment]  # (as `fields` in ErrorBody)


class StoredFileOutput(serializers.Serializer):
    version = serializers.IntegerField(help_text="id phiên bản tệp trong kho dữ liệu của người nộp")
    name = serializers.CharField(help_text="tên tệp gốc")
    size = serializers.IntegerField(help_text="byte")
    mime = serializers.CharField()
    sha256 = serializers.CharField()
    download_url = serializers.CharField(help_text="tải tệp (người được xem hồ sơ, chủ sở hữu)")
    signed_by = DossierPersonOutput(allow_null=True, help_text="cán bộ ký số bản số hóa")
    signed_at = serializers.DateTimeField(allow_null=True)


class ComponentOutput(serializers.Serializer):
    id = serializers.IntegerField(help_text="dùng trong components/<id>/attach|digitise|reuse/")
    position = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField()
    required_document = serializers.IntegerField(allow_null=True)
    originals = serializers.IntegerField()
    certified_copies = serializers.IntegerField()
    copies = serializers.IntegerField()
    document_version = serializers.IntegerField(allow_null=True)
    file = StoredFileOutput(allow_null=True)
    reuse_source = serializers.CharField(help_text="'' | data_store | national_db")
    digitised = serializers.BooleanField()
    data_extracted = serializers.BooleanField()


class PaymentOutput(serializers.Serializer):
    amount = serializers.IntegerField()
    method = serializers.CharField()
    paid_at = serializers.DateTimeField()
    receipt_number = serializers.CharField()
    reference = serializers.CharField()


class ResultOutput(serializers.Serializer):
    number = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    code = serializers.CharField(help_text="<mã hồ sơ>-KQn với kết quả điện tử")
    register_number = serializers.CharField()
    issued_at = serializers.DateTimeField()
    document_version = serializers.IntegerField(allow_null=True)
    file = StoredFileOutput(allow_null=True)


class ConsultationOutput(serializers.Serializer):
    id = serializers.IntegerField()
    agency = serializers.CharField()
    request = serializers.CharField()
    sent_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    answered_at = serializers.DateTimeField(allow_null=True)
    answer = serializers.CharField()


class DossierOutput(serializers.Serializer):
    code = serializers.CharField()
    revision = serializers.IntegerField(help_text="gửi lại trong `revision` hoặc If-Match khi thao tác")
    status = serializers.CharField()
    status_label = serializers.CharField()
    is_open = serializers.BooleanField()
    channel = serializers.CharField()
    return_channel = serializers.CharField()
    unit = DossierUnitOutput(help_text="đơn vị tiếp nhận")
    processing_unit = DossierUnitOutput(help_text="đơn vị giải quyết")
    procedure = DossierProcedureOutput(allow_null=True)
    applicant = ApplicantOutput()
    sets = serializers.IntegerField()
    book_number = serializers.IntegerField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField()
    received_by = DossierPersonOutput(allow_null=True)
    time_limit = DossierTimeLimitOutput()
    effective_receipt_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField(help_text="hạn giải quyết theo luật định")
    appointment_at = serializers.DateTimeField(allow_null=True, help_text="ngày hẹn lại sau phiếu xin lỗi")
    apologised_at = serializers.DateTimeField(allow_null=True)
    paused_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    alert = serializers.CharField()
    assignee = DossierPersonOutput(allow_null=True)
    current_step = serializers.IntegerField()
    supplement_requests = serializers.IntegerField()
    result_kind = serializers.CharField()
    fee = DossierFeeOutput()
    actions = serializers.ListField(
        child=serializers.CharField(), help_text="thao tác người dùng được làm lúc này (POST actions/<tên>/)"
    )
    timeline = EventOutput(many=True)
    components = ComponentOutput(many=True)
    payments = PaymentOutput(many=True)
    results = ResultOutput(many=True)
    consultations = ConsultationOutput(many=True)


def _person(user: Any) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "name": user.full_name or user.get_username()}


def _unit(unit: Any) -> dict[str, Any]:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


def _applicant(user: Any, d: Dossier) -> dict[str, Any]:
    full = sees_identity(user, d)
    return {
        "kind": d.applicant.kind,
        "identifier": d.applicant.identifier if full else mask_identifier(d.applicant.identifier),
        "masked": not full,
        "name": d.applicant_name,
        "address": d.applicant_address if full else "",
        "phone": d.applicant_phone if full else mask_phone(d.applicant_phone),
        "email": d.applicant_email if full else "",
    }


def _events(d: Dossier) -> list[dict[str, Any]]:
    return [
        {
            "number": e.number,
            "action": e.action,
            "action_label": str(Action(e.action).label),
            "status_before": e.status_before,
            "status_after": e.status_after,
            "occurred_at": e.occurred_at,
            "actor": e.actor_label,
            "unit": e.unit.name if e.unit else None,
            "receiver": (e.receiver.full_name or e.receiver.get_username()) if e.receiver else None,
            "receiver_unit": e.receiver_unit.name if e.receiver_unit else None,
            "note": e.note,
            "data": e.data,
        }
        for e in timeline(d)
    ]


def stored_file(version: DocumentVersion | None) -> dict[str, Any] | None:
    if version is None:
        return None
    return {
        "version": version.pk,
        "name": version.original_name,
        "size": version.size,
        "mime": version.mime,
        "sha256": version.sha256,
        "download_url": reverse("documents:download", args=[version.pk]),
        "signed_by": _person(version.signed_by),
        "signed_at": version.signed_at,
    }


def component_data(c: DossierDocument) -> dict[str, Any]:
    return {
        "id": c.pk,
        "position": c.position,
        "name": c.name,
        "role": c.role,
        "required_document": c.required_document_id,
        "originals": c.originals,
        "certified_copies": c.certified_copies,
        "copies": c.copies,
        "document_version": c.version_id,
        "file": stored_file(c.version),
        "reuse_source": c.reuse_source,
        "digitised": c.digitised,
        "data_extracted": c.data_extracted,
    }


def dossier_data(user: Any, d: Dossier) -> dict[str, Any]:
    """The dossier as `user` may see it, with what they may do now."""
    version = d.procedure_version
    return {
        "code": d.code,
        "revision": d.revision,
        "status": d.status,
        "status_label": str(Status(d.status).label),
        "is_open": d.is_open,
        "channel": d.channel,
        "return_channel": d.return_channel,
        "unit": _unit(d.unit),
        "processing_unit": _unit(d.processing_unit),
        "procedure": {
            "code": version.procedure.code,
            "name": version.name,
            "version": version.number,
            "version_id": version.pk,
        }
        if version
        else None,
        "applicant": _applicant(user, d),
        "sets": d.sets,
        "book_number": d.book_number,
        "submitted_at": d.submitted_at,
        "received_at": d.received_at,
        "received_by": _person(d.received_by),
        "time_limit": {"value": float(d.time_limit_value), "unit": d.time_limit_unit},
        "effective_receipt_at": d.effective_receipt_at,
        "due_at": d.due_at,
        "appointment_at": d.appointment_at,
        "apologised_at": d.apologised_at,
        "paused_at": d.paused_at,
        "finished_at": d.finished_at,
        "returned_at": d.returned_at,
        "alert": d.alert,
        "assignee": _person(d.assignee),
        "current_step": d.current_step,
        "supplement_requests": d.supplement_requests,
        "result_kind": d.result_kind,
        "fee": {
            "amount": int(d.fee_amount),
            "paid": int(paid_total(d)),
            "waived_reason": d.fee_waived_reason,
            "paid_online": d.paid_online,
        },
        "actions": [str(a) for a in actions_for(user, d)],
        "timeline": _events(d),
        "components": [component_data(c) for c in dossier_components(d)],
        "payments": [
            {
                "amount": int(p.amount),
                "method": p.method,
                "paid_at": p.paid_at,
                "receipt_number": p.receipt_number,
                "reference": p.reference,
            }
            for p in d.payments.order_by("paid_at", "pk")
        ],
        "results": [
            {
                "number": r.number,
                "kind": r.kind,
                "title": r.title,
                "code": r.code,
                "register_number": r.register_number,
                "issued_at": r.issued_at,
                "document_version": r.document_id,
                "file": stored_file(r.document),
            }
            for r in d.results.select_related("document__signed_by").order_by("number")
        ],
        "consultations": [
            {
                "id": c.pk,
                "agency": c.agency,
                "request": c.request,
                "sent_at": c.sent_at,
                "due_at": c.due_at,
                "answered_at": c.answered_at,
                "answer": c.answer,
            }
            for c in d.consultations.order_by("sent_at", "pk")
        ],
    }
