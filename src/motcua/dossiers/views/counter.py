"""The counter screen (màn hình tiếp nhận): find the procedure, check the documents the applicant brings,
then receive the dossier, ask once for what is missing, or refuse it (Decree 61/2018 Art. 17)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.catalog.models import Procedure, ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import offered_versions, procedure_search, version_live
from motcua.common.errors import ApplicationError
from motcua.dossiers.enums import Action, Status
from motcua.dossiers.forms import ComponentFormSet, ReceiptForm, lines
from motcua.dossiers.services import ApplicantInput, ComponentInput, Opening, dossier_open
from motcua.dossiers.views.common import form_error, money, receiving_units, unit_choices
from motcua.units.models import Unit

SEARCH_LIMIT = 30
DONE: dict[str, Any] = {
    Status.RECEIVED: gettext_lazy("Đã tiếp nhận hồ sơ %(code)s."),
    Status.AWAITING_SUPPLEMENT: gettext_lazy("Đã lập Phiếu yêu cầu bổ sung cho hồ sơ %(code)s."),
    Status.REFUSED: gettext_lazy("Đã lập Phiếu từ chối tiếp nhận hồ sơ %(code)s."),
}


def _unit(request: HttpRequest, units: list[Unit]) -> Unit:
    wanted = request.POST.get("unit") or request.GET.get("unit", "")
    return next((u for u in units if str(u.pk) == wanted), units[0])


def _choices(unit: Unit, query: str) -> tuple[list[ProcedureVersion], bool]:
    """The procedures to pick from: those the unit receives when it has a list (plan task 7), else the
    whole catalogue in force; narrowed by the search words. True when the unit's list was used."""
    today = timezone.localdate()
    offered = list(offered_versions([unit.pk], on=today))
    if not query:
        return offered, bool(offered)
    hits = procedure_search(query, published_only=True, limit=SEARCH_LIMIT).hits
    if offered:
        by_procedure = {v.procedure_id: v for v in offered}
        return [by_procedure[h.procedure.pk] for h in hits if h.procedure.pk in by_procedure], True
    versions = [version_live(h.procedure, on=today) for h in hits]
    return [v for v in versions if v is not None], False


def _checklist(version: ProcedureVersion) -> list[dict[str, Any]]:
    return [
        {
            "required_document": d.pk,
            "name": d.name,
            "checked": False,
            "originals": d.originals or 0,
            "certified_copies": d.certified_copies or 0,
            "copies": d.copies or 0,
        }
        for d in version.documents.all()
    ]


def _components(formset: Any, version: ProcedureVersion) -> tuple[list[ComponentInput], list[str]] | None:
    """The checked lines as components, and the catalogue's documents left unchecked (the proposed list
    of what is missing); None when a line names a document of another procedure."""
    known = {d.pk: d for d in version.documents.all()}
    taken, unchecked = [], []
    for data in formset.cleaned_data:
        if not data:
            continue
        doc_id = data.get("required_document")
        if doc_id is not None and doc_id not in known:
            return None
        name = known[doc_id].name if doc_id is not None else (data.get("name") or "").strip()
        if not name:
            continue
        if doc_id is not None and not data.get("checked"):  # a document typed in is one brought
            unchecked.append(name)
            continue
        document: RequiredDocument | None = known.get(doc_id) if doc_id is not None else None
        taken.append(
            ComponentInput(
                name=name,
                required_document_id=doc_id,
                originals=data.get("originals") or 0,
                certified_copies=data.get("certified_copies") or 0,
                copies=data.get("copies") or 0,
                reuse_source=document.reuse_source if document is not None else "",
            )
        )
    return taken, unchecked


@login_required
def counter(request: HttpRequest) -> HttpResponse:
    units = receiving_units(request.user)
    if not units:
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận hồ sơ tại đơn vị nào."))
    unit = _unit(request, units)
    if request.method == "POST":
        return _receive(request, units)
    code = request.GET.get("procedure", "").strip()
    if not code:
        query = request.GET.get("q", "").strip()[:200]
        versions, offered = _choices(unit, query)
        return render(
            request,
            "dossiers/counter_pick.html",
            {"units": units, "unit": unit, "q": query, "versions": versions, "offered": offered},
        )
    procedure = get_object_or_404(Procedure, code=code)
    version = version_live(procedure)
    if version is None:
        messages.error(request, _("Thủ tục %(code)s chưa có phiên bản đang hiệu lực.") % {"code": code})
        return redirect(f"{request.path}?unit={unit.pk}")
    form = ReceiptForm(units=unit_choices(units), initial={"unit": unit.pk})
    formset = ComponentFormSet(prefix="doc", initial=_checklist(version))
    return _form_page(request, version, form, formset, units)


def _form_page(
    request: HttpRequest, version: ProcedureVersion, form: ReceiptForm, formset: Any, units: list[Unit]
) -> HttpResponse:
    fees = [
        _("Miễn phí") if f.free else f"{money(f.amount)} {_('đồng')}"
        for f in version.fees.all()
        if f.amount or f.free
    ]
    return render(
        request,
        "dossiers/counter.html",
        {"version": version, "form": form, "formset": formset, "units": units, "fees": fees},
    )


def _receive(request: HttpRequest, units: list[Unit]) -> HttpResponse:
    version = get_object_or_404(
        ProcedureVersion.objects.select_related("procedure"), pk=request.POST.get("version", "")
    )
    form = ReceiptForm(request.POST, units=unit_choices(units))
    formset = ComponentFormSet(request.POST, prefix="doc")
    if not (form.is_valid() and formset.is_valid()):
        return _form_page(request, version, form, formset, units)
    found = _components(formset, version)
    if found is None:
        form.add_error(None, _("Danh sách giấy tờ không khớp thủ tục; hãy tải lại trang."))
        return _form_page(request, version, form, formset, units)
    components, unchecked = found
    data = form.cleaned_data
    opening = data["opening"]
    missing = lines(data["missing"]) or (unchecked if opening == Action.REQUEST_SUPPLEMENT else [])
    unit = next(u for u in units if u.pk == data["unit"])
    try:
        dossier = dossier_open(
            actor=request.user,
            unit=unit,
            version=version,
            applicant=ApplicantInput(
                kind=data["kind"],
                identifier=data["identifier"],
                name=data["name"],
                address=data["address"],
                phone=data["phone"],
                email=data["email"],
            ),
            channel=data["channel"],
            return_channel=data["return_channel"],
            components=components,
            sets=data["sets"],
            opening=Opening(action=opening, missing=missing, reason=data["reason"]),
            idempotency_key=data["idempotency_key"],
        )
    except ApplicationError as exc:
        form_error(form, exc)
        return _form_page(request, version, form, formset, units)
    messages.success(request, DONE.get(dossier.status, DONE[Status.RECEIVED]) % {"code": dossier.code})
    return redirect("dossiers:detail", code=dossier.code)
