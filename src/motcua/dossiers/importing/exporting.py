"""Exporting dossiers in the columns of the import file, so that an export imports again into the same
dossiers (on another installation, or after a restore)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.common.xlsx import append_text_row
from motcua.dossiers.enums import Action
from motcua.dossiers.importing.columns import NAMES
from motcua.dossiers.models import Dossier, DossierEvent, DossierResult, Payment

_EVENTS = (
    Action.REQUEST_SUPPLEMENT,
    Action.FIND_INCOMPLETE,
    Action.SUPPLEMENT,
    Action.SUPPLEMENT_AFTER_APPRAISAL,
    Action.APPROVE,
    Action.REFUSE,
    Action.WITHDRAW,
)


def export_queryset(
    *, unit_code: str = "", start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[Dossier]:
    """The dossiers received by the units with this code (every period), between two days (included)."""
    rows = Dossier.objects.all()
    if unit_code:
        rows = rows.filter(Q(unit__code=unit_code) | Q(unit__edoc_code=unit_code))
    if start:
        rows = rows.filter(received_at__date__gte=start)
    if end:
        rows = rows.filter(received_at__date__lte=end)
    return (
        rows.select_related(
            "unit", "processing_unit", "procedure_version__procedure", "applicant", "received_by", "assignee"
        )
        .prefetch_related(
            Prefetch(
                "events",
                queryset=DossierEvent.objects.filter(action__in=_EVENTS)
                .select_related("actor")
                .order_by("number"),
            ),
            Prefetch("payments", queryset=Payment.objects.order_by("paid_at", "id")),
            Prefetch("results", queryset=DossierResult.objects.order_by("number")),
            "rating",
        )
        .annotate(
            n_components=Count("components"),
            n_digitised=Count("components", filter=Q(components__digitised=True)),
            n_reused=Count("components", filter=~Q(components__reuse_source="")),
        )
        .order_by("received_at", "id")
    )


def export_rows(dossiers: QuerySet[Dossier]) -> Iterator[dict[str, str]]:
    for dossier in dossiers.iterator(chunk_size=1000):
        yield _row(dossier)


def _time(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%Y-%m-%d %H:%M:%S}" if local.second else f"{local:%Y-%m-%d %H:%M}"


def _username(user: Any) -> str:
    return str(user.username) if user is not None else ""


def _row(d: Any) -> dict[str, str]:
    events = list(d.events.all())

    def first(*actions: str) -> DossierEvent | None:
        return next((e for e in events if e.action in actions), None)

    requested = first(Action.REQUEST_SUPPLEMENT, Action.FIND_INCOMPLETE)
    supplemented = first(Action.SUPPLEMENT, Action.SUPPLEMENT_AFTER_APPRAISAL)
    approved = first(Action.APPROVE)
    closing = first(Action.REFUSE, Action.WITHDRAW)
    payment = next(iter(d.payments.all()), None)
    result = next(iter(d.results.all()), None)
    try:
        rating = d.rating.satisfaction
    except Dossier.rating.RelatedObjectDoesNotExist:
        rating = ""
    processing = d.processing_unit.code if d.processing_unit_id != d.unit_id else ""
    return {
        "code": d.code,
        "unit_code": d.unit.code,
        "processing_unit_code": processing,
        "procedure_code": d.procedure_version.procedure.code if d.procedure_version else "",
        "applicant_kind": d.applicant.kind,
        "applicant_identifier": d.applicant.identifier,
        "applicant_name": d.applicant_name,
        "applicant_address": d.applicant_address,
        "applicant_phone": d.applicant_phone,
        "applicant_email": d.applicant_email,
        "channel": d.channel,
        "return_channel": d.return_channel,
        "status": d.status,
        "received_at": _time(d.received_at),
        "due_at": _time(d.due_at),
        "received_by": _username(d.received_by),
        "assignee": _username(d.assignee),
        "approved_by": _username(approved.actor if approved else None),
        "transferred_at": _time(d.transferred_at),
        "supplement_requested_at": _time(requested.occurred_at if requested else None),
        "supplement_received_at": _time(supplemented.occurred_at if supplemented else None),
        "apologised_at": _time(d.apologised_at),
        "appointment_at": _time(d.appointment_at),
        "finished_at": _time(d.finished_at),
        "result_kind": d.result_kind,
        "e_result_code": result.code if result else "",
        "returned_at": _time(d.returned_at),
        "fee_amount": f"{d.fee_amount:.0f}",
        "fee_waived_reason": d.fee_waived_reason,
        "paid_at": _time(payment.paid_at if payment else None),
        "paid_online": "1" if d.paid_online else "0",
        "components": str(d.n_components),
        "digitised_components": str(d.n_digitised),
        "reused_components": str(d.n_reused),
        "rating": rating,
        "note": closing.note if closing else "",
    }


def to_csv(rows: Iterable[dict[str, str]]) -> bytes:
    """UTF-8 with a byte-order mark, which spreadsheet programs need to show Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=NAMES, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Iterable[dict[str, str]]) -> bytes:
    from openpyxl import Workbook  # a heavy import, needed for this format only

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "ho_so"
    sheet.append(list(NAMES))
    for row in rows:
        append_text_row(sheet, [row[name] for name in NAMES])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
