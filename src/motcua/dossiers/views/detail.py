"""The dossier page: what it is, who brought it, what it holds, what happened to it, and the actions
allowed now, each a small form carrying the revision seen (two officers cannot both act on one view)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from motcua.common.errors import ApplicationError
from motcua.core.deadlines import Outcome
from motcua.core.form_sets import FormKind
from motcua.core.identifiers import mask_identifier, mask_phone
from motcua.documents.enums import LinkRole
from motcua.documents.selectors import dossier_components, owner_documents
from motcua.dossiers.enums import Action, Channel, PaymentMethod, ResultKind, Status
from motcua.dossiers.forms import COMPONENT_FORMS, Choices, ComponentFileForm, component_form
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import outcome_of, paid_total, sees_identity, timeline
from motcua.dossiers.views import actions
from motcua.dossiers.views.common import dossier_or_404, form_error, money
from motcua.dossiers.views.printing import print_links

OUTCOMES = {
    Outcome.EARLY: gettext_lazy("Sớm hạn"),
    Outcome.ON_TIME: gettext_lazy("Đúng hạn"),
    Outcome.LATE: gettext_lazy("Quá hạn"),
    Outcome.WITHIN_TIME: gettext_lazy("Đang trong hạn"),
    Outcome.OVERDUE: gettext_lazy("Đang quá hạn"),
}

# the slip to hand over right away, while the applicant is still at the counter
HIGHLIGHT: dict[str, FormKind] = {
    Status.RECEIVED: FormKind.RECEIPT,
    Status.AWAITING_SUPPLEMENT: FormKind.SUPPLEMENT_REQUEST,
    Status.REFUSED: FormKind.REFUSAL,
}


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return f"{timezone.localtime(moment):%H:%M %d/%m/%Y}"


def _details(event: DossierEvent) -> list[str]:
    """The event's data as sentences: the list of what is missing, the hand-over, the new date, the money."""
    data, out = event.data or {}, []
    if data.get("missing"):
        out.append(_("Cần bổ sung: %s") % "; ".join(data["missing"]))
    if event.action in (Action.STEP_START, Action.STEP_FINISH) and data.get("step"):
        out.append(_("Bước %(n)s: %(name)s") % {"n": data["step"], "name": data.get("name", "")})
    if event.receiver_id:
        out.append(_("Người nhận: %s") % (data.get("receiver_name") or event.receiver or ""))
    if event.action == Action.TRANSFER and event.receiver_unit_id:
        out.append(_("Đơn vị giải quyết: %s") % event.receiver_unit)
    if event.action == Action.TRANSFER and data.get("deadline"):
        late = _(" (chuyển muộn)") if data.get("late") else ""
        out.append(_("Hạn chuyển: %s") % _when(data["deadline"]) + late)
    if data.get("agency"):
        out.append(_("Cơ quan: %s") % data["agency"])
    if event.action == Action.CONSULT and data.get("due_at"):
        out.append(_("Hạn trả lời: %s") % _when(data["due_at"]))
    if event.action == Action.CONSULT_ANSWER and data.get("late"):
        out.append(_("Trả lời muộn"))
    if data.get("new_appointment"):
        out.append(
            _("Hạn giải quyết %(due)s, hẹn trả lại %(new)s")
            % {"due": _when(data.get("due")), "new": _when(data["new_appointment"])}
        )
    if data.get("old_due") and data.get("due"):
        out.append(
            _("Hạn giải quyết: %(old)s → %(new)s")
            % {"old": _when(data["old_due"]), "new": _when(data["due"])}
        )
    if event.action == Action.PAY and data.get("amount"):
        method = PaymentMethod(data["method"]).label if data.get("method") in PaymentMethod.values else ""
        receipt = _(", biên lai %s") % data["receipt_number"] if data.get("receipt_number") else ""
        out.append(f"{money(data['amount'])} {_('đồng')} · {method}{receipt}")
    if data.get("waived"):
        out.append(_("Miễn, giảm phí"))
    if event.action == Action.ISSUE_RESULT and data.get("kind") in ResultKind.values:
        code = f" · {data['code']}" if data.get("code") else ""
        out.append(f"{ResultKind(data['kind']).label}{code}")
    if event.action == Action.RETURN_RESULT and data.get("channel") in Channel.values:
        out.append(_("Trả qua: %s") % Channel(data["channel"]).label)
    return out


def _applicant(user: Any, dossier: Dossier) -> dict[str, str]:
    full = sees_identity(user, dossier)
    owner = dossier.applicant
    return {
        "kind": owner.get_kind_display(),
        "identifier": owner.identifier if full else mask_identifier(owner.identifier),
        "name": dossier.applicant_name,
        "address": dossier.applicant_address if full else "",
        "phone": dossier.applicant_phone if full else mask_phone(dossier.applicant_phone),
        "email": dossier.applicant_email if full else "",
    }


def stored_versions(dossier: Dossier) -> Choices:
    """The latest version of each paper in the applicant's data store, for a component to reuse; papers
    handed in with this very dossier are not offered (taking them again is not reuse)."""
    handed_in = {
        c.version.document_id
        for c in dossier_components(dossier)
        if c.version is not None and not c.reuse_source and c.role != LinkRole.RESULT
    }
    choices: Choices = []
    for stored in owner_documents(dossier.applicant):
        if stored.latest is None or stored.document.pk in handed_in:
            continue
        label = f"{stored.document.title} · {stored.latest.original_name} ({_('bản')} {stored.latest.number})"
        if stored.document.valid_until is not None:
            label += " · " + _("hiệu lực đến %s") % f"{stored.document.valid_until:%d/%m/%Y}"
        choices.append((str(stored.latest.pk), label))
    return choices


#: the component form that was refused: (component id, operation, the form as typed)
ComponentFailure = tuple[int, str, ComponentFileForm]


def _components(user: Any, dossier: Dossier, failed: ComponentFailure | None) -> list[dict[str, Any]]:
    """The submitted and supplemented components with their files (results are listed with the
    results); while the dossier is open, the forms of its file for the officers who receive or settle
    it (the services check the permission again)."""
    acting = dossier.is_open and sees_identity(user, dossier)
    versions = stored_versions(dossier) if acting else []
    rows = []
    for component in dossier_components(dossier).exclude(role=LinkRole.RESULT):
        forms = []
        for operation in COMPONENT_FORMS if acting else ():
            if operation == "tai-su-dung" and not versions:
                continue  # nothing stored to take
            if operation == "so-hoa" and component.reuse_source:
                continue  # shared as valid data already: not digitised again (Circular 01/2023)
            mine = failed is not None and failed[:2] == (component.pk, operation)
            form = failed[2] if failed and mine else component_form(operation, component.pk, versions)
            forms.append({"operation": operation, "label": form.title, "form": form, "open": mine})
        rows.append(
            {
                "component": component,
                "forms": forms,
                "open": any(f["open"] for f in forms),
                "store_empty": not versions,
            }
        )
    return rows


def dossier_page(
    request: HttpRequest,
    dossier: Dossier,
    failed: tuple[str, Any] | None = None,
    *,
    component: ComponentFailure | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    events = timeline(dossier)
    keys = actions.offered(request.user, dossier)
    forms = []
    for key in keys:
        form = failed[1] if failed and failed[0] == key else actions.form_for(key, dossier)
        forms.append(
            {
                "key": key,
                "label": actions.label_of(key),
                "form": form,
                "open": bool(failed and failed[0] == key),
            }
        )
    paid = paid_total(dossier)
    outcome = outcome_of(dossier)
    prints = print_links(dossier, events) if sees_identity(request.user, dossier) else []
    context = {
        "dossier": dossier,
        "version": dossier.procedure_version,
        "status_label": Status(dossier.status).label,
        "outcome": outcome,
        "outcome_label": OUTCOMES.get(outcome, ""),
        "applicant": _applicant(request.user, dossier),
        "components": _components(request.user, dossier, component),
        "payments": [{"payment": p, "amount": money(p.amount)} for p in dossier.payments.all()],
        "results": list(dossier.results.select_related("document")),
        "consultations": list(dossier.consultations.all()),
        "fee": money(dossier.fee_amount),
        "paid": money(paid),
        "owed": money(max(dossier.fee_amount - paid, Decimal(0))) if not dossier.fee_waived_reason else "0",
        "events": [
            {"event": e, "details": _details(e), "status_label": Status(e.status_after).label} for e in events
        ],
        "forms": forms,
        "prints": prints,
        "highlight": next((p for p in prints if p["kind"] == HIGHLIGHT.get(dossier.status)), None),
        "failed": failed[0] if failed else "",
        "refusal": refusal,
    }
    return render(request, "dossiers/detail.html", context, status=status)


@login_required
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return dossier_page(request, dossier_or_404(request.user, code))


@login_required
@require_POST
def dossier_act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """One action from the dossier page; a refusal shows its message on the page, the form as typed."""
    dossier = dossier_or_404(request.user, code)
    if action not in actions.SPECS:
        raise Http404(_("Không có thao tác này"))
    form = actions.form_for(action, dossier, request.POST, request.FILES)
    if not form.is_valid():
        return dossier_page(
            request, dossier, (action, form), refusal=_("Thông tin chưa hợp lệ; hãy xem lại."), status=400
        )
    try:
        actions.run(action, request.user, dossier, form)
    except ApplicationError as exc:
        form_error(form, exc)
        status = 409 if exc.code == "conflict" else 403 if exc.code == "forbidden" else 400
        fresh = dossier_or_404(request.user, code)  # nothing changed, but show the page as it is now
        return dossier_page(request, fresh, (action, form), refusal=exc.message, status=status)
    messages.success(request, _("Đã thực hiện: %(action)s.") % {"action": actions.label_of(action)})
    return redirect("dossiers:detail", code=dossier.code)
