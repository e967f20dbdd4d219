"""Settling a dossier (Decree 61/2018 Art. 19): assignment, internal steps with hand-overs (the data of the
control slip, Mẫu 05), consultations, inter-agency hand-overs, incomplete after appraisal (D6), pause and
resumption (D7), apology and new date (D8), approval or rejection."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from motcua.calendars.enums import SupplementPolicy
from motcua.calendars.selectors import calendar_for, core_rules
from motcua.core.calendar import TZ
from motcua.core.deadlines import LimitUnit, Pause, TimeLimit, apology_allowed, due_time
from motcua.dossiers.enums import Action
from motcua.dossiers.models import Consultation, Dossier
from motcua.dossiers.services.common import Step, calendar_of, iso, officer_check, perform, refuse

_APPRAISAL_NOTICE_DAYS = 3  # Decree 61/2018 Art. 19(4): notify within 03 working days of receipt


def _text(value: str, code: str, message: str, field_name: str) -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise refuse(code, message, field_name)
    return cleaned


def _recompute(d: Dossier) -> None:
    """The due time again from the clock start and the stored pauses, under the dossier's own rule set
    and its unit's current calendar (D6, D7, D9)."""
    pauses = [Pause(dt.datetime.fromisoformat(a), dt.datetime.fromisoformat(b)) for a, b in d.deadline_pauses]
    deadline = due_time(
        calendar_for(d.unit),
        d.clock_started_at,
        TimeLimit(float(d.time_limit_value), LimitUnit(d.time_limit_unit)),
        core_rules(d.deadline_ruleset),
        pauses=pauses,
    )
    d.effective_receipt_at, d.due_at = deadline.effective_receipt, deadline.due


_DEADLINE_FIELDS = ["clock_started_at", "effective_receipt_at", "due_at", "deadline_pauses"]


def _run(actor: Any, dossier: Dossier, action: str, apply: Any, **common: Any) -> Dossier:
    return perform(actor=actor, dossier=dossier, action=action, apply=apply, **common)


@transaction.atomic
def dossier_assign(*, actor: Any, dossier: Dossier, assignee: Any, note: str = "", **common: Any) -> Dossier:
    """The head of the settling unit assigns an officer to appraise the dossier (Decree 61/2018 Art. 19(1))."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        officer_check(d, assignee)
        d.assignee = assignee
        return Step(Action.ASSIGN, note=note, receiver=assignee, receiver_unit=d.processing_unit), [
            "assignee"
        ]

    return _run(actor, dossier, Action.ASSIGN, apply, **common)


def _step_of(d: Dossier, position: int) -> Any:
    version = d.procedure_version
    step = version.steps.filter(position=position).first() if version else None
    if step is None:
        raise refuse(
            "step_unknown",
            _("Quy trình nội bộ của thủ tục không có bước %(n)d.") % {"n": position},
            "step",
        )
    return step


@transaction.atomic
def dossier_step_start(*, actor: Any, dossier: Dossier, position: int, **common: Any) -> Dossier:
    """An officer starts a step of the approved internal process (Circular 01/2018 Art. 8)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        step = _step_of(d, position)
        d.current_step = position
        return Step(Action.STEP_START, data={"step": position, "name": step.name}), ["current_step"]

    return _run(actor, dossier, Action.STEP_START, apply, **common)


@transaction.atomic
def dossier_step_finish(
    *, actor: Any, dossier: Dossier, receiver: Any = None, agency: str = "", note: str = "", **common: Any
) -> Dossier:
    """Finish the current step and hand the dossier over, giver, receiver and time recorded (the rows of
    the control slip, Mẫu 05). Handing over to another agency follows the procedure's inter-agency order
    (Decree 61/2018 Art. 19(6))."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        if not d.current_step:
            raise refuse("step_not_started", _("Chưa bắt đầu bước xử lý nào để hoàn thành."), "step")
        step = _step_of(d, d.current_step)
        data: dict[str, Any] = {
            "step": d.current_step,
            "name": step.name,
            "allotted_minutes": int(step.hours * 60),
        }
        if agency:
            data.update(_next_agency(d, agency))
        else:
            officer_check(d, receiver)
        d.assignee, d.current_step = receiver, 0  # a step is finished once
        data["receiver_name"] = (
            (getattr(receiver, "full_name", "") or receiver.get_username()) if receiver else ""
        )
        return Step(Action.STEP_FINISH, note=note, receiver=receiver, data=data), ["assignee", "current_step"]

    return _run(actor, dossier, Action.STEP_FINISH, apply, **common)


def _next_agency(d: Dossier, agency: str) -> dict[str, Any]:
    """Inter-agency hand-overs go in the procedure's order: the next agency step, and only that one."""
    done = d.events.filter(action=Action.STEP_FINISH, data__has_key="agency_position").count()
    steps = list(d.procedure_version.agency_steps.order_by("position")) if d.procedure_version else []
    if done >= len(steps):
        raise refuse(
            "agency_order", _("Quy trình liên thông của thủ tục không còn cơ quan nào tiếp theo."), "agency"
        )
    expected = steps[done]
    if " ".join(agency.split()).casefold() != " ".join(expected.agency.split()).casefold():
        raise refuse(
            "agency_order",
            _("Theo quy trình liên thông, hồ sơ phải chuyển đến “%(agency)s” trước.")
            % {"agency": expected.agency},
            "agency",
        )
    return {
        "agency": expected.agency,
        "agency_position": expected.position,
        "agency_minutes": int(expected.hours * 60),
    }


@transaction.atomic
def dossier_consult(
    *, actor: Any, dossier: Dossier, agency: str, request: str, due_at: dt.datetime, **common: Any
) -> Dossier:
    """Ask another agency for its opinion, stating what and by when (Decree 61/2018 Art. 19(5))."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        name = _text(agency, "agency_missing", _("Hãy ghi cơ quan được lấy ý kiến."), "agency")
        asked = _text(request, "request_missing", _("Hãy ghi nội dung cần xin ý kiến."), "request")
        if due_at <= when:
            raise refuse("consult_due_invalid", _("Hạn trả lời phải sau thời điểm gửi."), "due_at")
        consultation = Consultation.objects.create(
            dossier=d, agency=name, request=asked, sent_at=when, due_at=due_at
        )
        return Step(
            Action.CONSULT,
            note=asked,
            data={"consultation": consultation.pk, "agency": name, "due_at": iso(due_at)},
        ), []

    return _run(actor, dossier, Action.CONSULT, apply, **common)


@transaction.atomic
def dossier_consult_answer(
    *, actor: Any, dossier: Dossier, consultation_id: int, answer: str, **common: Any
) -> Dossier:
    """Record the consulted agency's answer; a late answer is marked (Art. 19(5)(c))."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        consultation = Consultation.objects.select_for_update().filter(pk=consultation_id, dossier=d).first()
        if consultation is None or consultation.answered_at is not None:
            raise refuse(
                "consultation_unknown", _("Không có yêu cầu lấy ý kiến nào đang chờ trả lời."), "consultation"
            )
        consultation.answer = _text(
            answer, "answer_missing", _("Hãy ghi ý kiến của cơ quan được hỏi."), "answer"
        )
        consultation.answered_at = when
        consultation.save(update_fields=["answer", "answered_at"])
        return Step(
            Action.CONSULT_ANSWER,
            note=consultation.answer,
            data={
                "consultation": consultation.pk,
                "agency": consultation.agency,
                "late": when > consultation.due_at,
            },
        ), []

    return _run(actor, dossier, Action.CONSULT_ANSWER, apply, **common)


@transaction.atomic
def dossier_find_incomplete(
    *, actor: Any, dossier: Dossier, missing: list[str], reason: str = "", **common: Any
) -> Dossier:
    """After appraisal the dossier is not yet eligible: notify what is missing within 3 working days of
    receipt (Decree 61/2018 Art. 19(4); Mẫu 02); the time limit will count again (D6)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        items = [" ".join(m.split()) for m in missing if m.strip()]
        if not items:
            raise refuse(
                "supplement_list_missing",
                _("Hãy ghi đầy đủ các nội dung cần bổ sung, hoàn thiện."),
                "missing",
            )
        cal, rules = calendar_of(d)
        window = TimeLimit(_APPRAISAL_NOTICE_DAYS, LimitUnit.WORKING_DAYS)  # counted as D1 counts
        if when > due_time(cal, d.clock_started_at, window, rules).due:
            raise refuse(
                "appraisal_notice_late",
                _(
                    "Đã quá 03 ngày làm việc kể từ khi tiếp nhận: không còn được yêu cầu bổ sung sau thẩm định (Nghị định 61/2018 Điều 19 khoản 4)."
                ),
                "missing",
            )
        d.appraisal_found_incomplete_at = when
        return Step(Action.FIND_INCOMPLETE, note=reason, data={"missing": items}), [
            "appraisal_found_incomplete_at"
        ]

    return _run(actor, dossier, Action.FIND_INCOMPLETE, apply, **common)


@transaction.atomic
def dossier_supplement_after_appraisal(*, actor: Any, dossier: Dossier, **common: Any) -> Dossier:
    """The complete supplement arrives: the time limit restarts from zero (D6, `restart`), or the waiting
    time is subtracted (`pause`, as the national 766 engine counts)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        requested = d.appraisal_found_incomplete_at or when
        if d.deadline_ruleset.supplement_policy == SupplementPolicy.RESTART:
            d.clock_started_at = when
            d.deadline_pauses = []
        else:
            d.deadline_pauses = [*d.deadline_pauses, [iso(requested), iso(when)]]
        old_due = d.due_at
        _recompute(d)
        return Step(
            Action.SUPPLEMENT_AFTER_APPRAISAL,
            unit=d.unit,
            data={"old_due": iso(old_due), "due": iso(d.due_at)},
        ), _DEADLINE_FIELDS

    return _run(actor, dossier, Action.SUPPLEMENT_AFTER_APPRAISAL, apply, **common)


@transaction.atomic
def dossier_pause(*, actor: Any, dossier: Dossier, reason: str, **common: Any) -> Dossier:
    """Stop the clock where the procedure's law allows it (D7), with the reason."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        if not (d.procedure_version and d.procedure_version.pause_allowed):
            raise refuse(
                "pause_not_allowed",
                _("Pháp luật của thủ tục này không cho phép tạm dừng giải quyết."),
                "action",
            )
        note = _text(reason, "reason_missing", _("Hãy ghi lý do tạm dừng."), "reason")
        d.paused_at = when
        return Step(Action.PAUSE, note=note), ["paused_at"]

    return _run(actor, dossier, Action.PAUSE, apply, **common)


@transaction.atomic
def dossier_resume(*, actor: Any, dossier: Dossier, **common: Any) -> Dossier:
    """Resume: the working time that was left before the pause is counted from now (D7)."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        assert d.paused_at is not None
        d.deadline_pauses = [*d.deadline_pauses, [iso(d.paused_at), iso(when)]]
        old_due = d.due_at
        d.paused_at = None
        _recompute(d)
        return Step(Action.RESUME, data={"old_due": iso(old_due), "due": iso(d.due_at)}), [
            *_DEADLINE_FIELDS,
            "paused_at",
        ]

    return _run(actor, dossier, Action.RESUME, apply, **common)


@transaction.atomic
def dossier_apologise(
    *, actor: Any, dossier: Dossier, reason: str, new_appointment: dt.datetime, **common: Any
) -> Dossier:
    """Apologise in writing and set a new return date, once, at least one working day before the due time
    (Decree 61/2018 Art. 19(9); Mẫu 04; D8). The statutory due time stays: returned after it is late."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        note = _text(reason, "reason_missing", _("Hãy ghi lý do chậm trễ."), "reason")
        if d.apologised_at is not None:
            raise refuse(
                "apology_already_issued",
                _("Hồ sơ đã được hẹn lại một lần; không được hẹn lại lần nữa."),
                "action",
            )
        cal, _rules = calendar_of(d)
        if not apology_allowed(cal, when, d.due_at, already_issued=False):
            raise refuse(
                "apology_too_late",
                _("Phiếu xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn trả (%(due)s).")
                % {"due": f"{d.due_at.astimezone(TZ):%H:%M %d/%m/%Y}"},
                "new_appointment",
            )
        if new_appointment <= d.due_at:
            raise refuse(
                "appointment_not_later",
                _("Ngày hẹn trả mới phải sau hạn giải quyết hiện tại."),
                "new_appointment",
            )
        d.apologised_at, d.appointment_at = when, new_appointment
        return Step(
            Action.APOLOGISE,
            note=note,
            data={"due": iso(d.due_at), "new_appointment": iso(new_appointment)},
        ), ["apologised_at", "appointment_at"]

    return _run(actor, dossier, Action.APOLOGISE, apply, **common)


@transaction.atomic
def dossier_approve(*, actor: Any, dossier: Dossier, note: str = "", **common: Any) -> Dossier:
    """The competent person approves and signs (Decree 61/2018 Art. 19(2))."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        return Step(Action.APPROVE, note=note), []

    return _run(actor, dossier, Action.APPROVE, apply, **common)


@transaction.atomic
def dossier_reject(*, actor: Any, dossier: Dossier, reason: str, **common: Any) -> Dossier:
    """Not eligible: a written reason goes back through the one-stop section within the time limit
    (Decree 61/2018 Art. 19(7); Mẫu 03). Processing ends here."""

    def apply(d: Dossier, when: dt.datetime) -> tuple[Step, list[str]]:
        note = _text(reason, "reason_missing", _("Hãy ghi rõ lý do không giải quyết."), "reason")
        d.finished_at, d.is_open = when, False
        return Step(Action.REJECT, note=note), ["finished_at", "is_open"]

    return _run(actor, dossier, Action.REJECT, apply, **common)
