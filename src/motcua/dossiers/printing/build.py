"""The forms of one dossier (and a unit's tracking book) filled from the database: the only place where
the printing package meets the models. Every value comes from the dossier, its events and its procedure
version, so a reprint years later shows what happened, under the form set of the dossier's date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from motcua.core.names import strip_division
from motcua.dossiers.enums import Action
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.printing.data import (
    Agency,
    Apology,
    Applicant,
    BookRow,
    Component,
    ControlRow,
    ControlSlip,
    Form,
    ReceiptSlip,
    Refusal,
    StopNotice,
    SupplementRequest,
    TrackingBook,
)
from motcua.dossiers.selectors import control_rows, timeline, tracking_book
from motcua.units.enums import UnitKind
from motcua.units.models import Unit

KINDS = ("receipt", "supplement_request", "refusal", "apology", "stop_notice", "control_slip")
_LIMIT_UNITS = {
    "working_days": "ngày làm việc",
    "working_hours": "giờ làm việc",
    "calendar_days": "ngày",
}


class NotPrintable(ValueError):
    """The dossier has no such form (no apology was sent, no supplement was asked, …)."""


def agency_of(unit: Unit) -> Agency:
    """The heading's left column: the people's committee above, the one-stop section below."""
    if unit.kind in (UnitKind.ONE_STOP, UnitKind.SERVICE_CENTRE) and unit.parent is not None:
        committee, section = unit.parent, unit.name
    else:
        committee, section = unit, "Bộ phận Tiếp nhận và Trả kết quả"
    return Agency(
        parent_name=f"UBND {committee.name}".upper(),
        name=section.upper(),
        place=strip_division(committee.name),
    )


def limit_text(value: Decimal, unit: str) -> str:
    if unit == "same_day":
        return "Trong ngày"
    number = f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return (
        f"{number.zfill(2) if value == value.to_integral_value() else number} {_LIMIT_UNITS.get(unit, unit)}"
    )


def _applicant(d: Dossier) -> Applicant:
    return Applicant(
        name=d.applicant_name, address=d.applicant_address, phone=d.applicant_phone, email=d.applicant_email
    )


def _local_day(moment: dt.datetime) -> dt.date:
    return timezone.localtime(moment).date()


def _last(events: list[DossierEvent], *actions: str) -> DossierEvent:
    found = [e for e in events if e.action in actions]
    if not found:
        raise NotPrintable("hồ sơ không có phiếu này")
    return found[-1]


def _matter(d: Dossier) -> str:
    return d.procedure_version.name if d.procedure_version else ""


def _component_counts(value: int) -> int | None:
    return value or None


def form_for(dossier: Dossier, kind: str, *, base_url: str) -> Form:
    """The form `kind` of a dossier; NotPrintable when the dossier has none (e.g. no apology yet)."""
    events = timeline(dossier)
    d = dossier
    agency = agency_of(d.unit)
    day = _local_day(d.received_at)
    if kind == "receipt":
        if d.book_number is None:
            raise NotPrintable("hồ sơ chưa được tiếp nhận")
        received = _last(events, Action.RECEIVE)
        return ReceiptSlip(
            agency=agency,
            dossier_code=d.code,
            applicant=_applicant(d),
            matter=_matter(d),
            components=[
                Component(
                    c.name,
                    _component_counts(c.originals),
                    _component_counts(c.certified_copies),
                    _component_counts(c.copies),
                )
                for c in d.components.filter(role="submitted").order_by("position")
            ],
            sets=d.sets,
            time_limit_text=limit_text(d.time_limit_value, d.time_limit_unit),
            received_at=d.received_at,
            appointment_at=d.due_at,
            return_place=f"{agency.name.capitalize()}, {agency.parent_name.title().replace('Ubnd', 'UBND')}",
            book_volume=f"{day:%Y}",
            book_number=d.book_number,
            officer_name=received.actor_label if received.actor_label != "system" else "",
            tracking_url=f"{base_url.rstrip('/')}/tra-cuu/{d.code}/?t={d.tracking_token}",
            issued_on=_local_day(received.occurred_at),
            day=day,
        )
    if kind == "supplement_request":
        event = _last(events, Action.REQUEST_SUPPLEMENT, Action.FIND_INCOMPLETE)
        return SupplementRequest(
            agency=agency,
            dossier_code=d.code if d.book_number is not None else "",
            applicant=_applicant(d),
            matter=_matter(d),
            items=[Component(name, None, None, None) for name in event.data.get("missing", [])],
            reason=event.note,
            contact=f"{event.actor_label}, {agency.name.capitalize()}"
            if event.actor_label != "system"
            else agency.name.capitalize(),
            officer_name=event.actor_label if event.actor_label != "system" else "",
            issued_on=_local_day(event.occurred_at),
            after_appraisal=event.action == Action.FIND_INCOMPLETE,
            day=day,
        )
    if kind == "refusal":
        event = _last(events, Action.REFUSE, Action.REJECT)
        return Refusal(
            agency=agency,
            dossier_code=d.code,
            applicant=_applicant(d),
            matter=_matter(d),
            reason=event.note,
            officer_name=event.actor_label if event.actor_label != "system" else "",
            issued_on=_local_day(event.occurred_at),
            day=day,
        )
    if kind == "apology":
        event = _last(events, Action.APOLOGISE)
        return Apology(
            agency=agency_of(d.processing_unit),
            dossier_code=d.code,
            applicant=_applicant(d),
            received_on=day,
            field=d.procedure_version.field if d.procedure_version else "",
            original_appointment=d.due_at,
            reason=event.note,
            new_appointment=d.appointment_at or d.due_at,
            signer_title=_title_of(event.actor),
            signer_name=event.actor_label if event.actor_label != "system" else "",
            recipients=["Như trên", "Bộ phận Một cửa", "Lưu: VT"],
            issued_on=_local_day(event.occurred_at),
            day=day,
        )
    if kind == "stop_notice":
        event = _last(events, Action.PAUSE)
        return StopNotice(
            agency=agency_of(d.processing_unit),
            dossier_code=d.code,
            applicant=_applicant(d),
            matter=_matter(d),
            reason=event.note,
            signer_title=_title_of(event.actor),
            signer_name=event.actor_label if event.actor_label != "system" else "",
            issued_on=_local_day(event.occurred_at),
            day=day,
        )
    if kind == "control_slip":
        version = d.procedure_version
        return ControlSlip(
            agency=agency,
            dossier_code=d.code,
            applicant=_applicant(d),
            matter=_matter(d),
            received_at=d.received_at,
            appointment_at=d.appointment_at or d.due_at,
            settling_unit=d.processing_unit.name,
            coordinating=", ".join(s.agency for s in version.agency_steps.order_by("position"))
            if version
            else "",
            rows=[
                ControlRow(
                    giver=r.giver, receiver=r.receiver, handed_at=r.handed_at, outcome=r.outcome, note=r.note
                )
                for r in control_rows(d, events)
            ],
            issued_on=timezone.localdate(),
            day=day,
        )
    raise NotPrintable(f"không có mẫu “{kind}”")


def _title_of(user: Any) -> str:
    return (getattr(user, "job_title", "") or "").upper() if user is not None else ""


def book_for(unit: Unit, start: dt.date, end: dt.date) -> TrackingBook:
    """Mẫu 06 (Mẫu 07 from 1/7/2025): the dossiers a unit received in a period, in book order."""
    rows = []
    for d in tracking_book(unit, start, end):
        rows.append(
            BookRow(
                number=d.book_number or 0,
                dossier_code=d.code,
                matter=_matter(d),
                sets=d.sets,
                applicant_name=d.applicant_name,
                applicant_address=d.applicant_address,
                applicant_phone=d.applicant_phone,
                lead_agency=d.processing_unit.name,
                received_at=d.received_at,
                appointment_at=d.appointment_at or d.due_at,
                transferred_at=d.transferred_at,
                result_back_at=d.finished_at,
                returned_at=d.returned_at,
                note="Quá hạn" if d.finished_at and d.finished_at > d.due_at else "",
            )
        )
    return TrackingBook(
        agency=agency_of(unit),
        unit_name=unit.name,
        period_label=f"Từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}",
        rows=rows,
        issued_on=timezone.localdate(),
        day=end,
    )
