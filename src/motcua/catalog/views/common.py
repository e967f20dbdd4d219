"""What the catalogue pages share: permissions, lookups, display helpers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import Channel
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.services.versions import time_limit_of
from motcua.common.errors import ApplicationError
from motcua.core.catalog_rules import Fit, limit_hours
from motcua.core.deadlines import DEFAULT_RULES
from motcua.units.enums import TERRITORIAL_KINDS, UnitKind

PAGE_SIZE = 50
PROBLEM_KINDS = {
    "channels": gettext_lazy("Cách thức thực hiện"),
    "time_limit": gettext_lazy("Thời hạn giải quyết"),
    "fee": gettext_lazy("Phí, lệ phí"),
    "documents": gettext_lazy("Thành phần hồ sơ"),
    "legal_basis": gettext_lazy("Căn cứ pháp lý"),
    "results": gettext_lazy("Kết quả"),
}
OFFERING_KINDS = (*TERRITORIAL_KINDS, UnitKind.SERVICE_CENTRE)


def require(request: HttpRequest, perm: str) -> None:
    if not has_perm_somewhere(request.user, perm):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này trên danh mục thủ tục."))


def version_or_404(code: str, number: int) -> ProcedureVersion:
    return get_object_or_404(
        ProcedureVersion.objects.select_related("procedure"), procedure__code=code, number=number
    )


def detail_url(version: ProcedureVersion) -> str:
    return f"{reverse('catalog:detail', args=[version.procedure.code])}?v={version.number}"


def form_error(form: forms.Form, exc: ApplicationError) -> None:
    """The service's message, beside the input it names when the form has that input."""
    field = next((name for name in exc.fields if name in form.fields), None)
    form.add_error(field, exc.message)


def not_draft(request: HttpRequest, version: ProcedureVersion) -> HttpResponse:
    messages.error(
        request,
        _("Phiên bản %(number)s đã công bố, không sửa được; hãy tạo bản nháp mới.")
        % {"number": version.number},
    )
    return redirect(detail_url(version))


def problems_labelled(problems: list[dict[str, str]]) -> list[dict[str, str]]:
    channels = dict(Channel.choices)
    return [
        {
            **p,
            "kind_label": str(PROBLEM_KINDS.get(p.get("kind", ""), p.get("kind", ""))),
            "channel_label": str(channels.get(p.get("channel", ""), p.get("channel", ""))),
        }
        for p in problems
    ]


def format_amounts(versions: list[ProcedureVersion]) -> None:
    """Fee amounts grouped by thousands ("50.000"): Django's Vietnamese format sets no grouping."""
    for version in versions:
        for fee in version.fees.all():  # the prefetched rows the template shows
            text = "" if fee.amount is None else f"{fee.amount:,.0f}".replace(",", ".")
            setattr(fee, "amount_text", text)  # noqa: B010 - a display attribute, not a model field


@dataclass(frozen=True)
class ProcessLimit:
    hours: Decimal
    exact: bool  # True: the steps must add up to `hours`; False: they may not exceed it


def process_limit(version: ProcedureVersion) -> ProcessLimit | None:
    try:
        limit = time_limit_of(version.time_limit_value, version.time_limit_unit)
    except ApplicationError:
        return None
    if limit is None:
        return None
    hours, fit = limit_hours(limit, DEFAULT_RULES.hours_per_day)
    return ProcessLimit(hours=hours, exact=fit == Fit.EXACT)
