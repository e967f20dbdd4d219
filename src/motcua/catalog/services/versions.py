"""Writing procedure versions: draft, edit, set the internal process, publish (which ends the live one)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts.access import has_perm_somewhere
from motcua.calendars.selectors import core_rules, ruleset_on
from motcua.catalog.enums import EDIT, IMPORT, PUBLISH, LimitUnit, StepRole, VersionStatus
from motcua.catalog.models import (
    Fee,
    InterAgencyStep,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    RequiredDocument,
    VersionChannel,
)
from motcua.catalog.selectors import procedure_key, version_live, version_snapshot
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.core.catalog_rules import Fit, allotment_problem
from motcua.core.deadlines import LimitUnit as CoreLimitUnit
from motcua.core.deadlines import TimeLimit

#: words the catalogue's addresses use after /catalog/, which no procedure code may take
RESERVED_CODES = frozenset({"import", "export", "publications", "offerings", "notice", "new"})

#: the fields of a version an officer edits in a draft (children are replaced through their own services)
EDITABLE_FIELDS = frozenset(
    {
        "name",
        "field",
        "kind",
        "levels",
        "applicants",
        "competent_agency",
        "implementing_agency",
        "receiving_agency",
        "delegated_agency",
        "coordinating_agencies",
        "legal_basis",
        "steps_text",
        "conditions",
        "results",
        "result_type",
        "announcing_decision",
        "time_limit_value",
        "time_limit_unit",
        "time_limit_raw",
        "time_limit_note",
        "same_day_cutoff",
        "online_level",
        "full_process_eligible",
        "pause_allowed",
        "supplement_requests_allowed",
    }
)
_CHILDREN = (
    ("channels", VersionChannel),
    ("fees", Fee),
    ("documents", RequiredDocument),
    ("steps", ProcessStep),
    ("agency_steps", InterAgencyStep),
)
PROCESS_PARTS = (("steps", ProcessStep), ("agency_steps", InterAgencyStep))  # local: never imported


def locked_draft(version: ProcedureVersion) -> ProcedureVersion:
    locked = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    if locked.status != VersionStatus.DRAFT:
        raise ApplicationError(
            "version_not_draft",
            f"Phiên bản {locked.number} đã công bố, không sửa được; hãy tạo bản nháp mới.",
        )
    return locked


def time_limit_of(value: Any, unit: str) -> TimeLimit | None:
    """The engine's time limit for stored fields, None when the version states none."""
    if value in (None, "") or not unit:
        return None
    try:
        return TimeLimit(float(value), CoreLimitUnit(unit))
    except (ValueError, InvalidOperation) as exc:
        raise ApplicationError(
            "time_limit_invalid", f"Thời hạn không hợp lệ: {exc}", fields={"time_limit_value": "invalid"}
        ) from exc


_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,29}")


def code_problem(code: str) -> str:
    """Why `code` cannot be a procedure's code ("" when it can): it is part of the catalogue's addresses."""
    if not _CODE.fullmatch(code):
        return "Mã thủ tục gồm chữ, số, dấu chấm hoặc gạch ngang (ví dụ 1.001193), tối đa 30 ký tự."
    if code.split(".")[0].lower() in RESERVED_CODES:
        return f"Mã thủ tục không được bắt đầu bằng “{code.split('.')[0]}”: đó là một trang của danh mục."
    return ""


@transaction.atomic
def procedure_create(*, actor: Any, code: str, name: str, field: str = "") -> ProcedureVersion:
    """A procedure the portal's file does not bring (a local one, or one announced and not yet in the
    national database): it starts as a draft version 1 that an officer completes and publishes."""
    require(actor, IMPORT)
    code, name = code.strip(), name.strip()
    if code_problem(code):
        raise ApplicationError("procedure_code_invalid", code_problem(code), fields={"code": "invalid"})
    if not name:
        raise ApplicationError(
            "name_required", "Tên thủ tục không được để trống.", fields={"name": "required"}
        )
    if Procedure.objects.filter(code=code).exists():
        raise ApplicationError("procedure_exists", f"Đã có thủ tục mã {code}.", fields={"code": "exists"})
    procedure = Procedure(code=code, name=name, field=field.strip())
    procedure_refresh_key(procedure)
    procedure.save()
    audit_record(
        actor=actor, operation="catalog.procedure_create", target=procedure, after=snapshot(procedure)
    )
    draft = ProcedureVersion.objects.create(
        procedure=procedure, number=1, name=name, field=procedure.field, hand_edited=True
    )
    audit_record(actor=actor, operation="catalog.version_draft", target=draft, after=version_snapshot(draft))
    return draft


@transaction.atomic
def version_draft_create(*, actor: Any, procedure: Procedure) -> ProcedureVersion:
    """A new draft copied from the newest version, while the live version stays in force (peers.md:
    Open Zaak #1532/#1356). A procedure has at most one draft."""
    require(actor, EDIT)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    if procedure.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ApplicationError("draft_exists", "Thủ tục này đã có một bản nháp đang soạn.")
    source = procedure.versions.order_by("-number").first()
    if source is None:
        draft = ProcedureVersion.objects.create(procedure=procedure, number=1, name=procedure.name)
    else:
        draft = _copy(source, number=source.number + 1)
    audit_record(
        actor=actor,
        operation="catalog.version_draft",
        target=draft,
        after=version_snapshot(draft),
        reason=f"từ phiên bản {source.number}" if source else "",
    )
    return draft


def _copy(source: ProcedureVersion, *, number: int) -> ProcedureVersion:
    draft = ProcedureVersion.objects.get(pk=source.pk)
    draft.pk = None
    draft.number = number
    draft.status = VersionStatus.DRAFT
    draft.valid_from = draft.valid_to = draft.published_at = None
    draft.published_by = None
    draft.hand_edited = False
    draft.save(force_insert=True)
    copy_parts(source, draft)
    return draft


def copy_parts(
    source: ProcedureVersion, target: ProcedureVersion, parts: tuple[tuple[str, Any], ...] = _CHILDREN
) -> None:
    """Copy the rows of `source`'s parts (all, or the ones named) to `target`."""
    for related, model in parts:
        rows = list(getattr(source, related).all())
        for row in rows:
            row.pk = None
            row.version = target
        model.objects.bulk_create(rows)


def version_end(
    *,
    actor: Any,
    version: ProcedureVersion,
    first_day_without: dt.date,
    refusal: ApplicationError,
    reason: str,
) -> None:
    """End a version the day before `first_day_without`; `refusal` is raised instead when a dossier was
    already received under it from that day (dossiers keep the version they were opened under). A version
    whose end is still ahead stays published until then."""
    if version.dossiers.filter(received_at__date__gte=first_day_without).exists():
        raise refusal
    before = version_snapshot(version)
    version.valid_to = first_day_without - dt.timedelta(days=1)
    if version.valid_to < timezone.localdate():
        version.status = VersionStatus.ENDED
    version.save(update_fields=["valid_to", "status", "updated_at"])
    audit_record(
        actor=actor,
        operation="catalog.version_end",
        target=version,
        before=before,
        after=version_snapshot(version),
        reason=reason,
    )


@transaction.atomic
def version_update(*, actor: Any, version: ProcedureVersion, **changes: Any) -> ProcedureVersion:
    """Edit a draft; a published version never changes (dossiers rely on it: Decree 61/2018 Art. 19)."""
    require(actor, EDIT)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    version = locked_draft(version)
    before = version_snapshot(version)
    for name, value in changes.items():
        setattr(version, name, value)
    if version.time_limit_unit == LimitUnit.SAME_DAY and version.time_limit_value in (None, ""):
        version.time_limit_value = Decimal(0)
    time_limit_of(version.time_limit_value, version.time_limit_unit)
    if not str(version.name).strip():
        raise ApplicationError(
            "name_required", "Tên thủ tục không được để trống.", fields={"name": "required"}
        )
    version.hand_edited = True
    version.save()
    audit_record(
        actor=actor,
        operation="catalog.version_update",
        target=version,
        before=before,
        after=version_snapshot(version),
    )
    return version


@dataclass(frozen=True)
class StepInput:
    name: str
    role: str
    hours: Decimal


@dataclass(frozen=True)
class AgencyStepInput:
    agency: str
    task: str
    hours: Decimal


def process_problem(
    version: ProcedureVersion,
    steps: Sequence[Decimal],
    agency_steps: Sequence[Decimal] = (),
    *,
    on: dt.date | None = None,
) -> str:
    """Why the internal process does not fit the version's time limit ("" when it does)."""
    limit = time_limit_of(version.time_limit_value, version.time_limit_unit)
    if limit is None:
        return "phiên bản chưa có thời hạn giải quyết để chia cho các bước" if steps else ""
    # a working day has as many hours as the deadline rule set in force says (D2), not a constant here
    hours = core_rules(ruleset_on(on or version.valid_from or timezone.localdate())).hours_per_day
    problem = allotment_problem(limit, list(steps), hours_per_day=hours) if steps else ""
    if not problem and agency_steps:
        shares = allotment_problem(limit, list(agency_steps), hours_per_day=hours, fit=Fit.AT_MOST)
        problem = f"liên thông: {shares}" if shares else ""
    return problem


@transaction.atomic
def version_process_set(
    *,
    actor: Any,
    version: ProcedureVersion,
    steps: Sequence[StepInput],
    agency_steps: Sequence[AgencyStepInput] = (),
) -> ProcedureVersion:
    """Replace the internal process (Circular 01/2018 Art. 8): the steps' working hours must add up to
    the time limit; inter-agency shares may not exceed it."""
    require(actor, EDIT)
    version = locked_draft(version)
    for step in steps:
        if not step.name.strip() or step.role not in StepRole.values:
            raise ApplicationError("step_invalid", "Mỗi bước cần nội dung và người thực hiện hợp lệ.")
    for agency_step in agency_steps:
        if not agency_step.agency.strip():
            raise ApplicationError("agency_step_invalid", "Mỗi bước liên thông cần tên cơ quan.")
    problem = process_problem(version, [s.hours for s in steps], [a.hours for a in agency_steps])
    if problem:
        raise ApplicationError("process_does_not_fit", f"Quy trình nội bộ chưa khớp thời hạn: {problem}.")
    before = version_snapshot(version)
    version.hand_edited = True
    version.save(update_fields=["hand_edited", "updated_at"])
    version.steps.all().delete()
    version.agency_steps.all().delete()
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, position=i, name=s.name.strip(), role=s.role, hours=s.hours)
        for i, s in enumerate(steps, start=1)
    )
    InterAgencyStep.objects.bulk_create(
        InterAgencyStep(version=version, position=i, agency=a.agency.strip(), task=a.task, hours=a.hours)
        for i, a in enumerate(agency_steps, start=1)
    )
    audit_record(
        actor=actor,
        operation="catalog.version_process",
        target=version,
        before=before,
        after=version_snapshot(version),
    )
    return version


@transaction.atomic
def version_publish(
    *, actor: Any, version: ProcedureVersion, valid_from: dt.date | None = None
) -> ProcedureVersion:
    """Publish a draft; the version live until then ends the day before, in the same transaction, so a
    procedure never has two versions in force (dossiers already opened keep theirs)."""
    require(actor, PUBLISH)
    procedure = Procedure.objects.select_for_update().get(pk=version.procedure_id)
    version = locked_draft(version)
    valid_from = valid_from or timezone.localdate()
    channels = list(version.channels.all())
    per_channel = bool(channels) and all(c.time_limit_unit for c in channels)
    if time_limit_of(version.time_limit_value, version.time_limit_unit) is None and not per_channel:
        # a dossier needs a time limit: the procedure's own, or one for each channel it can arrive by
        raise ApplicationError(
            "time_limit_required",
            "Chưa công bố được: chưa có thời hạn giải quyết đã xác định (giá trị và đơn vị), "
            "chung cho thủ tục hoặc cho từng hình thức nộp.",
            fields={"time_limit_value": "required"},
        )
    steps = list(version.steps.values_list("hours", flat=True))
    shares = list(version.agency_steps.values_list("hours", flat=True))
    problem = process_problem(version, steps, shares, on=valid_from)  # the rule set of its first day
    if problem:
        raise ApplicationError("process_does_not_fit", f"Quy trình nội bộ chưa khớp thời hạn: {problem}.")
    if procedure.abolished_on is not None and valid_from >= procedure.abolished_on:
        raise ApplicationError(
            "procedure_abolished",
            f"Thủ tục đã bị bãi bỏ từ {procedure.abolished_on:%d/%m/%Y}: không công bố phiên bản có hiệu lực sau đó.",
            fields={"valid_from": "abolished"},
        )
    live = version_live(procedure, on=valid_from, lock=True)
    later = procedure.versions.filter(
        status__in=[VersionStatus.PUBLISHED, VersionStatus.ENDED], valid_from__gte=valid_from
    ).exclude(pk=version.pk)
    if later.exists():
        raise ApplicationError(
            "valid_from_too_early",
            "Ngày hiệu lực phải sau ngày hiệu lực của phiên bản đang công bố.",
            fields={"valid_from": "too_early"},
        )
    today = timezone.localdate()
    if live is not None:
        version_end(
            actor=actor,
            version=live,
            first_day_without=valid_from,
            refusal=ApplicationError(
                "valid_from_before_dossiers",
                f"Không công bố hiệu lực từ {valid_from:%d/%m/%Y}: đã có hồ sơ tiếp nhận theo phiên bản "
                f"{live.number} từ ngày đó; hồ sơ giữ phiên bản đã mở, nên ngày hiệu lực phải sau các hồ sơ ấy.",
                fields={"valid_from": "before_dossiers"},
            ),
            reason=f"thay bằng phiên bản {version.number}",
        )
    before = version_snapshot(version)
    version.status = VersionStatus.PUBLISHED
    version.valid_from = valid_from
    version.published_at = timezone.now()
    version.published_by = actor if getattr(actor, "pk", None) else None
    version.save()
    if valid_from <= today:  # a version that starts later does not rename the procedure yet
        procedure.name, procedure.field = version.name, version.field
    procedure_refresh_key(procedure, also=version)
    procedure.save(update_fields=["name", "field", "search_key", "updated_at"])
    audit_record(
        actor=actor,
        operation="catalog.version_publish",
        target=version,
        before=before,
        after=version_snapshot(version),
    )
    return version


def procedure_refresh_key(procedure: Procedure, *, also: ProcedureVersion | None = None) -> None:
    """The search key: code, name and field, plus a scheduled version's name so that both are found."""
    name = procedure.name
    if also is not None and also.name != procedure.name:
        name = f"{procedure.name} {also.name}"
    procedure.search_key = procedure_key(procedure.code, name, procedure.field)


def require(actor: Any, perm: str) -> None:
    """The catalogue is one for the whole installation: its permissions are not tied to units. `actor`
    None is the system itself (the command line, the demo loader)."""
    if actor is not None and not has_perm_somewhere(actor, perm):
        raise ApplicationError.forbidden("Bạn không có quyền thực hiện thao tác này trên danh mục thủ tục.")


@transaction.atomic
def catalog_refresh(*, actor: Any = None, today: dt.date | None = None) -> tuple[int, int]:
    """The daily turn of dates: versions whose end date has passed are marked ended, and a procedure whose
    scheduled version has taken effect takes its name and field. Returns (versions ended, procedures renamed)."""
    require(actor, PUBLISH)
    today = today or timezone.localdate()
    ended = 0
    for version in ProcedureVersion.objects.select_for_update().filter(
        status=VersionStatus.PUBLISHED, valid_to__lt=today
    ):
        before = version_snapshot(version)
        version.status = VersionStatus.ENDED
        version.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            operation="catalog.version_end",
            target=version,
            before=before,
            after=version_snapshot(version),
            reason="hết hiệu lực theo ngày",
        )
        ended += 1
    renamed = 0
    for procedure in Procedure.objects.select_for_update().all():
        live = version_live(procedure, on=today)
        if live is None or (live.name, live.field) == (procedure.name, procedure.field):
            continue
        before = snapshot(procedure)
        procedure.name, procedure.field = live.name, live.field
        procedure_refresh_key(procedure)
        procedure.save(update_fields=["name", "field", "search_key", "updated_at"])
        audit_record(
            actor=actor,
            operation="catalog.procedure_rename",
            target=procedure,
            before=before,
            after=snapshot(procedure),
            reason=f"phiên bản {live.number} có hiệu lực",
        )
        renamed += 1
    return ended, renamed
