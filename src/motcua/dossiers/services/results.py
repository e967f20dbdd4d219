"""The end of a dossier: results (paper, electronic `<code>-KQn`, e-certified copies), early-return
notices, fees and payments, return, withdrawal and the applicant's rating (Decree 61/2018 Art. 19–22;
Decree 45/2020 Art. 14; Circular 01/2018 Art. 13)."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.core.dossier_codes import result_code
from motcua.documents.models import DocumentVersion
from motcua.documents.services import result_store
from motcua.dossiers.enums import Action, Channel, PaymentMethod, ResultKind, Satisfaction, Status
from motcua.dossiers.models import Dossier, DossierResult, Payment, Rating
from motcua.dossiers.selectors import paid_total
from motcua.dossiers.services.common import Step, allotment, perform, refuse


@transaction.atomic
def dossier_issue_result(
    *,
    actor: Any,
    dossier: Dossier,
    kind: str,
    title: str,
    register_number: str = "",
    document_version_id: int | None = None,
    **common: Any,
) -> Dossier:
    """The signed result goes to the one-stop section; an electronic one gets the code `<dossier>-KQn` and
    goes to the applicant's data store (Decree 45/2020 Art. 14(3)); an e-certified copy keeps its
    register number. Processing ends here (the 766 engine's "đã xử lý xong")."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        if kind not in ResultKind.values:
            raise refuse("result_kind_invalid", _("Hình thức kết quả không hợp lệ."), "kind")
        name = " ".join((title or "").split())
        if not name:
            raise refuse(
                "result_title_missing", _("Hãy ghi tên kết quả (giấy phép, giấy chứng nhận, …)."), "title"
            )
        if kind == ResultKind.E_CERTIFIED_COPY and not register_number.strip():
            raise refuse(
                "register_number_missing",
                _("Bản sao điện tử chứng thực cần số chứng thực."),
                "register_number",
            )
        linked = None
        if document_version_id is not None:
            linked = DocumentVersion.objects.filter(
                pk=document_version_id, document__owner=d.applicant
            ).first()
            if linked is None:
                raise refuse(
                    "result_document_invalid",
                    _("Tệp kết quả không thuộc kho dữ liệu của người nộp."),
                    "document",
                )
        number = d.results.count() + 1
        electronic = kind in (ResultKind.ELECTRONIC, ResultKind.BOTH, ResultKind.E_CERTIFIED_COPY)
        result = DossierResult.objects.create(
            dossier=d,
            number=number,
            kind=kind,
            title=name,
            code=result_code(d.code, number) if electronic else "",
            register_number=register_number.strip(),
            issued_at=when,
            document=linked,
        )
        d.result_kind = kind
        d.finished_at, d.is_open = when, False
        signature = allotment(d, ("unit_head", "leader"), last=True)
        data = {"result": result.number, "kind": kind, "code": result.code, **signature}
        return Step(Action.ISSUE_RESULT, data=data), [
            "result_kind",
            "finished_at",
            "is_open",
        ]

    return perform(actor=actor, dossier=dossier, action=Action.ISSUE_RESULT, apply=apply, **common)


@transaction.atomic
def dossier_issue_result_with_file(
    *, actor: Any, dossier: Dossier, file: Any = None, title: str, **arguments: Any
) -> Dossier:
    """The signed result goes to the one-stop section; an electronic one gets the code `<dossier>-KQn` and
    goes to the applicant's data store (Decree 45/2020 Art. 14(3)); an e-certified copy keeps its
    register number. Processing ends here. A result file sent with it is kept in the applicant's data
    store (documents' result_store) in the same transaction: a refused issue keeps no file."""
    if file is None:
        return dossier_issue_result(actor=actor, dossier=dossier, title=title, **arguments)
    arguments.pop("document_version_id", None)  # the file is the result's document
    try:
        version = result_store(actor=actor, dossier=dossier, file=file, title=title)
    except ApplicationError as exc:
        if exc.code != "dossier_closed":
            raise
        # The issue that closed the dossier may be this very request, sent again: the service answers
        # a retry (same key) with its first result and anything else with the transition's refusal.
        return dossier_issue_result(actor=actor, dossier=dossier, title=title, **arguments)
    return dossier_issue_result(
        actor=actor, dossier=dossier, title=title, document_version_id=version.pk, **arguments
    )


@transaction.atomic
def dossier_notify_early(*, actor: Any, dossier: Dossier, message: str = "", **common: Any) -> Dossier:
    """Tell the applicant the result can be collected before the appointment (Decree 61/2018 Art. 20)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        return Step(Action.NOTIFY_EARLY, unit=d.unit, note=message), []

    return perform(actor=actor, dossier=dossier, action=Action.NOTIFY_EARLY, apply=apply, **common)


@transaction.atomic
def dossier_pay(
    *,
    actor: Any,
    dossier: Dossier,
    amount: Decimal | int | str,
    method: str,
    receipt_number: str = "",
    reference: str = "",
    **common: Any,
) -> Dossier:
    """Record a fee payment and its proof: cash, transfer, online through the payment function, or by
    post (Decree 61/2018 Art. 22). A gateway reference is recorded once."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        if method not in PaymentMethod.values:
            raise refuse("payment_method_invalid", _("Hình thức nộp phí không hợp lệ."), "method")
        try:
            value = Decimal(str(amount))
        except InvalidOperation as exc:
            raise refuse("amount_invalid", _("Số tiền không hợp lệ."), "amount") from exc
        if value <= 0 or value != value.to_integral_value():
            raise refuse("amount_invalid", _("Số tiền phải là số đồng nguyên dương."), "amount")
        if method == PaymentMethod.ONLINE and not reference.strip():
            raise refuse("reference_missing", _("Thanh toán trực tuyến cần mã giao dịch."), "reference")
        left = d.fee_amount - paid_total(d)
        if value > left:
            raise refuse(
                "amount_too_high",
                _("Số tiền vượt số còn phải nộp (%(left)s đồng).")
                % {"left": f"{left:,.0f}".replace(",", ".")},
                "amount",
            )
        try:
            with transaction.atomic():
                payment = Payment.objects.create(
                    dossier=d,
                    amount=value,
                    method=method,
                    paid_at=when,
                    receipt_number=receipt_number.strip(),
                    reference=reference.strip(),
                    recorded_by=actor if getattr(actor, "pk", None) else None,
                )
        except IntegrityError as exc:
            raise refuse("payment_duplicate", _("Giao dịch này đã được ghi nhận."), "reference") from exc
        if method == PaymentMethod.ONLINE:
            d.paid_online = True
        return Step(
            Action.PAY,
            unit=d.unit,
            data={
                "payment": payment.pk,
                "amount": str(value),
                "method": method,
                "receipt_number": payment.receipt_number,
            },
        ), ["paid_online"]

    return perform(actor=actor, dossier=dossier, action=Action.PAY, apply=apply, **common)


@transaction.atomic
def dossier_waive_fee(*, actor: Any, dossier: Dossier, reason: str, **common: Any) -> Dossier:
    """Waive the fee of a dossier, with the reason (an exemption of the fee law); recorded as a payment
    event of nothing."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        text = " ".join((reason or "").split())
        if not text:
            raise refuse("reason_missing", _("Hãy ghi lý do miễn, giảm phí."), "reason")
        d.fee_waived_reason = text
        return Step(Action.PAY, unit=d.unit, note=text, data={"waived": True}), ["fee_waived_reason"]

    return perform(actor=actor, dossier=dossier, action=Action.PAY, apply=apply, **common)


@transaction.atomic
def dossier_return(*, actor: Any, dossier: Dossier, channel: str = Channel.COUNTER, **common: Any) -> Dossier:
    """Hand the result to the applicant at the counter, by post or online (Decree 61/2018 Art. 20); the
    fee must be paid or waived first."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        if channel not in Channel.values:
            raise refuse("channel_invalid", _("Hình thức trả kết quả không hợp lệ."), "channel")
        owed = d.fee_amount - paid_total(d)
        if owed > 0 and not d.fee_waived_reason:
            raise refuse(
                "fee_unpaid",
                _("Người nộp còn phải nộp %(owed)s đồng phí, lệ phí trước khi nhận kết quả.")
                % {"owed": f"{owed:,.0f}".replace(",", ".")},
                "fee",
            )
        d.returned_at, d.return_channel = when, channel
        return Step(Action.RETURN_RESULT, unit=d.unit, data={"channel": channel}), [
            "returned_at",
            "return_channel",
        ]

    return perform(actor=actor, dossier=dossier, action=Action.RETURN_RESULT, apply=apply, **common)


@transaction.atomic
def dossier_withdraw(*, actor: Any, dossier: Dossier, reason: str = "", **common: Any) -> Dossier:
    """The applicant withdraws the dossier (the 766 engine counts it as the end of processing). The
    applicant's own account may do this; an officer of the receiving unit records it for them."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        d.finished_at, d.is_open = when, False
        return Step(Action.WITHDRAW, unit=d.unit, note=" ".join(reason.split())), ["finished_at", "is_open"]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.WITHDRAW,
        apply=apply,
        authorised=actor is not None and _is_applicant(actor, dossier),
        **common,
    )


def _is_applicant(actor: Any, dossier: Dossier) -> bool:
    owner_user = dossier.applicant.user_id
    return owner_user is not None and owner_user == getattr(actor, "pk", None)


@transaction.atomic
def dossier_rate(
    *,
    dossier: Dossier,
    token: str,
    satisfaction: str,
    contacts: int | None = None,
    agencies: int | None = None,
    comment: str = "",
    at: dt.datetime | None = None,
) -> Rating:
    """The applicant rates the service once the result is returned (Circular 01/2018 Art. 13): with the
    token of the receipt slip's QR code, so only the applicant can."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not token or not secrets.compare_digest(token.encode(), locked.tracking_token.encode()):
        raise ApplicationError.forbidden(_("Mã đánh giá không đúng."), "token")
    if locked.status != Status.RETURNED:
        raise refuse("rating_too_early", _("Chỉ đánh giá được sau khi nhận kết quả."), "satisfaction")
    if Rating.objects.filter(dossier=locked).exists():
        raise refuse("rating_exists", _("Hồ sơ này đã được đánh giá."), "satisfaction")
    if satisfaction not in Satisfaction.values:
        raise refuse("satisfaction_invalid", _("Hãy chọn mức độ hài lòng."), "satisfaction")
    for name, value in (("contacts", contacts), ("agencies", agencies)):
        if value is not None and not 0 <= value <= 99:
            raise refuse(f"{name}_invalid", _("Số lần, số cơ quan phải từ 0 đến 99."), name)
    rating = Rating.objects.create(
        dossier=locked,
        satisfaction=satisfaction,
        contacts=contacts,
        agencies=agencies,
        comment=comment.strip()[:2000],
        rated_at=at or timezone.now(),
    )
    audit_record(
        actor=None,
        operation="dossiers.rate",
        target=locked,
        unit_id=locked.unit_id,
        after={"satisfaction": satisfaction, "contacts": contacts, "agencies": agencies},
    )
    return rating
