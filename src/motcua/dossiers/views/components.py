"""The files of a dossier's components, from the dossier page: upload one, digitise the paper (the
officer's signed scan and the data read from it), or take it from the applicant's data store instead
(reuse). Each is one call of the document store's services, which check the officer and the dossier."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from motcua.common.errors import ApplicationError
from motcua.documents.enums import LinkRole
from motcua.documents.models import DossierDocument
from motcua.documents.selectors import dossier_components
from motcua.documents.services import component_attach, component_digitise, component_reuse
from motcua.dossiers.forms import COMPONENT_FORMS, component_form
from motcua.dossiers.views.common import dossier_or_404, form_error
from motcua.dossiers.views.detail import dossier_page, stored_versions

Call = Callable[[Any, DossierDocument, dict[str, Any]], DossierDocument]

CALLS: dict[str, Call] = {
    "tai-len": lambda actor, c, data: component_attach(actor=actor, component=c, file=data["file"]),
    "so-hoa": lambda actor, c, data: component_digitise(
        actor=actor, component=c, file=data["file"], extracted=data["extracted"] or None
    ),
    "tai-su-dung": lambda actor, c, data: component_reuse(
        actor=actor, component=c, version_id=data["version"], source=data["source"]
    ),
}
assert CALLS.keys() == COMPONENT_FORMS.keys()


@login_required
@require_POST
def dossier_component(request: HttpRequest, code: str, component_id: int, operation: str) -> HttpResponse:
    """One operation on a component's file; a refusal shows its message on the page and changes nothing.
    A component of another dossier, or a result, is not found here."""
    dossier = dossier_or_404(request.user, code)
    if operation not in CALLS:
        raise Http404(_("Không có thao tác này"))
    component = dossier_components(dossier).exclude(role=LinkRole.RESULT).filter(pk=component_id).first()
    if component is None:
        raise Http404(_("Không tìm thấy thành phần hồ sơ"))
    form = component_form(operation, component.pk, stored_versions(dossier), request.POST, request.FILES)
    failed = (component.pk, operation, form)
    if not form.is_valid():
        refusal = _("Thông tin chưa hợp lệ; hãy xem lại.")
        return dossier_page(request, dossier, component=failed, refusal=refusal, status=400)
    try:
        CALLS[operation](request.user, component, form.cleaned_data)
    except ApplicationError as exc:
        form_error(form, exc)
        status = 403 if exc.code == "forbidden" else 400
        return dossier_page(request, dossier, component=failed, refusal=exc.message, status=status)
    messages.success(
        request,
        _("Đã cập nhật giấy tờ “%(name)s”: %(done)s.") % {"name": component.name[:200], "done": form.title},
    )
    return redirect(reverse("dossiers:detail", args=[dossier.code]) + "#components")
