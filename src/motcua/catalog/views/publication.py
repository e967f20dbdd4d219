"""Publication decisions and what each one-stop section receives."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can, has_perm_somewhere, scope_for
from motcua.catalog.enums import DECIDE, OFFER, RECORD
from motcua.catalog.forms import (
    DecisionForm,
    OfferingsForm,
    PublicationItemForm,
)
from motcua.catalog.models import PublicationDecision, PublicationItem
from motcua.catalog.selectors import (
    decisions_with_counts,
    offered_versions,
    offering_counts,
    offerings_of,
    publication_checks,
)
from motcua.catalog.services.publication import (
    offerings_set,
    publication_decision_create,
    publication_item_update,
)
from motcua.catalog.views.common import OFFERING_KINDS, form_error
from motcua.common.errors import ApplicationError
from motcua.units.models import Unit

# -- publication decisions ------------------------------------------------------------------------


def _require_publications(request: HttpRequest) -> None:
    if not (has_perm_somewhere(request.user, DECIDE) or has_perm_somewhere(request.user, RECORD)):
        raise PermissionDenied(_("Bạn không có quyền xem các quyết định công bố."))


@login_required
def publications(request: HttpRequest) -> HttpResponse:
    _require_publications(request)
    can_create = has_perm_somewhere(request.user, DECIDE)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not can_create:
            raise PermissionDenied(_("Bạn không có quyền ghi quyết định công bố."))
        if form.is_valid():
            data = form.cleaned_data
            try:
                decision = publication_decision_create(
                    actor=request.user,
                    number=data["number"],
                    signed_on=data["signed_on"],
                    issuer=data["issuer"],
                    issuer_level=data["issuer_level"],
                    title=data["title"],
                    items=form.items(),
                    legal_effective_on=data["legal_effective_on"],
                )
            except ApplicationError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi quyết định %(number)s.") % {"number": decision.number})
                return redirect("catalog:publication", pk=decision.pk)
    decisions = decisions_with_counts()
    return render(
        request, "catalog/publications.html", {"decisions": decisions, "form": form, "can_create": can_create}
    )


@login_required
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_publications(request)
    decision = get_object_or_404(PublicationDecision, pk=pk)
    can_record = has_perm_somewhere(request.user, RECORD)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(_("Bạn không có quyền ghi ngày công khai."))
        form = PublicationItemForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ngày giờ không hợp lệ; hãy ghi theo dạng ngày/tháng/năm giờ:phút."))
            return redirect("catalog:publication", pk=decision.pk)
        item = get_object_or_404(
            PublicationItem.objects.select_related("procedure"),
            pk=form.cleaned_data["item"],
            decision=decision,
        )
        try:
            publication_item_update(
                actor=request.user,
                item=item,
                made_public_at=form.cleaned_data["made_public_at"],
                legal_effective_on=form.cleaned_data["legal_effective_on"],
            )
        except ApplicationError as exc:
            messages.error(request, f"{item.procedure.code}: {exc.message}")
        else:
            messages.success(request, _("Đã ghi ngày của thủ tục %(code)s.") % {"code": item.procedure.code})
        return redirect("catalog:publication", pk=decision.pk)
    rows = [
        (
            check,
            PublicationItemForm(
                initial={
                    "item": check.item.pk,
                    "made_public_at": check.item.made_public_at,
                    "legal_effective_on": check.item.legal_effective_on,
                },
                auto_id=f"id_%s_{check.item.pk}",
            ),
        )
        for check in publication_checks(decision)
    ]
    return render(
        request, "catalog/publication.html", {"decision": decision, "rows": rows, "can_record": can_record}
    )


# -- offerings ------------------------------------------------------------------------------------


@login_required
def offering_units(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user, OFFER)
    if scope.empty:
        raise PermissionDenied(_("Bạn không có quyền sửa danh mục tiếp nhận."))
    units = Unit.objects.filter(scope.unit_q()).filter(kind__in=OFFERING_KINDS).order_by("path")
    counts = offering_counts(units)
    today = timezone.localdate()
    rows = [(u, counts.get(u.pk, 0), u.valid_to is not None and u.valid_to < today) for u in units]
    return render(request, "catalog/offering_units.html", {"rows": rows})


@login_required
def offerings(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not can(request.user, OFFER, unit):
        raise Http404(_("Không tìm thấy đơn vị"))
    current = offerings_of(unit)
    form = OfferingsForm(
        request.POST or None, initial={"codes": "\n".join(o.procedure.code for o in current)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = offerings_set(actor=request.user, unit=unit, codes=form.cleaned_data["codes"])
        except ApplicationError as exc:
            form.add_error("codes", exc.message)
        else:
            messages.success(
                request,
                _("Đã lưu %(count)s thủ tục tiếp nhận tại %(unit)s.")
                % {"count": len(saved), "unit": unit.name},
            )
            return redirect("catalog:offerings", unit_pk=unit.pk)
    live = {v.procedure_id for v in offered_versions([unit.pk], on=timezone.localdate())}
    rows = [(o.procedure, o.procedure_id in live) for o in current]
    return render(request, "catalog/offerings.html", {"unit": unit, "form": form, "rows": rows})
