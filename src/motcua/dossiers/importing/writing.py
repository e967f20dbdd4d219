"""Importing historical dossiers: every row is checked first, then all are written in bulk in one
transaction (owners, dossiers, components, payments, results, events, ratings), with one audit event for
the whole import. Codes are unique: a code already present is skipped, so importing a file twice changes
nothing. `motcua dossiers import` and the demo year (dossiers.demo) both write through here."""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.common.audit import audit_record
from motcua.core.dossier_codes import parse_dossier_code
from motcua.documents.models import DossierDocument, Owner
from motcua.dossiers.enums import Action, PaymentMethod
from motcua.dossiers.importing import values
from motcua.dossiers.importing.checks import WITH_RESULT
from motcua.dossiers.importing.lookups import Lookups, chunks
from motcua.dossiers.importing.validating import Record, RowProblems, validate
from motcua.dossiers.models import Dossier, DossierEvent, DossierResult, Payment, Rating

Row = dict[str, Any]
Step = Callable[[str], None]
_BATCH = 1000
#: write stages reported to the progress line after the rows' checks
WRITE_STAGES = 6


@dataclass(frozen=True)
class RowError:
    row: int
    code: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)d (%(code)s): %(message)s.") % {
            "row": self.row,
            "code": self.code or "?",
            "message": self.message,
        }


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    skipped: list[str] = field(default_factory=list)  # codes already there
    errors: list[RowError] = field(default_factory=list)
    written: bool = False
    owners_created: int = 0
    events: int = 0
    components: int = 0
    payments: int = 0
    results: int = 0
    ratings: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "skipped": len(self.skipped),
            "errors": len(self.errors),
            "owners_created": self.owners_created,
            "events": self.events,
            "components": self.components,
            "payments": self.payments,
            "results": self.results,
            "ratings": self.ratings,
            "by_status": self.by_status,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            **self.counts(),
            "written": self.written,
            "skipped_codes": self.skipped,
            "error_rows": [{"row": e.row, "code": e.code, "message": e.message} for e in self.errors],
        }


def steps_for(rows: int) -> int:
    """How many times `dossiers_import` calls `step`: once per thousand rows checked, once per stage."""
    return -(-rows // _BATCH) + WRITE_STAGES


def dossiers_import(
    *,
    actor: Any,
    rows: list[tuple[int, Row]],
    default_unit: str = "",
    skip_bad: bool = False,
    dry_run: bool = False,
    source: str = "",
    step: Step | None = None,
    token: Callable[[], str] | None = None,
) -> ImportResult:
    """Import dossiers from rows (number, cells). With any bad row nothing is written, unless `skip_bad`
    (the good rows are written, the bad ones reported); `dry_run` checks and counts, and writes nothing.
    `actor` None is the system (the command line, the demo); a person needs the receipt permission on
    every row's unit (accounts.access)."""
    tick = step or (lambda _note: None)
    result = ImportResult(rows=len(rows))
    lookups = Lookups.load([row for _n, row in rows], default_unit)
    records: list[Record] = []
    seen: dict[str, int] = {}
    for index, (number, row) in enumerate(rows, 1):
        code = values.text(row.get("code"))
        if code in lookups.existing:
            result.skipped.append(code)
        elif code and code in seen:
            result.errors.append(RowError(number, code, _("trùng mã hồ sơ với dòng %d") % seen[code]))
        else:
            try:
                records.append(validate(number, row, lookups, default_unit=default_unit, actor=actor))
                seen[code] = number
            except RowProblems as exc:
                result.errors.append(RowError(number, code, "; ".join(exc.problems)))
        if index % _BATCH == 0 or index == len(rows):
            tick(_("đã kiểm tra %d dòng") % index)
    if result.errors and not skip_bad:
        return result
    with transaction.atomic():
        _write(records, actor=actor, source=source, result=result, tick=tick, token=token)
        if dry_run:
            transaction.set_rollback(True)
    result.written = not dry_run and result.created > 0
    return result


def _write(
    records: list[Record],
    *,
    actor: Any,
    source: str,
    result: ImportResult,
    tick: Step,
    token: Callable[[], str] | None,
) -> None:
    if not records:
        return
    owners = _owners(records, result)
    tick(_("người nộp"))
    dossiers = _dossiers(records, owners, token or (lambda: secrets.token_urlsafe(16)[:22]))
    Dossier.objects.bulk_create(dossiers, batch_size=_BATCH)
    result.created = len(dossiers)
    result.by_status = dict(Counter(r.status for r in records))
    tick(_("hồ sơ"))
    result.components = _components(records, dossiers)
    tick(_("thành phần hồ sơ"))
    payments = _payments(records, dossiers)
    result.payments = len(payments)
    result.results = _results(records, dossiers)
    tick(_("thanh toán, kết quả"))
    result.events = _events(records, dossiers, payments, source)
    tick(_("sự kiện"))
    ratings = [
        Rating(dossier=d, satisfaction=r.rating, rated_at=r.returned_at or r.finished_at or r.received_at)
        for r, d in zip(records, dossiers, strict=True)
        if r.rating
    ]
    Rating.objects.bulk_create(ratings, batch_size=_BATCH)
    result.ratings = len(ratings)
    _codes_taken(records)
    audit_record(
        actor=actor,
        operation="dossiers.import",
        target=Dossier(code=(source or "import")[:40]),  # the import as a whole, not one dossier
        unit_id=records[0].unit.pk if len({r.unit.pk for r in records}) == 1 else None,
        after=result.counts(),
        reason=source,
    )
    tick(_("nhật ký"))


def _owners(records: list[Record], result: ImportResult) -> dict[tuple[str, str], Owner]:
    """Applicants are the data store's owners: found by kind and identifier, created when new (the
    owner's current details are not overwritten by history)."""
    wanted: dict[tuple[str, str], Record] = {}
    for record in records:
        wanted.setdefault((record.applicant.kind, record.applicant.identifier), record)
    found: dict[tuple[str, str], Owner] = {}
    for kind in sorted({kind for kind, _identifier in wanted}):
        # by kind and identifier: the unique index (kind, identifier) answers each chunk
        for chunk in chunks(sorted(identifier for k, identifier in wanted if k == kind)):
            for owner in Owner.objects.filter(kind=kind, identifier__in=chunk):
                found[(owner.kind, owner.identifier)] = owner
    new = [
        Owner(
            kind=kind,
            identifier=identifier,
            name=r.applicant.name,
            address=r.applicant.address,
            phone=r.applicant.phone,
            email=r.applicant.email,
        )
        for (kind, identifier), r in wanted.items()
        if (kind, identifier) not in found
    ]
    Owner.objects.bulk_create(new, batch_size=_BATCH)
    result.owners_created = len(new)
    found.update({(o.kind, o.identifier): o for o in new})
    return found


def _dossiers(
    records: list[Record], owners: dict[tuple[str, str], Owner], token: Callable[[], str]
) -> list[Dossier]:
    books = _book_numbers(records)
    dossiers = []
    for record in records:
        a = record.applicant
        dossiers.append(
            Dossier(
                code=record.code,
                unit=record.unit,
                processing_unit=record.processing_unit,
                procedure_version=record.version,
                status=record.status,
                revision=len(record.events),
                channel=record.channel,
                return_channel=record.return_channel,
                applicant=owners[(a.kind, a.identifier)],
                applicant_name=a.name,
                applicant_address=a.address,
                applicant_phone=a.phone,
                applicant_email=a.email,
                submitted_at=record.submitted_at,
                received_at=record.received_at,
                received_by=record.received_by,
                book_number=books.get(record.code),
                assignee=record.assignee,
                transferred_at=record.transferred_at,
                supplement_requests=record.supplement_requests,
                appraisal_found_incomplete_at=record.appraisal_found_incomplete_at,
                apologised_at=record.apologised_at,
                appointment_at=record.appointment_at,
                finished_at=record.finished_at,
                result_kind=record.result_kind,
                returned_at=record.returned_at,
                fee_amount=record.fee_amount,
                fee_waived_reason=record.fee_waived_reason,
                paid_online=record.paid_online,
                tracking_token=token(),
                clock_started_at=record.clock_started_at,
                time_limit_value=record.time_limit_value,
                time_limit_unit=record.time_limit_unit,
                effective_receipt_at=record.effective_receipt_at,
                due_at=record.due_at,
                deadline_ruleset=record.ruleset,
                calendar_version=0,
                deadline_pauses=record.pauses,
                is_open=record.is_open,
            )
        )
    return dossiers


def _book_numbers(records: list[Record]) -> dict[str, int]:
    """Tracking-book numbers (Mẫu 06) for the received dossiers, per unit and year in receipt order, taken
    from the same counters as live receipt in one step per unit and year."""
    groups: dict[tuple[int, int], list[Record]] = defaultdict(list)
    for record in records:
        if any(e.action == Action.RECEIVE for e in record.events):
            groups[(record.unit.pk, timezone.localtime(record.received_at).year)].append(record)
    numbers: dict[str, int] = {}
    with connection.cursor() as cursor:
        for (unit_id, year), members in groups.items():
            cursor.execute(
                "INSERT INTO dossiers_counter (name, value) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
                " SET value = dossiers_counter.value + excluded.value RETURNING value",
                [f"book:{unit_id}:{year}", len(members)],
            )
            row = cursor.fetchone()
            assert row is not None
            first = int(row[0]) - len(members) + 1
            members.sort(key=lambda r: (r.received_at, r.code))
            numbers.update({r.code: first + i for i, r in enumerate(members)})
    return numbers


def _codes_taken(records: list[Record]) -> None:
    """Raise each unit's day counter past the imported codes, so that live receipt on those days never
    gives a code again."""
    highest: dict[str, int] = {}
    for record in records:
        parsed = parse_dossier_code(record.code)
        if parsed is not None:
            name = f"code:{parsed.unit}:{parsed.received_on:%y%m%d}"
            highest[name] = max(highest.get(name, 0), parsed.sequence)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO dossiers_counter (name, value) VALUES (%s, %s) ON CONFLICT (name) DO UPDATE"
            " SET value = CASE WHEN excluded.value > dossiers_counter.value THEN excluded.value"
            " ELSE dossiers_counter.value END",
            sorted(highest.items()),
        )


def _components(records: list[Record], dossiers: list[Dossier]) -> int:
    rows = []
    for record, dossier in zip(records, dossiers, strict=True):
        documents = list(record.version.documents.all())
        for position in range(1, record.components + 1):
            document = documents[position - 1] if position <= len(documents) else None
            rows.append(
                DossierDocument(
                    dossier=dossier,
                    position=position,
                    name=document.name
                    if document
                    else f"Thành phần hồ sơ {position}",  # data: always Vietnamese
                    required_document=document,
                    originals=1,
                    digitised=position <= record.digitised,
                    reuse_source="data_store" if position <= record.reused else "",
                )
            )
    DossierDocument.objects.bulk_create(rows, batch_size=_BATCH)
    return len(rows)


def _payments(records: list[Record], dossiers: list[Dossier]) -> dict[int, Payment]:
    payments = {
        dossier.pk: Payment(
            dossier=dossier,
            amount=record.fee_amount,
            method=PaymentMethod.ONLINE if record.paid_online else PaymentMethod.CASH,
            paid_at=record.paid_at,
            reference=record.code if record.paid_online else "",
            recorded_by=record.received_by,
        )
        for record, dossier in zip(records, dossiers, strict=True)
        if record.paid_at is not None and not record.fee_waived_reason
    }
    Payment.objects.bulk_create(list(payments.values()), batch_size=_BATCH)
    return payments


def _results(records: list[Record], dossiers: list[Dossier]) -> int:
    rows = [
        DossierResult(
            dossier=dossier,
            number=1,
            kind=record.result_kind,
            title=f"Kết quả giải quyết thủ tục: {record.version.name[:450]}",  # data: always Vietnamese
            code=record.e_result_code,
            issued_at=record.finished_at,
        )
        for record, dossier in zip(records, dossiers, strict=True)
        if record.status in WITH_RESULT and record.finished_at is not None
    ]
    DossierResult.objects.bulk_create(rows, batch_size=_BATCH)
    return len(rows)


def _events(records: list[Record], dossiers: list[Dossier], payments: dict[int, Payment], source: str) -> int:
    rows = []
    for record, dossier in zip(records, dossiers, strict=True):
        for number, event in enumerate(record.events, 1):
            data = dict(event.data)
            if event.action == Action.PAY and not data.get("waived"):
                payment = payments[dossier.pk]
                data = {
                    "payment": payment.pk,
                    "amount": str(payment.amount),
                    "method": payment.method,
                    "receipt_number": "",
                }
            if number == 1 and source:
                data["imported_from"] = source
            actor = event.actor
            rows.append(
                DossierEvent(
                    dossier=dossier,
                    number=number,
                    action=event.action,
                    status_before=event.status_before,
                    status_after=event.status_after,
                    occurred_at=event.at,
                    actor=actor,
                    actor_label=(actor.full_name or actor.username) if actor is not None else "system",
                    unit=event.unit,
                    receiver=event.receiver,
                    receiver_unit=event.receiver_unit,
                    note=event.note,
                    data=data,
                )
            )
    DossierEvent.objects.bulk_create(rows, batch_size=_BATCH)
    return len(rows)
