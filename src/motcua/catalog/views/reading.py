"""Public reading: list and search, a procedure, export, the notice sheet."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import has_perm_somewhere
from motcua.catalog.enums import DECIDE, EDIT, IMPORT, OFFER, PUBLISH, RECORD, VersionStatus
from motcua.catalog.exports import catalog_json, catalog_xlsx
from motcua.catalog.forms import (
    PublishForm,
)
from motcua.catalog.models import Procedure, ProcedureVersion
from motcua.catalog.selectors import (
    IN_FORCE,
    SearchPage,
    fields_in_use,
    offered_versions,
    prefetch_live,
    procedure_search,
    procedures_live_on,
    version_live,
    version_missing_content,
    versions_with_parts,
)
from motcua.catalog.views.common import PAGE_SIZE, format_amounts, problems_labelled, process_limit
from motcua.core.catalog_text import search_key
from motcua.units.models import Unit

# -- reading: public ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ListRow:
    procedure: Procedure
    version: ProcedureVersion | None  # the version in force, else (for staff) the draft
    live: bool
    draft: ProcedureVersion | None
    problems: int


def _list_rows(procedures: list[Procedure], *, staff: bool) -> list[ListRow]:
    ids = [p.pk for p in procedures]
    with_live = Procedure.objects.filter(pk__in=ids).prefetch_related(prefetch_live(timezone.localdate()))
    live = {p.pk: (p.live_versions[0] if p.live_versions else None) for p in with_live}  # type: ignore[attr-defined]
    drafts = (
        {
            v.procedure_id: v
            for v in ProcedureVersion.objects.filter(procedure_id__in=ids, status=VersionStatus.DRAFT)
        }
        if staff
        else {}
    )
    rows = []
    for procedure in procedures:
        shown, draft = live.get(procedure.pk), drafts.get(procedure.pk)
        source = draft or shown  # an import leaves its problems on the draft it made
        rows.append(
            ListRow(
                procedure=procedure,
                version=shown or draft,
                live=shown is not None,
                draft=draft,
                problems=len(source.import_problems) if source and staff else 0,
            )
        )
    return rows


def procedure_list(request: HttpRequest) -> HttpResponse:
    staff = has_perm_somewhere(request.user, EDIT)
    query = request.GET.get("q", "").strip()[:200]
    field = request.GET.get("field", "").strip()
    wanted = request.GET.get("page", "")
    number = int(wanted) if wanted.isdigit() and int(wanted) > 0 else 1

    def search(page_number: int) -> SearchPage:
        offset = (page_number - 1) * PAGE_SIZE
        return procedure_search(query, field=field, limit=PAGE_SIZE, offset=offset, published_only=not staff)

    found = search(number)
    page = Paginator(range(found.total), PAGE_SIZE).get_page(number)  # numbering and links only
    if page.number != number:  # past the last page: show the last one
        found = search(page.number)
    return render(
        request,
        "catalog/list.html",
        {
            "rows": _list_rows([h.procedure for h in found.hits], staff=staff),
            "page": page,
            "total": found.total,
            "q": query,
            "field": field,
            "fields": fields_in_use(),
            "staff": staff,
            "can_import": has_perm_somewhere(request.user, IMPORT),
            "can_decide": has_perm_somewhere(request.user, DECIDE)
            or has_perm_somewhere(request.user, RECORD),
            "can_offer": has_perm_somewhere(request.user, OFFER),
        },
    )


def procedure_detail(request: HttpRequest, code: str) -> HttpResponse:
    procedure = get_object_or_404(Procedure, code=code)
    staff = has_perm_somewhere(request.user, EDIT)
    versions = list(procedure.versions.order_by("-number"))
    visible = versions if staff else [v for v in versions if v.status in IN_FORCE]
    live = version_live(procedure)
    wanted = request.GET.get("v", "")
    if wanted.isdigit():
        shown = next((v for v in visible if v.number == int(wanted)), None)
    else:
        shown = live or next(iter(visible), None)
    if shown is None:
        raise Http404(_("Không tìm thấy thủ tục"))
    version = versions_with_parts().get(pk=shown.pk)
    format_amounts([version])
    steps = list(version.steps.all())
    context: dict[str, Any] = {
        "procedure": procedure,
        "version": version,
        "live": live,
        "versions": visible,
        "steps": steps,
        "steps_total": sum((s.hours for s in steps), Decimal(0)),
        "limit": process_limit(version),
        "staff": staff,
    }
    if staff:
        context.update(
            draft=next((v for v in versions if v.status == VersionStatus.DRAFT), None),
            problems=problems_labelled(version.import_problems),
            missing=version_missing_content(version),
            raw=sorted(version.source_raw.items()),
            can_publish=has_perm_somewhere(request.user, PUBLISH),
            publish_form=PublishForm(),
        )
    return render(request, "catalog/detail.html", context)


def catalog_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The versions in force today, for everyone: the same public information the pages show."""
    versions = procedures_live_on(timezone.localdate())
    name = f"danh-muc-tthc-{timezone.localdate():%Y-%m-%d}.{fmt}"
    if fmt == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(catalog_xlsx(versions), content_type=content_type)
    elif fmt == "json":
        response = HttpResponse(catalog_json(versions), content_type="application/json; charset=utf-8")
    else:
        raise Http404(_("Chỉ xuất được Excel (xlsx) hoặc JSON."))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def offering_notice(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The printable list a one-stop section posts (niêm yết, plan task 7): what it receives, in force today."""
    unit = get_object_or_404(Unit, pk=unit_pk)
    today = timezone.localdate()
    versions = sorted(
        offered_versions([unit.pk], on=today), key=lambda v: (search_key(v.field), v.procedure.code)
    )
    format_amounts(versions)
    return render(request, "catalog/notice.html", {"unit": unit, "versions": versions, "today": today})
