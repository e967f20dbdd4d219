from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can, has_perm_somewhere, restrict_by_unit_id, units_visible
from motcua.common.models import AuditEvent
from motcua.units.models import Unit
from motcua.units.nso import REFORM_DATE as NEW_FROM
from motcua.units.selectors import unit_match_name, unit_tree, unit_tree_size

VIEW = "units.view_unit"


def _on_date(request: HttpRequest) -> tuple[dt.date, str]:
    """The date asked for in ?on=YYYY-MM-DD, or today; a bad date falls back to today with a message."""
    raw = request.GET.get("on", "").strip()
    if not raw:
        return timezone.localdate(), ""
    try:
        return dt.date.fromisoformat(raw), ""
    except ValueError:
        message = _("Ngày “%(raw)s” không hợp lệ (cần dạng YYYY-MM-DD); đang hiển thị hôm nay.") % {
            "raw": raw
        }
        return timezone.localdate(), message


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    """The units the user may see, as they stood on the chosen date (2024 tree or the post-2025 tree)."""
    on, error = _on_date(request)
    visible = units_visible(request.user, VIEW)
    roots = unit_tree(on=on, units=visible)
    note = ""
    if not roots and not request.GET.get("on"):
        # Units that ended in a reorganisation (the 2024 tree) stay the user's history: show their last day.
        last_day = visible.aggregate(last=Max("valid_to"))["last"]
        if last_day is not None and last_day < on:
            on, roots = last_day, unit_tree(on=last_day, units=visible)
            note = _(
                "Các đơn vị bạn phụ trách đã hết hiệu lực; đang hiển thị ngày %(day)s, ngày cuối cùng chúng còn hiệu lực."
            ) % {"day": f"{last_day:%d/%m/%Y}"}
    context = {
        "note": note,
        "roots": roots,
        "count": unit_tree_size(roots),
        "on": on,
        "error": error,
        "presets": [
            (dt.date(2024, 6, 30), _("Năm 2024")),
            (NEW_FROM, _("Từ 01/07/2025")),
            (timezone.localdate(), _("Hôm nay")),
        ],
    }
    template = "units/_tree.html" if request.headers.get("HX-Request") else "units/tree.html"
    return render(request, template, context)


@login_required
def find(request: HttpRequest) -> HttpResponse:
    """Name search for the tree page: with or without diacritics, look-alike names are listed, never merged."""
    on, _error = _on_date(request)
    query = request.GET.get("q", "").strip()
    match = unit_match_name(query, on=on, units=units_visible(request.user, VIEW)) if query else None
    return render(request, "units/_matches.html", {"query": query, "match": match, "on": on})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = Unit.objects.select_related("parent").filter(pk=pk).first()
    if unit is None or not can(request.user, VIEW, unit):
        # Same answer for "does not exist" and "not yours": no leak of other units' existence.
        raise Http404("Không tìm thấy đơn vị")
    visible = units_visible(request.user, VIEW)
    events = None
    if has_perm_somewhere(request.user, "common.view_auditevent"):
        events = restrict_by_unit_id(
            AuditEvent.objects.filter(unit_id=unit.pk), request.user, "common.view_auditevent"
        )[:20]
    context = {
        "unit": unit,
        "children": visible.filter(parent=unit).order_by("kind", "code"),
        "predecessors": unit.predecessions.select_related("predecessor"),
        "successors": unit.successions.select_related("successor"),
        "events": events,
    }
    return render(request, "units/detail.html", context)
