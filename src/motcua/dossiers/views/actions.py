"""The actions of the dossier page: for each, its form, what it offers to choose from, and the one
service call it makes. The services decide every rule; this table only turns a form into arguments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import can
from motcua.accounts.models import User
from motcua.accounts.selectors import users_with_perm
from motcua.common.errors import ApplicationError
from motcua.dossiers import services
from motcua.dossiers.enums import PROCESS, Action, ResultKind
from motcua.dossiers.forms import (
    ActionForm,
    ApologiseForm,
    AssignForm,
    Choices,
    ConsultAnswerForm,
    ConsultForm,
    IssueResultForm,
    MessageForm,
    MissingForm,
    NoteForm,
    PayForm,
    PlainForm,
    ReasonForm,
    ReturnForm,
    StepFinishForm,
    StepStartForm,
    TransferForm,
    lines,
)
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import actions_for, paid_total, settling_units
from motcua.dossiers.views.common import officer_choices, person
from motcua.units.models import Unit

WAIVE_FEE = "waive_fee"  # recorded as a payment event, offered as its own form
Call = Callable[[Any, Dossier, dict[str, Any], dict[str, Any]], Dossier]


@dataclass(frozen=True)
class Spec:
    form: type[ActionForm]
    call: Call
    label: str | Promise = ""  # the button; the action's own label when empty
    options: Callable[[Dossier], dict[str, Choices]] | None = None
    initial: Callable[[Dossier], dict[str, Any]] | None = None


def _user(pk: int | None) -> User | None:
    return User.objects.filter(pk=pk).first() if pk is not None else None


def _transfer(actor: Any, d: Dossier, data: dict[str, Any], common: dict[str, Any]) -> Dossier:
    to_unit = Unit.objects.get(pk=data["to_unit"])
    receiver = _user(data["receiver"])
    if receiver is not None and not can(receiver, PROCESS, to_unit):
        raise ApplicationError(
            "receiver_outside_unit",
            _("%(name)s không có quyền xử lý hồ sơ của %(unit)s.")
            % {"name": person(receiver), "unit": to_unit.name},
            fields={"receiver": "receiver_outside_unit"},
        )
    return services.dossier_transfer(actor=actor, dossier=d, to_unit=to_unit, receiver=receiver, **common)


def _transfer_options(d: Dossier) -> dict[str, Choices]:
    units = settling_units(d)
    people: dict[int, tuple[str, str]] = {}
    for unit in units:
        for user in users_with_perm(PROCESS, unit):
            people.setdefault(user.pk, (str(user.pk), f"{person(user)} — {unit.name}"))
    blank = ("", _("— để trưởng đơn vị phân công —"))
    return {"to_unit": [(str(u.pk), u.name) for u in units], "receiver": [blank, *people.values()]}


def _step_options(d: Dossier) -> dict[str, Choices]:
    steps = d.procedure_version.steps.all() if d.procedure_version else []
    return {"position": [(str(s.position), f"{s.position}. {s.name}") for s in steps]}


def _finish_options(d: Dossier) -> dict[str, Choices]:
    agencies = d.procedure_version.agency_steps.all() if d.procedure_version else []
    return {
        "receiver": [("", "—"), *officer_choices(PROCESS, d.processing_unit)],
        "agency": [("", "—"), *((a.agency, f"{a.position}. {a.agency}") for a in agencies)],
    }


def _consultations(d: Dossier) -> dict[str, Choices]:
    waiting = d.consultations.filter(answered_at__isnull=True)
    return {"consultation": [(str(c.pk), f"{c.agency} ({c.request[:60]})") for c in waiting]}


def _new_appointment(d: Dossier) -> dict[str, Any]:
    # a proposal the officer changes: two days after the statutory due time
    return {"new_appointment": timezone.localtime(d.due_at + dt.timedelta(days=2)).replace(tzinfo=None)}


def _result_initial(d: Dossier) -> dict[str, Any]:
    results = d.procedure_version.results if d.procedure_version else []
    return {"kind": ResultKind.PAPER, "title": results[0].get("name", "") if results else ""}


def _owed(d: Dossier) -> dict[str, Any]:
    return {"amount": int(d.fee_amount - paid_total(d)) or None}


SPECS: dict[str, Spec] = {
    Action.RECEIVE: Spec(
        PlainForm,
        lambda a, d, f, c: services.dossier_accept(actor=a, dossier=d, **c),
        gettext_lazy("Tiếp nhận"),
    ),
    Action.REQUEST_SUPPLEMENT: Spec(
        MissingForm,
        lambda a, d, f, c: services.dossier_request_supplement(
            actor=a, dossier=d, missing=lines(f["missing"]), reason=f["reason"], **c
        ),
    ),
    Action.SUPPLEMENT: Spec(
        PlainForm,
        lambda a, d, f, c: services.dossier_supplement(actor=a, dossier=d, **c),
        gettext_lazy("Đã nhận hồ sơ bổ sung"),
    ),
    Action.REFUSE: Spec(
        ReasonForm, lambda a, d, f, c: services.dossier_refuse(actor=a, dossier=d, reason=f["reason"], **c)
    ),
    Action.TRANSFER: Spec(
        TransferForm,
        _transfer,
        options=_transfer_options,
        initial=lambda d: {"to_unit": d.processing_unit_id},
    ),
    Action.ASSIGN: Spec(
        AssignForm,
        lambda a, d, f, c: services.dossier_assign(
            actor=a, dossier=d, assignee=_user(f["assignee"]), note=f["note"], **c
        ),
        options=lambda d: {"assignee": officer_choices(PROCESS, d.processing_unit)},
        initial=lambda d: {"assignee": d.assignee_id},
    ),
    Action.STEP_START: Spec(
        StepStartForm,
        lambda a, d, f, c: services.dossier_step_start(actor=a, dossier=d, position=f["position"], **c),
        options=_step_options,
        initial=lambda d: {"position": d.current_step + 1},
    ),
    Action.STEP_FINISH: Spec(
        StepFinishForm,
        lambda a, d, f, c: services.dossier_step_finish(
            actor=a, dossier=d, receiver=_user(f["receiver"]), agency=f["agency"], note=f["note"], **c
        ),
        options=_finish_options,
    ),
    Action.CONSULT: Spec(
        ConsultForm,
        lambda a, d, f, c: services.dossier_consult(
            actor=a, dossier=d, agency=f["agency"], request=f["request"], due_at=f["due_at"], **c
        ),
    ),
    Action.CONSULT_ANSWER: Spec(
        ConsultAnswerForm,
        lambda a, d, f, c: services.dossier_consult_answer(
            actor=a, dossier=d, consultation_id=f["consultation"], answer=f["answer"], **c
        ),
        options=_consultations,
    ),
    Action.FIND_INCOMPLETE: Spec(
        MissingForm,
        lambda a, d, f, c: services.dossier_find_incomplete(
            actor=a, dossier=d, missing=lines(f["missing"]), reason=f["reason"], **c
        ),
    ),
    Action.SUPPLEMENT_AFTER_APPRAISAL: Spec(
        PlainForm, lambda a, d, f, c: services.dossier_supplement_after_appraisal(actor=a, dossier=d, **c)
    ),
    Action.PAUSE: Spec(
        ReasonForm, lambda a, d, f, c: services.dossier_pause(actor=a, dossier=d, reason=f["reason"], **c)
    ),
    Action.RESUME: Spec(PlainForm, lambda a, d, f, c: services.dossier_resume(actor=a, dossier=d, **c)),
    Action.APOLOGISE: Spec(
        ApologiseForm,
        lambda a, d, f, c: services.dossier_apologise(
            actor=a, dossier=d, reason=f["reason"], new_appointment=f["new_appointment"], **c
        ),
        initial=_new_appointment,
    ),
    Action.APPROVE: Spec(
        NoteForm, lambda a, d, f, c: services.dossier_approve(actor=a, dossier=d, note=f["note"], **c)
    ),
    Action.REJECT: Spec(
        ReasonForm, lambda a, d, f, c: services.dossier_reject(actor=a, dossier=d, reason=f["reason"], **c)
    ),
    Action.ISSUE_RESULT: Spec(
        IssueResultForm,
        lambda a, d, f, c: services.dossier_issue_result_with_file(
            actor=a,
            dossier=d,
            file=f["file"],
            kind=f["kind"],
            title=f["title"],
            register_number=f["register_number"],
            **c,
        ),
        initial=_result_initial,
    ),
    Action.NOTIFY_EARLY: Spec(
        MessageForm,
        lambda a, d, f, c: services.dossier_notify_early(actor=a, dossier=d, message=f["message"], **c),
    ),
    Action.PAY: Spec(
        PayForm,
        lambda a, d, f, c: services.dossier_pay(
            actor=a,
            dossier=d,
            amount=f["amount"],
            method=f["method"],
            receipt_number=f["receipt_number"],
            reference=f["reference"],
            **c,
        ),
        gettext_lazy("Ghi nhận nộp phí, lệ phí"),
        initial=_owed,
    ),
    WAIVE_FEE: Spec(
        ReasonForm,
        lambda a, d, f, c: services.dossier_waive_fee(actor=a, dossier=d, reason=f["reason"], **c),
        gettext_lazy("Miễn, giảm phí"),
    ),
    Action.RETURN_RESULT: Spec(
        ReturnForm,
        lambda a, d, f, c: services.dossier_return(actor=a, dossier=d, channel=f["channel"], **c),
        initial=lambda d: {"channel": d.return_channel},
    ),
    Action.WITHDRAW: Spec(
        ReasonForm, lambda a, d, f, c: services.dossier_withdraw(actor=a, dossier=d, reason=f["reason"], **c)
    ),
}


def label_of(key: str) -> str:
    spec = SPECS[key]
    return str(spec.label or (Action(key).label if key in Action.values else key))


def offered(user: Any, dossier: Dossier) -> list[str]:
    """The actions the page offers: what the status and the user's roles allow, less what the dossier's
    own state makes pointless (nothing owed, no step started, no consultation waiting)."""
    keys = [a for a in actions_for(user, dossier) if a in SPECS]
    owed = dossier.fee_amount - paid_total(dossier) > 0 and not dossier.fee_waived_reason
    if Action.PAY in keys:
        keys = [k for k in keys if k != Action.PAY] + ([Action.PAY, WAIVE_FEE] if owed else [])
    if not dossier.current_step and Action.STEP_FINISH in keys:
        keys.remove(Action.STEP_FINISH)
    if Action.CONSULT_ANSWER in keys and not dossier.consultations.filter(answered_at__isnull=True).exists():
        keys.remove(Action.CONSULT_ANSWER)
    if Action.APOLOGISE in keys and dossier.apologised_at is not None:
        keys.remove(Action.APOLOGISE)
    version = dossier.procedure_version
    if Action.PAUSE in keys and not (version and version.pause_allowed):
        keys.remove(Action.PAUSE)
    return keys


def form_for(key: str, dossier: Dossier, data: Any = None, files: Any = None) -> ActionForm:
    spec = SPECS[key]
    initial = {"revision": dossier.revision, **(spec.initial(dossier) if spec.initial else {})}
    options = spec.options(dossier) if spec.options else None
    return spec.form(data, files, initial=initial, options=options, prefix=key)


def run(key: str, actor: Any, dossier: Dossier, form: ActionForm) -> Dossier:
    """The service call of the action; ApplicationError when a rule refuses it (nothing changed then)."""
    data = dict(form.cleaned_data)
    common = {"revision": data.pop("revision"), "idempotency_key": data.pop("idempotency_key")}
    return SPECS[key].call(actor, dossier, data, common)
