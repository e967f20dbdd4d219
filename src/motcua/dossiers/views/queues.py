"""The officer's work queues: keyset pages in due order ("Trang sau", never page numbers), counts capped
(never an exact count through the permission joins: the Open Zaak lesson)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from motcua.accounts.access import has_perm_somewhere
from motcua.dossiers.enums import PROCESS, RECEIVE, VIEW, Alert, Status
from motcua.dossiers.selectors import COUNT_CAP, QUEUE_VIEWS, work_queue
from motcua.dossiers.workflow import CLOCK_STOPPED

PAGE_SIZE = 50
TABS = {
    "mine": gettext_lazy("Của tôi"),
    "unit": gettext_lazy("Của đơn vị"),
    "counter": gettext_lazy("Tại Bộ phận Một cửa"),
    "due_soon": gettext_lazy("Sắp đến hạn"),
    "overdue": gettext_lazy("Quá hạn"),
}


def _default_view(user: Any) -> str:
    if has_perm_somewhere(user, PROCESS):
        return "mine"
    if has_perm_somewhere(user, RECEIVE):
        return "counter"
    return "unit"


def _row(row: dict[str, Any], now: Any) -> dict[str, Any]:
    running = row["status"] not in CLOCK_STOPPED
    overdue = running and (row["due_at"] < now or row["alert"] == Alert.OVERDUE)
    return {
        **row,
        "status_label": Status(row["status"]).label,
        "due_state": "overdue" if overdue else ("due-soon" if row["alert"] == Alert.DUE_SOON else ""),
    }


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    if not has_perm_somewhere(request.user, VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem hồ sơ."))
    view = request.GET.get("view", "")
    if view not in QUEUE_VIEWS:
        view = _default_view(request.user)
    status = request.GET.get("status", "")
    if status not in Status.values:
        status = ""
    procedure = request.GET.get("procedure", "").strip()[:40]
    search = request.GET.get("q", "").strip()[:100]
    cursor = request.GET.get("cursor", "")[:200]
    now = timezone.now()
    page = work_queue(
        request.user,
        view=view,
        status=status,
        procedure_code=procedure,
        search=search,
        cursor=cursor,
        limit=PAGE_SIZE,
        now=now,
    )
    return render(
        request,
        "dossiers/queue.html",
        {
            "tabs": list(TABS.items()),
            "view": view,
            "status": status,
            "statuses": Status.choices,
            "procedure": procedure,
            "q": search,
            "cursor": cursor,
            "rows": [_row(r, now) for r in page.rows],
            "next_cursor": page.next_cursor,
            "total": f"{COUNT_CAP}+" if page.capped else str(page.count),
            "can_receive": has_perm_somewhere(request.user, RECEIVE),
        },
    )
