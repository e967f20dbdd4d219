"""A draft's parts the import could not read: channels with their time limits, fees, required documents
and their form templates. Each page saves through the parts services; nothing is saved when one refuses."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.forms import BaseFormSet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import EDIT
from motcua.catalog.forms import (
    ChannelFormSet,
    DocumentFormSet,
    FeeFormSet,
    TemplateUploadForm,
    amount_text,
)
from motcua.catalog.models import ProcedureVersion, RequiredDocument
from motcua.catalog.selectors import IN_FORCE
from motcua.catalog.services.parts import (
    MAX_TEMPLATE_BYTES,
    TEMPLATE_TYPES,
    ChannelInput,
    DocumentInput,
    FeeInput,
    document_template_attach,
    version_channels_set,
    version_documents_set,
    version_fees_set,
)
from motcua.catalog.views.common import detail_url, not_draft, problems_labelled, require, version_or_404
from motcua.common.errors import ApplicationError


def _problems(version: ProcedureVersion, *kinds: str) -> list[dict[str, str]]:
    return [p for p in problems_labelled(version.import_problems) if p.get("kind") in kinds]


def _refused(request: HttpRequest, version: ProcedureVersion, exc: ApplicationError) -> HttpResponse | None:
    """A version published meanwhile goes back to its page; any other refusal stays on the form."""
    if exc.code == "version_not_draft":
        messages.error(request, exc.message)
        return redirect(detail_url(version))
    return None


# -- channels and fees ----------------------------------------------------------------------------


def _channel_rows(formset: BaseFormSet) -> list[ChannelInput]:
    return [
        ChannelInput(
            d["channel"], d["time_limit_value"], d["time_limit_unit"], d["time_limit_note"], d["description"]
        )
        for d in (form.cleaned_data for form in formset.forms)
        if d and not d.get("DELETE")
    ]


def _fee_rows(formset: BaseFormSet) -> list[FeeInput]:
    """A new row left blank is dropped; an existing row stays even when still unknown, and keeps the
    imported text it came from."""
    rows = []
    for i, form in enumerate(formset.forms):
        d = form.cleaned_data
        if d.get("DELETE"):
            continue
        filled = d.get("free") is not None or d.get("amount") is not None or d.get("per") or d.get("note")
        if i >= formset.initial_form_count() and not filled:
            continue
        rows.append(
            FeeInput(
                d.get("channel", ""),
                d.get("free"),
                d.get("amount"),
                d.get("per", ""),
                d.get("note", ""),
                keep_id=d.get("keep_id"),
            )
        )
    return rows


@login_required
def version_channels(request: HttpRequest, code: str, number: int) -> HttpResponse:
    require(request, EDIT)
    version = version_or_404(code, number)
    if not version.editable:
        return not_draft(request, version)
    current = list(version.channels.all())
    fees_now = list(version.fees.all())
    data = request.POST if request.method == "POST" else None
    channels = ChannelFormSet(
        data,
        prefix="channels",
        initial=[
            {
                "channel": c.channel,
                "time_limit_value": None if c.time_limit_value is None else c.time_limit_value.normalize(),
                "time_limit_unit": c.time_limit_unit,
                "time_limit_note": c.time_limit_note,
                "description": c.description,
            }
            for c in current
        ],
    )
    fees = FeeFormSet(
        data,
        prefix="fees",
        initial=[
            {
                "keep_id": f.pk,
                "channel": f.channel,
                "free": f.free,
                "amount": amount_text(f.amount),
                "per": f.per,
                "note": f.note,
            }
            for f in fees_now
        ],
    )
    refusal = ""
    if data is not None and channels.is_valid() and fees.is_valid():
        try:
            # one page, one save: a refused fee must not leave the channels half-saved
            with transaction.atomic():
                version_channels_set(actor=request.user, version=version, channels=_channel_rows(channels))
                version_fees_set(actor=request.user, version=version, fees=_fee_rows(fees))
        except ApplicationError as exc:
            refusal = exc.message
            if (response := _refused(request, version, exc)) is not None:
                return response
        else:
            messages.success(
                request,
                _("Đã lưu cách thức thực hiện và phí, lệ phí của phiên bản %(number)s.") % {"number": number},
            )
            return redirect(detail_url(version))
    raw_by_channel = {c.channel: c.time_limit_raw for c in current}
    context: dict[str, Any] = {
        "version": version,
        "channels": channels,
        "fees": fees,
        "channel_rows": [(form, raw_by_channel.get(form["channel"].value() or "", "")) for form in channels],
        "fee_rows": [(form, fees_now[i].raw if i < len(fees_now) else "") for i, form in enumerate(fees)],
        "problems": _problems(version, "channels", "time_limit", "fee"),
        "refusal": refusal,
    }
    return render(request, "catalog/channels.html", context)


# -- required documents and their form templates --------------------------------------------------


def _document_rows(formset: BaseFormSet) -> list[DocumentInput]:
    """Rows in the order the officer numbered them; unnumbered rows after, as they stand."""
    rows = []
    for i, form in enumerate(formset.forms):
        d = form.cleaned_data
        if not d.get("name") or d.get("DELETE"):
            continue
        document = DocumentInput(
            name=d["name"],
            group=d["group"],
            originals=d["originals"],
            certified_copies=d["certified_copies"],
            copies=d["copies"],
            reuse_source=d["reuse_source"],
            keep_id=d["keep_id"],
        )
        rows.append((d.get("ORDER") is None, d.get("ORDER") or 0, i, document))
    return [row[-1] for row in sorted(rows, key=lambda row: row[:3])]


def _file_name(document: RequiredDocument | None) -> str:
    return PurePath(document.template_file.name or "").name if document and document.template_file else ""


@login_required
def version_documents(request: HttpRequest, code: str, number: int) -> HttpResponse:
    require(request, EDIT)
    version = version_or_404(code, number)
    if not version.editable:
        return not_draft(request, version)
    current = {d.pk: d for d in version.documents.all()}
    formset = DocumentFormSet(
        request.POST if request.method == "POST" else None,
        prefix="documents",
        initial=[
            {
                "keep_id": d.pk,
                "group": d.group,
                "name": d.name,
                "originals": d.originals,
                "certified_copies": d.certified_copies,
                "copies": d.copies,
                "reuse_source": d.reuse_source,
            }
            for d in current.values()
        ],
    )
    refusal = ""
    if request.method == "POST" and formset.is_valid():
        try:
            version_documents_set(actor=request.user, version=version, documents=_document_rows(formset))
        except ApplicationError as exc:
            refusal = exc.message
            if (response := _refused(request, version, exc)) is not None:
                return response
        else:
            messages.success(
                request, _("Đã lưu thành phần hồ sơ của phiên bản %(number)s.") % {"number": number}
            )
            return redirect("catalog:documents", code=code, number=number)

    def kept(form: Any) -> RequiredDocument | None:
        value = str(form["keep_id"].value() or "")
        return current.get(int(value)) if value.isdigit() else None

    context: dict[str, Any] = {
        "version": version,
        "formset": formset,
        "rows": [(form, doc, _file_name(doc)) for form in formset for doc in [kept(form)]],
        "documents": list(current.values()),
        "accept": ",".join(sorted(TEMPLATE_TYPES)),
        "max_mb": MAX_TEMPLATE_BYTES // (1024 * 1024),
        "problems": _problems(version, "documents"),
        "refusal": refusal,
    }
    return render(request, "catalog/documents.html", context)


@login_required
@require_POST
def document_template(request: HttpRequest, code: str, number: int, pk: int) -> HttpResponse:
    require(request, EDIT)
    version = version_or_404(code, number)
    if not version.editable:
        return not_draft(request, version)
    document = get_object_or_404(RequiredDocument, pk=pk, version=version)
    back = f"{reverse('catalog:documents', args=[code, number])}#document-{document.pk}"
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("file", [])))
        return redirect(back)
    try:
        document = document_template_attach(
            actor=request.user, document=document, file=form.cleaned_data["file"]
        )
    except ApplicationError as exc:
        if (response := _refused(request, version, exc)) is not None:
            return response
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(
        request,
        _("Đã tải lên mẫu “%(file)s” cho giấy tờ “%(name)s”.")
        % {"file": _file_name(document), "name": document.name[:80]},
    )
    return redirect(back)


def document_template_file(request: HttpRequest, code: str, number: int, pk: int) -> FileResponse:
    """The form a citizen fills in: public with the published procedure; a draft's only for its editors."""
    version = version_or_404(code, number)
    if version.status not in IN_FORCE and not has_perm_somewhere(request.user, EDIT):
        raise Http404(_("Không tìm thấy tệp"))
    document = get_object_or_404(RequiredDocument, pk=pk, version=version)
    if not document.template_file:
        raise Http404(_("Không tìm thấy tệp"))
    try:
        handle = document.template_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Không tìm thấy tệp")) from exc
    return FileResponse(handle, as_attachment=True, filename=_file_name(document))
