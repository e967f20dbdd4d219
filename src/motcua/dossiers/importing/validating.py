"""Checking one row of a historical dossier file and turning it into a `Record`: the dossier's fields, its
due time from the deadline engine when the file has none, and its events in order, each checked against
the transition table. A row that cannot be read gives a list of Vietnamese problems instead."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.accounts.models import User
from motcua.calendars.models import DeadlineRuleSet
from motcua.catalog.models import ProcedureVersion
from motcua.catalog.selectors import version_fee
from motcua.core.deadlines import LimitUnit
from motcua.core.identifiers import normalise_identifier
from motcua.documents.enums import OwnerKind
from motcua.dossiers.enums import RECEIVE, Channel, ResultKind, Satisfaction, Status
from motcua.dossiers.importing import values
from motcua.dossiers.importing.checks import (
    CLOSED,
    IMPORTABLE,
    check_components,
    check_deadline,
    check_money,
    check_result,
    check_status,
)
from motcua.dossiers.importing.events import PlannedEvent, plan_events
from motcua.dossiers.importing.lookups import Lookups
from motcua.units.models import Unit


@dataclass
class Applicant:
    kind: str
    identifier: str
    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Record:
    """One dossier ready to be written (importing.writing)."""

    row: int
    code: str
    unit: Unit
    processing_unit: Unit
    version: ProcedureVersion
    applicant: Applicant
    channel: str
    return_channel: str
    status: str
    received_at: dt.datetime
    submitted_at: dt.datetime | None
    clock_started_at: dt.datetime
    effective_receipt_at: dt.datetime
    due_at: dt.datetime
    time_limit_value: Decimal
    time_limit_unit: str
    ruleset: DeadlineRuleSet
    pauses: list[list[str]]
    received_by: User | None
    assignee: User | None
    approved_by: User | None
    transferred_at: dt.datetime | None
    supplement_requests: int
    appraisal_found_incomplete_at: dt.datetime | None
    apologised_at: dt.datetime | None
    appointment_at: dt.datetime | None
    finished_at: dt.datetime | None
    result_kind: str
    e_result_code: str
    returned_at: dt.datetime | None
    fee_amount: Decimal
    fee_waived_reason: str
    paid_at: dt.datetime | None
    paid_online: bool
    components: int
    digitised: int
    reused: int
    rating: str
    note: str
    events: list[PlannedEvent] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED


class RowProblems(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def validate(
    number: int, row: dict[str, Any], lookups: Lookups, *, default_unit: str = "", actor: Any = None
) -> Record:
    """The row as a Record, or RowProblems listing everything wrong with it."""
    problems: list[str] = []
    cell = _Cells(row, problems)
    code = cell.text("code")
    if not code:
        problems.append(_("thiếu mã hồ sơ (code)"))
    elif len(code) > 40 or " " in code:
        problems.append(_("mã hồ sơ “%s” dài quá 40 ký tự hoặc có dấu cách") % code)
    status = cell.choice("status", Status)
    if not status and "status" not in cell.bad:
        problems.append(_("thiếu trạng thái (status)"))
    elif status and status not in IMPORTABLE:
        problems.append(
            _("trạng thái “%(status)s” không nhập được; dùng một trong: %(allowed)s")
            % {"status": status, "allowed": ", ".join(IMPORTABLE)}
        )
    channel = cell.choice("channel", Channel, default=Channel.COUNTER)
    return_channel = cell.choice("return_channel", Channel, default=channel)
    times = {name: cell.moment(name) for name in _TIME_COLUMNS}
    received = times["received_at"]
    if received is None and "received_at" not in cell.bad:
        problems.append(_("thiếu thời điểm tiếp nhận (received_at)"))
    applicant = _applicant(cell, problems)
    fee = cell.money("fee_amount")
    counts = {name: cell.number(name) for name in ("components", "digitised_components", "reused_components")}
    paid_online = cell.yes_no("paid_online")
    result_kind = cell.choice("result_kind", ResultKind)
    rating = cell.choice("rating", Satisfaction)
    users = {
        name: _user(cell, name, lookups, problems) for name in ("received_by", "assignee", "approved_by")
    }
    if received is None:
        raise RowProblems(problems)

    on = timezone.localtime(received).date()
    unit = _unit(cell.text("unit_code") or default_unit, on, lookups, "unit_code", problems)
    processing_code = cell.text("processing_unit_code")
    processing = (
        _unit(processing_code, on, lookups, "processing_unit_code", problems) if processing_code else unit
    )
    procedure_code = cell.text("procedure_code")
    version = lookups.version(procedure_code, on)
    if not procedure_code:
        problems.append(_("thiếu mã thủ tục (procedure_code)"))
    elif not lookups.known_procedure(procedure_code):
        problems.append(_("mã thủ tục “%s” không có trong danh mục") % procedure_code)
    elif version is None:
        problems.append(
            _("thủ tục %(code)s không có phiên bản có hiệu lực ngày %(day)s")
            % {"code": procedure_code, "day": f"{on:%d/%m/%Y}"}
        )
    ruleset = lookups.ruleset(on)
    if ruleset is None:
        problems.append(_("chưa có bộ quy tắc tính hạn có hiệu lực ngày %s") % f"{on:%d/%m/%Y}")
    if unit is not None and actor is not None and not can(actor, RECEIVE, unit):
        problems.append(_("bạn không có quyền tiếp nhận hồ sơ của %s") % unit.name)
    if problems or unit is None or processing is None or version is None or ruleset is None:
        raise RowProblems(problems)

    record = Record(
        row=number,
        code=code,
        unit=unit,
        processing_unit=processing,
        version=version,
        applicant=applicant,
        channel=channel,
        return_channel=return_channel,
        status=status,
        received_at=received,
        submitted_at=received if channel != Channel.COUNTER else None,
        clock_started_at=received,
        effective_receipt_at=received,
        due_at=received,
        time_limit_value=Decimal(0),
        time_limit_unit=LimitUnit.SAME_DAY,
        ruleset=ruleset,
        pauses=[],
        received_by=users["received_by"],
        assignee=users["assignee"],
        approved_by=users["approved_by"],
        transferred_at=times["transferred_at"],
        supplement_requests=0,
        appraisal_found_incomplete_at=None,
        apologised_at=times["apologised_at"],
        appointment_at=times["appointment_at"],
        finished_at=times["finished_at"],
        result_kind=result_kind,
        e_result_code=cell.text("e_result_code"),
        returned_at=times["returned_at"],
        fee_amount=fee if fee is not None else version_fee(version, channel),
        fee_waived_reason=cell.text("fee_waived_reason")[:500],
        paid_at=times["paid_at"],
        paid_online=paid_online,
        components=0,
        digitised=counts["digitised_components"] or 0,
        reused=counts["reused_components"] or 0,
        rating=rating,
        note=cell.text("note"),
    )
    check_status(record, times, problems)
    check_components(record, counts["components"], problems)
    check_money(record, problems)
    check_result(record, problems)
    if problems:
        raise RowProblems(problems)
    check_deadline(record, times, lookups, problems)
    if problems:
        raise RowProblems(problems)
    record.events = plan_events(record, times, lookups, problems)
    if problems:
        raise RowProblems(problems)
    return record


_TIME_COLUMNS = (
    "received_at",
    "due_at",
    "transferred_at",
    "supplement_requested_at",
    "supplement_received_at",
    "apologised_at",
    "appointment_at",
    "finished_at",
    "returned_at",
    "paid_at",
)


class _Cells:
    """Reads the row's cells, adding each unreadable one to `problems` (and to `bad`)."""

    def __init__(self, row: dict[str, Any], problems: list[str]) -> None:
        self.row, self.problems, self.bad = row, problems, set[str]()

    def text(self, name: str) -> str:
        return values.text(self.row.get(name))

    def _read(self, name: str, reader: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return reader(self.row.get(name), name, *args, **kwargs)
        except values.CellError as exc:
            self.problems.append(str(exc))
            self.bad.add(name)
            return None

    def moment(self, name: str) -> dt.datetime | None:
        found: dt.datetime | None = self._read(name, values.moment)
        return found

    def number(self, name: str) -> int | None:
        found: int | None = self._read(name, values.whole_number)
        return found

    def money(self, name: str) -> Decimal | None:
        found: Decimal | None = self._read(name, values.money)
        return found

    def yes_no(self, name: str) -> bool:
        return bool(self._read(name, values.yes_no))

    def choice(self, name: str, choices: Any, default: str = "") -> str:
        return str(self._read(name, values.choice, choices, default=default) or default)


def _applicant(cell: _Cells, problems: list[str]) -> Applicant:
    kind = cell.choice("applicant_kind", OwnerKind)
    name = cell.text("applicant_name")
    identifier = cell.text("applicant_identifier")
    if not kind and "applicant_kind" not in cell.bad:
        problems.append(_("thiếu loại người nộp (applicant_kind: citizen hoặc organisation)"))
    if kind:
        try:
            identifier = normalise_identifier(kind, identifier)
        except ValueError as exc:
            problems.append(
                _("applicant_identifier “%(value)s”: %(reason)s") % {"value": identifier, "reason": exc}
            )
    if not name:
        problems.append(_("thiếu họ tên người nộp hoặc tên tổ chức (applicant_name)"))
    return Applicant(
        kind=kind,
        identifier=identifier,
        name=name[:255],
        address=cell.text("applicant_address")[:500],
        phone=cell.text("applicant_phone")[:20],
        email=cell.text("applicant_email")[:254],
    )


def _user(cell: _Cells, name: str, lookups: Lookups, problems: list[str]) -> User | None:
    username = cell.text(name)
    if not username:
        return None
    user = lookups.users.get(username.lower())
    if user is None:
        problems.append(
            _("%(column)s: không có tài khoản “%(username)s”") % {"column": name, "username": username}
        )
    return user


def _unit(code: str, on: dt.date, lookups: Lookups, column: str, problems: list[str]) -> Unit | None:
    if not code:
        problems.append(_("thiếu mã đơn vị tiếp nhận (unit_code, hoặc --unit)"))
        return None
    found = lookups.unit(code, on)
    if len(found) == 1:
        return found[0]
    if not found:
        problems.append(
            _("%(column)s: không có đơn vị mã “%(code)s” còn hiệu lực ngày %(day)s")
            % {"column": column, "code": code, "day": f"{on:%d/%m/%Y}"}
        )
    else:
        problems.append(
            _("%(column)s: mã “%(code)s” chỉ nhiều đơn vị ngày %(day)s (%(names)s)")
            % {
                "column": column,
                "code": code,
                "day": f"{on:%d/%m/%Y}",
                "names": ", ".join(u.name for u in found),
            }
        )
    return None
