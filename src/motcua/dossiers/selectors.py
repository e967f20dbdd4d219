"""Reading dossiers: the work queues (keyset pages, capped counts, scoped by indexed unit ids: the Open
Zaak lesson), one dossier for a user, the public status lookup, the timeline, the control slip rows
(K2) and the tracking book."""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from motcua.accounts.access import can, scope_for
from motcua.accounts.models import Membership
from motcua.calendars.selectors import calendar_for
from motcua.core.deadlines import Outcome, classify, classify_step, working_minutes_between
from motcua.core.identifiers import mask_name
from motcua.dossiers.enums import PROCESS, RECEIVE, VIEW, Action, Alert, Status
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import CLOCK_STOPPED, PERMISSIONS, allowed_actions
from motcua.units.models import Unit

QUEUE_VIEWS = ("mine", "unit", "counter", "due_soon", "overdue")
COUNT_CAP = 1000
_QUEUE_COLUMNS = (
    "id",
    "code",
    "status",
    "due_at",
    "appointment_at",
    "received_at",
    "applicant_name",
    "alert",
    "is_open",
    "channel",
    "procedure_version__name",
    "processing_unit__name",
    "assignee__full_name",
    "revision",
)


@dataclass(frozen=True)
class QueuePage:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    count: int  # at most COUNT_CAP + 1: shown as "1000+"
    capped: bool


def _unit_ids(user: Any, perm: str) -> list[int] | None:
    """The ids of the units the permission reaches (None: everywhere); a handful for an officer."""
    scope = scope_for(user, perm)
    if scope.everywhere:
        return None
    if scope.empty:
        return []
    return list(Unit.objects.filter(scope.unit_q()).values_list("pk", flat=True))


def encode_cursor(due_at: dt.datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{due_at.isoformat()}|{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[dt.datetime, int] | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        due, _, pk = text.partition("|")
        return dt.datetime.fromisoformat(due), int(pk)
    except (ValueError, UnicodeDecodeError):
        return None


def queue_base(user: Any, view: str, *, now: dt.datetime | None = None) -> QuerySet[Dossier]:
    """The rows of a work queue before filters: open dossiers in the user's units (or the user's own)."""
    rows = Dossier.objects.filter(is_open=True)
    if view == "mine":
        mine = rows.filter(assignee=user)
        ids = _unit_ids(user, VIEW)  # an officer moved out of a unit no longer sees its dossiers
        return mine if ids is None else mine.filter(processing_unit_id__in=ids)
    perm, column = (RECEIVE, "unit_id") if view == "counter" else (VIEW, "processing_unit_id")
    ids = _unit_ids(user, perm)
    if ids is not None:
        rows = rows.filter(**{f"{column}__in": ids})
    if view == "counter":
        return rows.filter(status__in=[Status.SUBMITTED, Status.AWAITING_SUPPLEMENT, Status.RECEIVED])
    if view == "due_soon":
        return rows.filter(alert=Alert.DUE_SOON)
    if view == "overdue":
        return rows.filter(due_at__lt=now or timezone.now()).exclude(status__in=CLOCK_STOPPED)
    return rows


def work_queue(
    user: Any,
    *,
    view: str = "unit",
    status: str = "",
    procedure_code: str = "",
    search: str = "",
    cursor: str = "",
    limit: int = 25,
    now: dt.datetime | None = None,
) -> QueuePage:
    """A page of a work queue in due order; the next page starts after the last row (keyset), so a deep
    page costs what the first does."""
    rows = queue_base(user, view, now=now)
    if status:
        rows = rows.filter(status=status)
    if procedure_code:
        rows = rows.filter(procedure_version__procedure__code=procedure_code)
    if search:
        rows = rows.filter(Q(code__istartswith=search.strip()) | Q(applicant_name__icontains=search.strip()))
    # no ORDER BY in the capped count: with the model's ordering PostgreSQL would sort every match first
    counted = rows.order_by().values("id")[: COUNT_CAP + 1].count()
    position = decode_cursor(cursor) if cursor else None
    if position is not None:
        due, pk = position
        rows = rows.filter(Q(due_at__gt=due) | Q(due_at=due, id__gt=pk))
    page = list(rows.order_by("due_at", "id").values(*_QUEUE_COLUMNS)[: limit + 1])
    more = len(page) > limit
    page = page[:limit]
    next_cursor = encode_cursor(page[-1]["due_at"], page[-1]["id"]) if more and page else None
    return QueuePage(
        rows=page, next_cursor=next_cursor, count=min(counted, COUNT_CAP), capped=counted > COUNT_CAP
    )


def may_view(user: Any, dossier: Dossier) -> bool:
    """Officers of the receiving or settling unit, and the applicant's own account."""
    if can(user, VIEW, dossier.unit) or can(user, VIEW, dossier.processing_unit):
        return True
    owner_user = dossier.applicant.user_id
    return owner_user is not None and owner_user == getattr(user, "pk", None)


def sees_identity(user: Any, dossier: Dossier) -> bool:
    """Who the applicant is (identifier, address, phone, e-mail, papers) is for the officers who receive
    or settle the dossier and for the applicant's own account; other viewers get it masked."""
    for perm in (RECEIVE, PROCESS):
        if can(user, perm, dossier.unit) or can(user, perm, dossier.processing_unit):
            return True
    owner_user = dossier.applicant.user_id
    return owner_user is not None and owner_user == getattr(user, "pk", None)


def dossier_for(user: Any, code: str) -> Dossier | None:
    """The dossier with this code when the user may see it; None otherwise (no hint that it exists)."""
    found = (
        Dossier.objects.select_related(
            "unit",
            "processing_unit",
            "procedure_version",
            "applicant",
            "assignee",
            "received_by",
            "deadline_ruleset",
        )
        .filter(code=code)
        .order_by()[:1]
    )
    dossier = next(iter(found), None)  # the code is unique: no ORDER BY for .first() to add
    if dossier is None or not may_view(user, dossier):
        return None
    return dossier


def actions_for(user: Any, dossier: Dossier) -> list[str]:
    """The actions the status allows and the user's roles reach (what the dossier page offers)."""
    found = []
    for action in allowed_actions(dossier.status):
        perm, where = PERMISSIONS[action]
        if action in (Action.SUBMIT,):
            continue
        if can(user, perm, getattr(dossier, where)):
            found.append(action)
    return found


@dataclass(frozen=True)
class PublicStatus:
    code: str
    applicant: str  # masked
    procedure: str
    unit: str
    status: str
    status_label: str
    received_at: dt.datetime
    due_at: dt.datetime
    appointment_at: dt.datetime | None
    returned_at: dt.datetime | None


def public_status(code: str) -> PublicStatus | None:
    """What anyone with the code may know: no identifier, address or phone, only a masked name."""
    row = (
        Dossier.objects.filter(code=code.strip())
        .values(
            "code",
            "applicant_name",
            "procedure_version__name",
            "unit__name",
            "status",
            "received_at",
            "due_at",
            "appointment_at",
            "returned_at",
        )
        .order_by()
        .first()
    )
    if row is None:
        return None
    return PublicStatus(
        code=row["code"],
        applicant=mask_name(row["applicant_name"]),
        procedure=row["procedure_version__name"] or "",
        unit=row["unit__name"],
        status=row["status"],
        status_label=str(Status(row["status"]).label),
        received_at=row["received_at"],
        due_at=row["due_at"],
        appointment_at=row["appointment_at"],
        returned_at=row["returned_at"],
    )


def timeline(dossier: Dossier) -> list[DossierEvent]:
    return list(
        dossier.events.select_related("actor", "receiver", "unit", "receiver_unit").order_by("number")
    )


# hand-overs: the events after which someone else holds the dossier (the rows of Mẫu 05)
HANDOVERS = (
    Action.RECEIVE,
    Action.TRANSFER,
    Action.ASSIGN,
    Action.STEP_FINISH,
    Action.ISSUE_RESULT,
    Action.RETURN_RESULT,
)


@dataclass(frozen=True)
class ControlRow:
    giver: str
    receiver: str
    giver_id: int | None  # the giver's account: two officers may share a name
    handed_at: dt.datetime
    held_minutes: int | None
    allotted_minutes: int | None
    outcome: str  # "early" | "on_time" | "late" | ""
    note: str


_STOPS: dict[str, str] = {
    Action.PAUSE: Action.RESUME,
    Action.FIND_INCOMPLETE: Action.SUPPLEMENT_AFTER_APPRAISAL,
}


def _stopped_intervals(events: list[DossierEvent]) -> list[tuple[dt.datetime, dt.datetime]]:
    """The (start, end) of each pause and each wait for a supplement after appraisal, from the events."""
    intervals: list[tuple[dt.datetime, dt.datetime]] = []
    opened: dict[str, dt.datetime] = {}
    for event in events:
        if event.action in _STOPS:
            opened[_STOPS[event.action]] = event.occurred_at
        elif event.action in opened:
            intervals.append((opened.pop(event.action), event.occurred_at))
    return intervals


def control_rows(dossier: Dossier, events: list[DossierEvent] | None = None) -> list[ControlRow]:
    """One row per hand-over; a step's result compares the working minutes its holder kept the dossier
    with the minutes its step allots (K2)."""
    everything = events or timeline(dossier)
    stopped = _stopped_intervals(everything)
    events = [e for e in everything if e.action in HANDOVERS]
    cal = calendar_for(dossier.unit)
    rows: list[ControlRow] = []
    previous: DossierEvent | None = None
    for event in events:
        held = allotted = None
        outcome = ""
        if previous is not None:
            start, end = previous.occurred_at, event.occurred_at
            # the clock stops for the holder too while the dossier is paused or waits for a supplement (D6, D7)
            held = working_minutes_between(cal, start, end) - sum(
                working_minutes_between(cal, max(a, start), min(b, end))
                for a, b in stopped
                if a < end and b > start
            )
            allotted = event.data.get("allotted_minutes")
            if allotted:
                outcome = str(classify_step(held, int(allotted)))
        giver = event.actor_label or "system"
        if event.action in (Action.RECEIVE, Action.ISSUE_RESULT):  # into the one-stop section's hands
            receiver = dossier.unit.name
        elif event.action == Action.RETURN_RESULT:
            receiver = dossier.applicant_name
        else:
            receiver = (
                (event.receiver.full_name or event.receiver.username)
                if event.receiver
                else (event.receiver_unit.name if event.receiver_unit else event.data.get("agency", ""))
            )
        rows.append(
            ControlRow(
                giver=giver,
                receiver=receiver,
                giver_id=event.actor_id,
                handed_at=event.occurred_at,
                held_minutes=held,
                allotted_minutes=int(allotted) if allotted else None,
                outcome=outcome,
                note=str(Action(event.action).label),
            )
        )
        previous = event
    return rows


def tracking_book(unit: Unit, start: dt.date, end: dt.date) -> QuerySet[Dossier]:
    """The dossiers a unit received in a period, in book order (Mẫu 06)."""
    return (
        Dossier.objects.filter(unit=unit, received_at__date__gte=start, received_at__date__lte=end)
        .exclude(book_number__isnull=True)
        .select_related("procedure_version", "processing_unit")
        .order_by(ExtractYear("received_at"), "book_number")  # numbers restart each year
    )


def outcome_of(dossier: Dossier, now: dt.datetime | None = None) -> Outcome:
    """K1 against the statutory due time (an apology's new date does not make a late dossier on time); a
    dossier whose clock is stopped is within time until it runs again."""
    if dossier.finished_at is None and dossier.status in CLOCK_STOPPED:
        return Outcome.WITHIN_TIME
    return classify(dossier.due_at, finished=dossier.finished_at, now=now or timezone.now())


def settling_units(dossier: Dossier) -> list[Unit]:
    """Where the one-stop section may send a dossier: its own unit, the unit settling it now, and the units
    beside it (under the same parent) where someone may process dossiers."""
    root = dossier.unit.parent or dossier.unit
    app_label, codename = PROCESS.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    with_officers = Membership.objects.filter(
        is_active=True, role__permissions__in=granted, unit__path__startswith=root.path
    ).values("unit_id")
    today = timezone.localdate()
    return list(
        Unit.objects.filter(
            Q(pk__in=[dossier.unit_id, dossier.processing_unit_id])
            | (Q(pk__in=with_officers) & Q(pk__in=Unit.objects.valid_on(today).values("pk")))
        ).order_by("depth", "name")[:300]
    )


def paid_total(dossier: Dossier) -> Decimal:
    total = dossier.payments.aggregate(total=Sum("amount"))["total"]
    return Decimal(total or 0)
