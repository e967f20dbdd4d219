"""The periodic scan of open dossiers (issue 6 item 9), run by `motcua worker` every 15 minutes.

It marks each open dossier overdue, due soon (due within the next working day of its unit's calendar) or
neither, with a few UPDATEs per unit rather than a write per row; reminds the assignee and the heads of
the settling unit once per dossier and kind; and prompts the apology letter (Mẫu 04) while there is still
time to send it: at least one working day before the due time (Decree 61/2018 Art. 19(9); D8)."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from motcua.accounts.models import Membership, User
from motcua.calendars.selectors import calendar_for
from motcua.common.audit import audit_record
from motcua.core.calendar import TZ, WorkCalendar
from motcua.core.deadlines import LimitUnit, TimeLimit, apology_allowed, due_time, effective_receipt
from motcua.dossiers.enums import Alert, ReminderKind
from motcua.dossiers.models import Dossier, DossierReminder
from motcua.dossiers.workflow import CLOCK_STOPPED
from motcua.units.models import Unit

log = logging.getLogger(__name__)

#: the clock does not run: paused (D7), waiting for a supplement before receipt or after appraisal (D6)


@dataclass
class ScanResult:
    now: dt.datetime
    units: int = 0
    marked_overdue: int = 0
    marked_due_soon: int = 0
    cleared: int = 0
    overdue: int = 0  # open dossiers overdue after the scan
    due_soon: int = 0
    reminders: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ReminderKind.values, 0))

    @property
    def changed(self) -> bool:
        return bool(
            self.marked_overdue or self.marked_due_soon or self.cleared or any(self.reminders.values())
        )

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["now"] = self.now.isoformat()
        return data

    def summary(self) -> str:
        return (
            f"Quét lúc {timezone.localtime(self.now):%H:%M %d/%m/%Y}: {self.overdue} hồ sơ quá hạn, "
            f"{self.due_soon} sắp đến hạn ({self.units} đơn vị); đổi cảnh báo {self.marked_overdue} → quá hạn, "
            f"{self.marked_due_soon} → sắp đến hạn, bỏ {self.cleared}; nhắc việc: "
            f"{self.reminders['due_soon']} sắp đến hạn, {self.reminders['overdue']} quá hạn, "
            f"{self.reminders['apology']} cần xin lỗi."
        )


def horizon(cal: WorkCalendar, now: dt.datetime, days: int) -> dt.datetime:
    """The moment `days` working days (of the day `now` falls in, or the next working day) after `now`: a
    dossier due by then has at most that many working days' minutes left (working_minutes_between)."""
    start = effective_receipt(cal, now).astimezone(TZ)
    index = cal.index_on_or_after(start.date().toordinal())
    day_minutes = cal.minutes_before[index + 1] - cal.minutes_before[index]
    return due_time(cal, now, TimeLimit(days * day_minutes / 60, LimitUnit.WORKING_HOURS)).due


@transaction.atomic
def dossiers_scan(*, now: dt.datetime | None = None) -> ScanResult:
    """One pass over the open dossiers: alerts, reminders and apology prompts, each reminder once."""
    now = now or timezone.now()
    result = ScanResult(now=now)
    apology_ids: list[int] = []
    unit_ids = sorted(
        Dossier.objects.filter(is_open=True).order_by().values_list("unit_id", flat=True).distinct()
    )
    units = Unit.objects.in_bulk(unit_ids)
    for unit_id in unit_ids:
        cal = calendar_for(units[unit_id])
        soon, latest = horizon(cal, now, 1), horizon(cal, now, 2)
        open_rows = Dossier.objects.filter(is_open=True, unit_id=unit_id)
        running = open_rows.exclude(status__in=CLOCK_STOPPED)
        result.marked_overdue += (
            running.filter(due_at__lt=now).exclude(alert=Alert.OVERDUE).update(alert=Alert.OVERDUE)
        )
        result.marked_due_soon += (
            running.filter(due_at__gte=now, due_at__lte=soon)
            .exclude(alert=Alert.DUE_SOON)
            .update(alert=Alert.DUE_SOON)
        )
        result.cleared += running.filter(due_at__gt=soon).exclude(alert=Alert.NONE).update(alert=Alert.NONE)
        result.cleared += (
            open_rows.filter(status__in=CLOCK_STOPPED).exclude(alert=Alert.NONE).update(alert=Alert.NONE)
        )
        # The apology can be sent until one working day before the due time; prompt when that moment falls
        # within the next working day (the exact test per row: core.deadlines.apology_allowed).
        window = _not_reminded(
            running.filter(apologised_at__isnull=True, due_at__gte=soon, due_at__lte=latest),
            ReminderKind.APOLOGY,
        )
        apology_ids += [
            pk
            for pk, due in window.values_list("id", "due_at")
            if apology_allowed(cal, now, due, already_issued=False)
        ]
    result.units = len(unit_ids)
    counts = dict(
        Dossier.objects.filter(is_open=True)
        .exclude(alert=Alert.NONE)
        .order_by()
        .values_list("alert")
        .annotate(n=Count("id"))
    )
    result.overdue, result.due_soon = counts.get(Alert.OVERDUE, 0), counts.get(Alert.DUE_SOON, 0)

    reminded: list[Sent] = []
    for kind, alert in ((ReminderKind.OVERDUE, Alert.OVERDUE), (ReminderKind.DUE_SOON, Alert.DUE_SOON)):
        found = _not_reminded(
            Dossier.objects.filter(is_open=True, alert=alert).exclude(status__in=CLOCK_STOPPED), kind
        )
        reminded += _remind(found, kind, now)
    reminded += _remind(Dossier.objects.filter(pk__in=apology_ids), ReminderKind.APOLOGY, now)
    for sent in reminded:
        result.reminders[sent.kind] += 1
    if result.changed:
        audit_record(
            actor=None,
            operation="dossiers.scan",
            target=Dossier(code="scan"),  # the run as a whole: its counts, not one dossier
            after=result.as_dict(),
        )
    if reminded:
        transaction.on_commit(functools.partial(_mail, reminded))
    return result


def _not_reminded(rows: QuerySet[Dossier], kind: str) -> QuerySet[Dossier]:
    return rows.exclude(Exists(DossierReminder.objects.filter(dossier=OuterRef("pk"), kind=kind)))


@dataclass(frozen=True)
class Sent:
    kind: str
    dossier: Dossier
    people: tuple[User, ...]


def _remind(rows: QuerySet[Dossier], kind: str, now: dt.datetime) -> list[Sent]:
    """Record one reminder per dossier (the unique (dossier, kind) keeps it once) for its assignee and the
    heads of its settling unit; recipients are kept as usernames, e-mail goes to those with an address."""
    dossiers = list(rows.select_related("processing_unit", "assignee", "procedure_version"))
    heads: dict[int, list[User]] = {}
    made = []
    for dossier in dossiers:
        if dossier.processing_unit_id not in heads:
            heads[dossier.processing_unit_id] = _heads(dossier.processing_unit)
        people = [dossier.assignee] if dossier.assignee is not None and dossier.assignee.is_active else []
        people += [u for u in heads[dossier.processing_unit_id] if u not in people]
        made.append(Sent(kind, dossier, tuple(people)))
    DossierReminder.objects.bulk_create(
        [
            DossierReminder(
                dossier=s.dossier, kind=kind, sent_at=now, recipients=sorted(u.username for u in s.people)
            )
            for s in made
        ],
        batch_size=1000,
    )
    return made


def _heads(unit: Unit) -> list[User]:
    """Users who may assign and sign for the settling unit (dossiers.approve_dossier there)."""
    ancestors = [int(part) for part in unit.path.strip("/").split("/") if part]
    memberships = Membership.objects.filter(
        is_active=True,
        user__is_active=True,
        role__permissions__content_type__app_label="dossiers",
        role__permissions__codename="approve_dossier",
    ).filter(Q(unit=unit) | Q(unit_id__in=ancestors, include_subtree=True))
    return list(User.objects.filter(pk__in=memberships.values("user_id")).order_by("username"))


_SUBJECTS: dict[str, str] = {
    ReminderKind.OVERDUE: "hồ sơ đã quá hạn giải quyết",
    ReminderKind.DUE_SOON: "hồ sơ sắp đến hạn (trong ngày làm việc tới)",
    ReminderKind.APOLOGY: "hồ sơ cần gửi phiếu xin lỗi, hẹn lại trước hạn (chậm nhất 01 ngày làm việc)",
}


def _mail(reminded: list[Sent]) -> None:
    """One e-mail per person, listing their dossiers by kind (after commit: a rolled-back scan sends none)."""
    by_person: dict[str, dict[str, list[Dossier]]] = defaultdict(lambda: defaultdict(list))
    for sent in reminded:
        for person in sent.people:
            if person.email:
                by_person[person.email][sent.kind].append(sent.dossier)
    messages = []
    for email, kinds in sorted(by_person.items()):
        lines = []
        for kind, dossiers in kinds.items():
            lines.append(f"{len(dossiers)} {_SUBJECTS[kind]}:")
            lines += [
                f"  {d.code}  hạn {timezone.localtime(d.due_at):%H:%M %d/%m/%Y}  "
                f"{d.procedure_version.name if d.procedure_version else ''}"[:200]
                for d in dossiers
            ]
        total = sum(len(d) for d in kinds.values())
        messages.append(
            EmailMessage(
                subject=f"[motcua] Nhắc việc: {total} hồ sơ cần xử lý",
                body="\n".join([*lines, "", "Xem danh sách hồ sơ trên motcua."]),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email],
            )
        )
    if messages:
        count = get_connection(fail_silently=True).send_messages(messages)
        log.info("dossier reminders: %s e-mails sent of %s", count, len(messages))
