from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from motcua.accounts.access import has_perm_somewhere, restrict_by_unit_id
from motcua.common.models import AuditEvent

PERM = "common.view_auditevent"


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The audit trail of the units the user oversees, newest first."""
    if not has_perm_somewhere(request.user, PERM):
        raise PermissionDenied(_("Bạn không có quyền xem nhật ký thao tác."))
    events = restrict_by_unit_id(AuditEvent.objects.all(), request.user, PERM)
    operation = request.GET.get("operation", "").strip()
    if operation:
        events = events.filter(operation=operation)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(request, "common/audit.html", {"page": page, "operation": operation})
