"""The events of an imported dossier, as the services would have appended them: ordered by time, each
checked against the transition table, so that the timeline, the control slip (Mẫu 05), the tracking book
(Mẫu 06) and the indicators read imported history as they read live dossiers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.core.deadlines import transfer_deadline
from motcua.dossiers.enums import Action, Channel, Status
from motcua.dossiers.importing.checks import NEVER_RECEIVED
from motcua.dossiers.workflow import START, IllegalTransition, next_status

if TYPE_CHECKING:
    from motcua.dossiers.importing.lookups import Lookups
    from motcua.dossiers.importing.validating import Record

#: among events at the same moment, the order the lifecycle has them in
_RANK: dict[str, int] = {
    Action.SUBMIT: 0,
    Action.REQUEST_SUPPLEMENT: 1,
    Action.SUPPLEMENT: 2,
    Action.RECEIVE: 3,
    Action.REFUSE: 3,
    Action.TRANSFER: 4,
    Action.FIND_INCOMPLETE: 5,
    Action.SUPPLEMENT_AFTER_APPRAISAL: 6,
    Action.APOLOGISE: 7,
    Action.APPROVE: 8,
    Action.WITHDRAW: 8,
    Action.ISSUE_RESULT: 9,
    Action.PAY: 10,
    Action.RETURN_RESULT: 11,
}
#: actions of the one-stop section: recorded at the receiving unit, by the officer who received
_ONE_STOP = frozenset(
    {
        Action.SUBMIT,
        Action.REQUEST_SUPPLEMENT,
        Action.SUPPLEMENT,
        Action.RECEIVE,
        Action.REFUSE,
        Action.TRANSFER,
        Action.SUPPLEMENT_AFTER_APPRAISAL,
        Action.PAY,
        Action.RETURN_RESULT,
        Action.WITHDRAW,
    }
)


@dataclass
class PlannedEvent:
    action: str
    at: dt.datetime
    actor: Any = None
    unit: Any = None
    receiver: Any = None
    receiver_unit: Any = None
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    status_before: str = ""
    status_after: str = ""


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat()


def plan_events(
    record: Record, times: dict[str, dt.datetime | None], lookups: Lookups, problems: list[str]
) -> list[PlannedEvent]:
    """The dossier's events from the row's moments; a sequence the transition table refuses is a problem
    of the row (for example an apology dated after the result)."""
    received = record.received_at
    requested, supplemented = times["supplement_requested_at"], times["supplement_received_at"]
    before_receipt = requested is not None and (record.status in NEVER_RECEIVED or requested < received)
    events: list[PlannedEvent] = []

    def add(action: str, at: dt.datetime, **kwargs: Any) -> None:
        events.append(PlannedEvent(action, at, **kwargs))

    opened = min(received, requested) if before_receipt and requested is not None else received
    if record.channel != Channel.COUNTER:
        add(Action.SUBMIT, opened)
    if before_receipt and requested is not None:
        record.supplement_requests = 1
        add(Action.REQUEST_SUPPLEMENT, requested, data={"missing": []})
        if supplemented is None and record.status not in NEVER_RECEIVED:
            supplemented = received  # received: the supplement was complete by then
        if supplemented is not None:
            if supplemented > received and record.status not in NEVER_RECEIVED:
                problems.append(
                    _("supplement_received_at sau thời điểm tiếp nhận hồ sơ đã bổ sung (received_at)")
                )
            add(Action.SUPPLEMENT, supplemented, data={"components": 0})
    if record.status not in NEVER_RECEIVED:
        add(Action.RECEIVE, received)
    if record.status == Status.REFUSED:
        add(Action.REFUSE, record.finished_at or received, note=record.note)
    settled = record.status in (
        Status.IN_PROGRESS,
        Status.AWAITING_APPRAISAL_SUPPLEMENT,
        Status.RESULT_READY,
        Status.RETURNED,
    )
    if settled or record.transferred_at is not None:
        record.transferred_at = record.transferred_at or received
        rules = lookups.rules(record.ruleset)
        deadline = transfer_deadline(lookups.calendar(record.unit), received, rules)
        add(
            Action.TRANSFER,
            record.transferred_at,
            receiver=record.assignee,
            receiver_unit=record.processing_unit,
            data={"deadline": _iso(deadline), "late": record.transferred_at > deadline},
        )
    if requested is not None and not before_receipt:
        record.appraisal_found_incomplete_at = requested
        add(Action.FIND_INCOMPLETE, requested, data={"missing": []})
        if supplemented is not None:
            add(Action.SUPPLEMENT_AFTER_APPRAISAL, supplemented, data={"due": _iso(record.due_at)})
    if record.apologised_at is not None and record.appointment_at is not None:
        add(
            Action.APOLOGISE,
            record.apologised_at,
            data={"due": _iso(record.due_at), "new_appointment": _iso(record.appointment_at)},
        )
    if record.status in (Status.RESULT_READY, Status.RETURNED) and record.finished_at is not None:
        add(Action.APPROVE, record.finished_at)
        add(
            Action.ISSUE_RESULT,
            record.finished_at,
            data={"result": 1, "kind": record.result_kind, "code": record.e_result_code},
        )
    if record.fee_waived_reason and record.status != Status.REFUSED:
        add(Action.PAY, received, note=record.fee_waived_reason, data={"waived": True})
    elif record.paid_at is not None:
        add(Action.PAY, record.paid_at)  # its data names the payment, known once written
    if record.status == Status.RETURNED and record.returned_at is not None:
        add(Action.RETURN_RESULT, record.returned_at, data={"channel": record.return_channel})
    if record.status == Status.WITHDRAWN and record.finished_at is not None:
        add(Action.WITHDRAW, record.finished_at, note=record.note)

    events.sort(key=lambda e: (e.at, _RANK[e.action]))
    _attribute(record, events)
    status = START
    for event in events:
        try:
            after = next_status(status, event.action)
        except IllegalTransition as exc:
            problems.append(_("các mốc thời gian không theo đúng quy trình: %s") % exc)
            return []
        event.status_before, event.status_after = ("" if status == START else status), after
        status = after
    if status != record.status:
        problems.append(
            _("các mốc thời gian dẫn đến trạng thái “%(found)s”, không phải “%(status)s” như cột status")
            % {"found": status, "status": record.status}
        )
    return events


def _attribute(record: Record, events: list[PlannedEvent]) -> None:
    """Who acted and where: the one-stop officer at the receiving unit; the assignee and the head at
    the settling unit."""
    for event in events:
        if event.action in _ONE_STOP:
            event.unit = record.unit
            event.actor = record.received_by if event.action != Action.SUBMIT else None
        else:
            event.unit = record.processing_unit
            head = event.action in (Action.APPROVE, Action.ISSUE_RESULT)
            event.actor = record.approved_by if head else record.assignee
