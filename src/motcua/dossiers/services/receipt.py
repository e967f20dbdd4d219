"""Opening a dossier and the one-stop section's first decisions on it (Decree 61/2018 Art. 16–18):
receive, submit online or by post, ask once for a supplement, refuse, accept a submitted dossier."""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.calendars.services import deadline_compute
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_fee, version_limit, version_live
from motcua.common.errors import ApplicationError
from motcua.core.deadlines import transfer_deadline
from motcua.core.dossier_codes import dossier_code
from motcua.documents.enums import LinkRole
from motcua.dossiers.enums import RECEIVE, Action, Channel, Status
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import settling_units
from motcua.dossiers.services.common import (
    Step,
    allotment,
    calendar_of,
    check,
    iso,
    key_for,
    next_value,
    now_or,
    officer_check,
    perform,
    record,
    refuse,
    replayed,
)
from motcua.dossiers.services.inputs import (
    ApplicantInput,
    ComponentInput,
    Opening,
    components_add,
    owner_for,
)
from motcua.units.models import Unit


def _limit(version: ProcedureVersion, channel: str) -> tuple[Decimal, str]:
    limit = version_limit(version, channel)
    if limit is None:
        raise refuse(
            "procedure_without_time_limit",
            _("Thủ tục “%(name)s” chưa có thời hạn giải quyết trong danh mục: không tính được ngày hẹn trả.")
            % {"name": version.name},
            "procedure",
        )
    return limit


def _version_for(version: ProcedureVersion, on: dt.date) -> ProcedureVersion:
    """The version a dossier opens under is the one in force that day (Open Zaak: cases pin their type)."""
    live = version_live(version.procedure, on=on)
    if live is None or live.pk != version.pk:
        raise refuse(
            "procedure_version_not_in_force",
            _("Phiên bản %(number)s của thủ tục “%(name)s” không có hiệu lực ngày %(day)s.")
            % {"number": version.number, "name": version.name, "day": f"{on:%d/%m/%Y}"},
            "procedure",
        )
    return live


def _opening_step(opening: Opening) -> Step:
    if opening.action == Action.REQUEST_SUPPLEMENT:
        missing = [" ".join(m.split()) for m in opening.missing if m.strip()]
        if not missing:
            raise refuse(
                "supplement_list_missing",
                _("Hãy ghi đầy đủ các giấy tờ cần bổ sung (yêu cầu bổ sung một lần, đầy đủ)."),
                "missing",
            )
        return Step(Action.REQUEST_SUPPLEMENT, note=opening.reason, data={"missing": missing})
    if opening.action == Action.REFUSE:
        if not opening.reason.strip():
            raise refuse("refusal_reason_missing", _("Hãy ghi rõ lý do từ chối tiếp nhận."), "reason")
        return Step(Action.REFUSE, note=opening.reason.strip())
    if opening.action in (Action.RECEIVE, Action.SUBMIT):
        return Step(opening.action)
    raise refuse(
        "opening_invalid", _("Hồ sơ chỉ mở bằng tiếp nhận, nộp, yêu cầu bổ sung hoặc từ chối."), "action"
    )


@transaction.atomic
def dossier_open(
    *,
    actor: Any,
    unit: Unit,
    version: ProcedureVersion,
    applicant: ApplicantInput,
    channel: str = Channel.COUNTER,
    return_channel: str = Channel.COUNTER,
    components: list[ComponentInput] | None = None,
    sets: int = 1,
    opening: Opening | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """A new dossier with its code `<unit>-YYMMDD-NNNN` (Decree 61/2018 Art. 26), its due time from the
    deadline engine (D1–D5, R1) and its components; at the counter the officer receives it, asks once for
    a supplement (Mẫu 02) or refuses it (Mẫu 03); online and postal dossiers are submitted."""
    opening = opening or Opening()
    key = key_for(actor, idempotency_key)
    if (done := replayed(key)) is not None:
        return done
    if actor is not None and not can(actor, RECEIVE, unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền tiếp nhận hồ sơ tại đơn vị này."))
    if channel not in Channel.values or return_channel not in Channel.values:
        raise refuse("channel_invalid", _("Hình thức nộp hoặc nhận kết quả không hợp lệ."), "channel")
    if opening.action == Action.SUBMIT and channel == Channel.COUNTER:
        raise refuse(
            "channel_invalid", _("Hồ sơ nộp trực tiếp được tiếp nhận ngay, không “nộp chờ”."), "channel"
        )
    if not 1 <= sets <= 99:
        raise refuse("sets_invalid", _("Số bộ hồ sơ phải từ 1 đến 99."), "sets")
    when = now_or(at)
    received_on = timezone.localtime(when).date()
    if not Unit.objects.valid_on(received_on).filter(pk=unit.pk).exists():
        raise refuse(
            "unit_not_in_force",
            _("%(unit)s không còn (hoặc chưa) tồn tại ngày %(day)s: hãy tiếp nhận tại đơn vị kế thừa.")
            % {"unit": unit.name, "day": f"{received_on:%d/%m/%Y}"},
            "unit",
        )
    version = _version_for(version, received_on)
    step = _opening_step(opening)
    owner = owner_for(applicant, actor=actor)
    value, unit_of_time = _limit(version, channel)
    deadline, ruleset, calendar_version = deadline_compute(
        unit=unit, received_at=when, limit_value=value, limit_unit=unit_of_time
    )
    unit_code = unit.edoc_code or unit.code
    try:
        with transaction.atomic():
            sequence = next_value(f"code:{unit_code}:{received_on:%y%m%d}")
            dossier = Dossier(
                code=dossier_code(unit_code, received_on, sequence),
                unit=unit,
                processing_unit=unit,
                procedure_version=version,
                status="start",
                channel=channel,
                return_channel=return_channel,
                applicant=owner,
                applicant_name=owner.name,
                applicant_address=applicant.address or owner.address,
                applicant_phone=applicant.phone or owner.phone,
                applicant_email=applicant.email or owner.email,
                submitted_at=when if channel != Channel.COUNTER else None,
                received_at=when,
                received_by=actor if getattr(actor, "pk", None) else None,
                sets=sets,
                clock_started_at=when,
                time_limit_value=value,
                time_limit_unit=unit_of_time,
                effective_receipt_at=deadline.effective_receipt,
                due_at=deadline.due,
                deadline_ruleset=ruleset,
                calendar_version=calendar_version,
                fee_amount=version_fee(version, channel),
                tracking_token=secrets.token_urlsafe(16)[:22],
            )
            dossier.status = check(dossier, step.action)
            if dossier.status == Status.RECEIVED:
                dossier.book_number = next_value(f"book:{unit.pk}:{received_on:%Y}")
            if dossier.status == Status.AWAITING_SUPPLEMENT:
                dossier.supplement_requests = 1
            if dossier.status == Status.REFUSED:
                dossier.is_open, dossier.finished_at = False, when
            dossier.revision = 1
            dossier.save()
            components_add(dossier, owner, components or [], new=True)
            step.unit = unit
            record(actor=actor, dossier=dossier, step=step, before="", at=when, key=key, changed=None)
    except IntegrityError:
        if (done := replayed(key)) is not None:  # the same request, sent twice at once
            return done
        raise
    return dossier


def dossier_receive(**kwargs: Any) -> Dossier:
    """Receive a complete dossier at the counter and give Mẫu 01 (Decree 61/2018 Art. 17)."""
    return dossier_open(opening=Opening(Action.RECEIVE), **kwargs)


def dossier_submit(**kwargs: Any) -> Dossier:
    """An online or postal dossier arrives; the one-stop section checks it next (Art. 16–17)."""
    return dossier_open(opening=Opening(Action.SUBMIT), **kwargs)


@transaction.atomic
def dossier_accept(
    *,
    actor: Any,
    dossier: Dossier,
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Receive a submitted dossier that is complete (Decree 61/2018 Art. 17); its time limit counts from
    its submission (R1), or from the complete supplement."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        d.book_number = next_value(f"book:{d.unit_id}:{timezone.localtime(d.received_at):%Y}")
        d.received_by = actor if getattr(actor, "pk", None) else None
        return Step(Action.RECEIVE, unit=d.unit), ["book_number", "received_by"]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.RECEIVE,
        revision=revision,
        idempotency_key=idempotency_key,
        at=at,
        apply=apply,
    )


@transaction.atomic
def dossier_request_supplement(
    *,
    actor: Any,
    dossier: Dossier,
    missing: list[str],
    reason: str = "",
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Ask once, fully, for what is missing (Decree 61/2018 Art. 15, 17; Mẫu 02); a second request only
    where the procedure's law allows it."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        allowed = d.procedure_version.supplement_requests_allowed if d.procedure_version else 1
        if d.supplement_requests >= allowed:
            raise refuse(
                "supplement_already_requested",
                _(
                    "Hồ sơ đã được yêu cầu bổ sung %(n)d lần; quy định chỉ cho phép %(allowed)d lần (hướng dẫn một lần, đầy đủ)."
                )
                % {"n": d.supplement_requests, "allowed": allowed},
                "missing",
            )
        step = _opening_step(Opening(Action.REQUEST_SUPPLEMENT, missing=missing, reason=reason))
        step.unit = d.unit
        d.supplement_requests += 1
        return step, ["supplement_requests"]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.REQUEST_SUPPLEMENT,
        revision=revision,
        idempotency_key=idempotency_key,
        at=at,
        apply=apply,
    )


@transaction.atomic
def dossier_supplement(
    *,
    actor: Any,
    dossier: Dossier,
    components: list[ComponentInput] | None = None,
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """The applicant hands in the supplemented dossier: it is submitted again and its time limit will
    count from now (the dossier was never received before)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        deadline, ruleset, version = deadline_compute(
            unit=d.unit, received_at=when, limit_value=d.time_limit_value, limit_unit=d.time_limit_unit
        )
        d.received_at = d.clock_started_at = when
        d.effective_receipt_at, d.due_at = deadline.effective_receipt, deadline.due
        d.deadline_ruleset, d.calendar_version = ruleset, version
        if components:
            components_add(d, d.applicant, components, role=LinkRole.SUPPLEMENTED)
        return Step(Action.SUPPLEMENT, unit=d.unit, data={"components": len(components or [])}), [
            "received_at",
            "clock_started_at",
            "effective_receipt_at",
            "due_at",
            "deadline_ruleset",
            "calendar_version",
        ]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.SUPPLEMENT,
        revision=revision,
        idempotency_key=idempotency_key,
        at=at,
        apply=apply,
    )


@transaction.atomic
def dossier_refuse(
    *,
    actor: Any,
    dossier: Dossier,
    reason: str,
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Refuse to receive, stating the reason (Decree 61/2018 Art. 17; Mẫu 03)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        step = _opening_step(Opening(Action.REFUSE, reason=reason))
        step.unit = d.unit
        d.is_open, d.finished_at = False, when
        return step, ["is_open", "finished_at"]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.REFUSE,
        revision=revision,
        idempotency_key=idempotency_key,
        at=at,
        apply=apply,
    )


@transaction.atomic
def dossier_transfer(
    *,
    actor: Any,
    dossier: Dossier,
    to_unit: Unit | None = None,
    receiver: Any = None,
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
) -> Dossier:
    """Hand the dossier to the settling unit the same working day, or at the start of the next one when
    received after 15:00 (Decree 61/2018 Art. 18); a later hand-over is recorded as late."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        cal, rules = calendar_of(d)
        deadline = transfer_deadline(cal, d.received_at, rules)
        if to_unit is not None and to_unit.pk not in {u.pk for u in settling_units(d)}:
            raise refuse(
                "transfer_unit_invalid",
                _(
                    "Không chuyển được hồ sơ đến %(unit)s: đơn vị này không giải quyết hồ sơ của %(receiving)s."
                )
                % {"unit": to_unit.name, "receiving": d.unit.name},
                "to_unit",
            )
        d.processing_unit = to_unit or d.processing_unit
        officer_check(d, receiver)
        d.transferred_at = when
        d.assignee = receiver
        return Step(
            Action.TRANSFER,
            unit=d.unit,
            receiver=receiver,
            receiver_unit=d.processing_unit,
            data={"deadline": iso(deadline), "late": when > deadline, **allotment(d, ("one_stop",))},
        ), ["processing_unit", "transferred_at", "assignee"]

    return perform(
        actor=actor,
        dossier=dossier,
        action=Action.TRANSFER,
        revision=revision,
        idempotency_key=idempotency_key,
        at=at,
        apply=apply,
    )
