"""What every dossier operation does the same way: check the actor, lock the row, check the transition
table and the revision the actor saw, append the event, write the audit trail, and answer a retried
request (same idempotency key) with the first answer instead of acting twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.calendars.selectors import calendar_for, core_rules
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.core.calendar import WorkCalendar
from motcua.core.deadlines import RuleSet
from motcua.dossiers.enums import PROCESS
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.workflow import PERMISSIONS, IllegalTransition, next_status


@dataclass
class Step:
    """One operation on a dossier, as the services pass it to `act`."""

    action: str
    note: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    receiver: Any = None
    receiver_unit: Any = None
    unit: Any = None  # where it happened, when not the unit of the permission


def iso(moment: dt.datetime) -> str:
    """Moments in event data and stored pauses, in Vietnam's time so that people can read them."""
    return timezone.localtime(moment).isoformat()


def now_or(at: dt.datetime | None) -> dt.datetime:
    return at if at is not None else timezone.now()


def key_for(actor: Any, key: str | None) -> str | None:
    """Idempotency keys are the client's own: two users may pick the same string."""
    if not key:
        return None
    if len(key) > 100:
        raise ApplicationError(
            "idempotency_key_invalid",
            _("Khóa chống gửi trùng dài quá 100 ký tự."),
            fields={"idempotency_key": "invalid"},
        )
    return f"{getattr(actor, 'pk', None) or 'system'}:{key}"


def replayed(key: str | None, dossier: Dossier | None = None) -> Dossier | None:
    """The dossier a request with this key already changed, when it is a retry; a key the user already
    spent on another dossier is refused rather than answered with that dossier."""
    if key is None:
        return None
    event = DossierEvent.objects.filter(idempotency_key=key).select_related("dossier").first()
    if event is None:
        return None
    if dossier is not None and event.dossier_id != dossier.pk:
        raise ApplicationError(
            "idempotency_key_reused",
            _("Khóa chống gửi trùng này đã dùng cho hồ sơ khác."),
            fields={"idempotency_key": "reused"},
        )
    return event.dossier


def require(actor: Any, action: str, dossier: Dossier) -> None:
    """The actor's role must reach the dossier's receiving or settling unit (accounts.access)."""
    if actor is None:  # the system itself: jobs, imports, the demo
        return
    perm, where = PERMISSIONS[action]
    unit = getattr(dossier, where)
    if not can(actor, perm, unit):
        raise ApplicationError.forbidden(
            _("Bạn không có quyền thực hiện thao tác này với hồ sơ của đơn vị khác.")
        )


def lock(dossier: Dossier) -> Dossier:
    """The row, locked until the transaction ends."""
    return (
        # only the dossier row: PostgreSQL cannot lock the nullable side of the outer joins
        Dossier.objects.select_for_update(of=("self",))
        .select_related("unit", "processing_unit", "procedure_version", "deadline_ruleset")
        .get(pk=dossier.pk)
    )


def check_revision(locked: Dossier, revision: int | None) -> None:
    """A stale revision means someone acted first on what this user saw."""
    if revision is not None and revision != locked.revision:
        raise ApplicationError(
            "conflict",
            _("Hồ sơ %(code)s vừa được người khác cập nhật. Hãy tải lại trang và thực hiện lại.")
            % {"code": locked.code},
            fields={"revision": "stale"},
        )


def check(dossier: Dossier, action: str) -> str:
    """The status `action` leads to, or a refusal naming what is allowed now."""
    try:
        return next_status(dossier.status, action)
    except IllegalTransition as exc:
        raise ApplicationError("illegal_transition", str(exc), fields={"action": action}) from exc


def record(
    *,
    actor: Any,
    dossier: Dossier,
    step: Step,
    before: str,
    at: dt.datetime,
    key: str | None,
    changed: list[str] | None,
) -> DossierEvent:
    """Save the dossier's changed fields, append the event and the audit row; `changed` None: the
    dossier was just created with its first revision, nothing to save again."""
    if changed is not None:
        dossier.revision += 1
        dossier.save(update_fields=[*changed, "revision", "status"])
    event = DossierEvent.objects.create(
        dossier=dossier,
        number=dossier.revision,
        action=step.action,
        status_before=before,
        status_after=dossier.status,
        occurred_at=at,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_label=actor_label(actor),
        unit=step.unit or dossier.processing_unit,
        receiver=step.receiver,
        receiver_unit=step.receiver_unit,
        note=step.note,
        data=step.data,
        idempotency_key=key,
    )
    audit_record(
        actor=actor,
        operation=f"dossiers.{step.action}",
        target=dossier,
        unit_id=dossier.unit_id,
        before={"status": before},
        after={"status": dossier.status, "event": event.number, **step.data},
        reason=step.note,
    )
    return event


def actor_label(actor: Any) -> str:
    if actor is None or getattr(actor, "pk", None) is None:
        return "system"
    return str(getattr(actor, "full_name", "") or actor.get_username())


def calendar_of(dossier: Dossier) -> tuple[WorkCalendar, RuleSet]:
    return calendar_for(dossier.unit), core_rules(dossier.deadline_ruleset)


def next_value(name: str) -> int:
    """Increment the named counter in one statement: concurrent receipts never get the same number."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO dossiers_counter (name, value) VALUES (%s, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = dossiers_counter.value + 1 RETURNING value",
            [name],
        )
        row = cursor.fetchone()
    assert row is not None
    return int(row[0])


def refuse(code: str, message: str, field_name: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field_name: code})


def perform(
    *,
    actor: Any,
    dossier: Dossier,
    action: str,
    apply: Any,
    revision: int | None = None,
    idempotency_key: str | None = None,
    at: dt.datetime | None = None,
    authorised: bool = False,
) -> Dossier:
    """The frame of every operation on an existing dossier. `apply(dossier, when)` checks the rule of the
    operation, changes the locked row and returns (Step, changed field names); it runs after the
    status check, so a refusal from it changes nothing either (the caller's transaction rolls back).
    `authorised` skips the role check, for the applicant's own actions."""
    key = key_for(actor, idempotency_key)
    if (done := replayed(key, dossier)) is not None:
        return done
    locked = lock(dossier)
    # a concurrent retry that finished while this one waited answers first: its revision is newer
    if (done := replayed(key, locked)) is not None:
        return done
    check_revision(locked, revision)
    if not authorised:
        require(actor, action, locked)
    before = locked.status
    locked.status = check(locked, action)
    when = now_or(at)
    step, changed = apply(locked, when)
    record(actor=actor, dossier=locked, step=step, before=before, at=when, key=key, changed=changed)
    return locked


def allotment(dossier: Dossier, roles: tuple[str, ...], *, last: bool = False) -> dict[str, Any]:
    """The step of the internal process a role holds, for the control slip's K2 result of a hand-over
    that is not a step of its own (the one-stop section's transfer, the head's signature)."""
    version = dossier.procedure_version
    if version is None:
        return {}
    steps = version.steps.filter(role__in=roles).order_by("-position" if last else "position")
    step = steps.first()
    if step is None:
        return {}
    return {"step": step.position, "name": step.name, "allotted_minutes": int(step.hours * 60)}


def officer_check(d: Dossier, user: Any) -> None:
    """An assignee or a hand-over receiver must work in the settling unit."""
    if user is not None and not can(user, PROCESS, d.processing_unit):
        raise refuse(
            "receiver_outside_unit",
            _("%(name)s không có quyền xử lý hồ sơ của %(unit)s.")
            % {"name": getattr(user, "full_name", "") or user.get_username(), "unit": d.processing_unit.name},
            "receiver",
        )
