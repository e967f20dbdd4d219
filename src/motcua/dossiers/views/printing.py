"""Printing the one-stop forms of a dossier (Mẫu 01–05) and a unit's tracking book (Mẫu 06) as PDF or
DOCX. The data comes from `printing.build`, the layout from `printing.render`: this only serves them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import units_visible
from motcua.common.errors import ApplicationError
from motcua.core.form_sets import FormKind, form_name
from motcua.dossiers import printing
from motcua.dossiers.enums import RECEIVE, Action
from motcua.dossiers.forms import BookForm
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import sees_identity
from motcua.dossiers.views.common import UNIT_CHOICES_MAX, dossier_or_404, unit_choices

# what the dossier page calls each form (the full titles are printed on the form itself)
SHORT_NAMES = {
    FormKind.RECEIPT: gettext_lazy("Giấy tiếp nhận"),
    FormKind.SUPPLEMENT_REQUEST: gettext_lazy("Phiếu yêu cầu bổ sung"),
    FormKind.REFUSAL: gettext_lazy("Phiếu từ chối"),
    FormKind.APOLOGY: gettext_lazy("Phiếu xin lỗi, hẹn lại"),
    FormKind.STOP_NOTICE: gettext_lazy("Thông báo dừng giải quyết"),
    FormKind.CONTROL_SLIP: gettext_lazy("Phiếu kiểm soát"),
}


def _kinds(dossier: Dossier, events: list[DossierEvent]) -> list[FormKind]:
    """The forms this dossier has had a reason to print, in the order they arose."""
    done = {e.action for e in events}
    kinds = []
    if {Action.REQUEST_SUPPLEMENT, Action.FIND_INCOMPLETE} & done:
        kinds.append(FormKind.SUPPLEMENT_REQUEST)
    if {Action.REFUSE, Action.REJECT} & done:
        kinds.append(FormKind.REFUSAL)
    if Action.RECEIVE in done:
        kinds[:0] = [FormKind.RECEIPT]
        kinds.append(FormKind.CONTROL_SLIP)
    if dossier.apologised_at is not None:
        kinds.append(FormKind.APOLOGY)
    return kinds


def print_links(dossier: Dossier, events: list[DossierEvent]) -> list[dict[str, Any]]:
    day = timezone.localtime(dossier.received_at).date()
    links = []
    for kind in _kinds(dossier, events):
        try:
            number = form_name(kind, day).number
        except ValueError:  # the form set of that day has no such form
            continue
        links.append(
            {
                "kind": kind,
                "label": _("In %(name)s (Mẫu %(number)s)") % {"name": SHORT_NAMES[kind], "number": number},
                "pdf": reverse("dossiers:print", args=[dossier.code, kind, "pdf"]),
                "docx": reverse("dossiers:print", args=[dossier.code, kind, "docx"]),
            }
        )
    return links


def _file(form: Any, fmt: str) -> HttpResponse:
    response = HttpResponse(printing.render(form, fmt), content_type=printing.content_type(fmt))
    # a PDF opens in the browser, ready to print; a DOCX is saved to be edited
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{printing.filename(form, fmt)}"'
    return response


@login_required
def dossier_print(request: HttpRequest, code: str, kind: str, fmt: str) -> HttpResponse:
    dossier = dossier_or_404(request.user, code)
    if kind not in SHORT_NAMES or fmt not in printing.CONTENT_TYPES:
        raise Http404(_("Không có biểu mẫu này"))
    if not sees_identity(request.user, dossier):  # the forms carry the applicant's details and rating link
        raise PermissionDenied(_("Chỉ cán bộ tiếp nhận, giải quyết hồ sơ được in biểu mẫu của hồ sơ."))
    from motcua.dossiers.printing import build  # WeasyPrint and python-docx load only when printing

    try:
        form = build.form_for(dossier, kind, base_url=request.build_absolute_uri("/"))
    except (ApplicationError, ValueError) as exc:  # NotPrintable: no apology was sent, …
        messages.error(request, _("Không in được: %(why)s.") % {"why": getattr(exc, "message", str(exc))})
        return redirect("dossiers:detail", code=dossier.code)
    return _file(form, fmt)


@login_required
def tracking_book(request: HttpRequest) -> HttpResponse:
    """Mẫu 06 of a unit the user may see, for a period: the form, or the file when the form is filled."""
    # the book lists applicants with their addresses: the one-stop section's own record
    units = list(units_visible(request.user, RECEIVE).order_by("depth", "name")[:UNIT_CHOICES_MAX])
    if not units:
        raise PermissionDenied(_("Bạn không có quyền xem sổ theo dõi hồ sơ."))
    today = timezone.localdate()
    if "unit" in request.GET:
        form = BookForm(request.GET, units=unit_choices(units))
        if form.is_valid():
            from motcua.dossiers.printing import build

            unit = next(u for u in units if u.pk == form.cleaned_data["unit"])
            start: dt.date = form.cleaned_data["from"]
            end: dt.date = form.cleaned_data["to"]
            return _file(build.book_for(unit, start, end), form.cleaned_data["format"])
    else:
        form = BookForm(
            units=unit_choices(units),
            initial={"unit": units[0].pk, "from": today.replace(day=1), "to": today, "format": "pdf"},
        )
    return render(request, "dossiers/book.html", {"form": form})
