"""What every review page needs: the objects a user may see (404 otherwise), and the units they may act for."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from motcua.accounts.access import can, scope_for
from motcua.common.errors import ApplicationError
from motcua.reviews.models import ReviewCampaign, ReviewRecord
from motcua.reviews.selectors import campaigns_visible, records_visible
from motcua.units.enums import TERRITORIAL_KINDS
from motcua.units.models import Unit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def campaign_for(request: HttpRequest, pk: int, *, perm: str = "") -> ReviewCampaign:
    """A campaign the user may see (404 otherwise) and, with `perm`, act on (403 otherwise)."""
    campaign = campaigns_visible(request.user).filter(pk=pk).first()
    if campaign is None:
        raise Http404("Không tìm thấy đợt rà soát")
    if perm and not can(request.user, perm, campaign.unit):
        raise PermissionDenied
    return campaign


def record_for(request: HttpRequest, pk: int) -> ReviewRecord:
    """A record of one of the user's units (another unit's record does not exist for them)."""
    record = records_visible(request.user).filter(pk=pk).first()
    if record is None:
        raise Http404("Không tìm thấy phiếu rà soát")
    return record


def units_with(request: HttpRequest, perm: str, *, territorial: bool = False) -> list[Unit]:
    scope = scope_for(request.user, perm)
    if scope.empty:
        return []
    units = Unit.objects.filter(scope.unit_q()).order_by("path")
    if territorial:
        units = units.filter(kind__in=TERRITORIAL_KINDS)
    return list(units)


def pick(units: list[Unit], key: Any) -> Unit:
    """The unit the form chose, among those offered (the form already refused anything else)."""
    return next(u for u in units if str(u.pk) == str(key))


def refused(request: HttpRequest, exc: ApplicationError) -> None:
    messages.error(request, exc.message)


def download(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
