"""Writes to review records: a unit reviews a procedure (criteria, proposals, cost lines), sends it, and
the control office accepts it or returns it (plan tasks 8 and 9)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.accounts.access import can
from motcua.catalog.models import Procedure
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.reviews.enums import (
    CampaignStatus,
    CostKind,
    Criterion,
    ProposalKind,
    RecordStatus,
    Scenario,
    Verdict,
)
from motcua.reviews.models import CostLine, ReviewAssessment, ReviewCampaign, ReviewProposal, ReviewRecord
from motcua.reviews.workflow import RECORD_MOVES, allowed
from motcua.units.models import Unit

MAX_HOURS = Decimal("10000")  # hours of one compliance; more is a typing error
MAX_AMOUNT = Decimal("100000000000")  # 100 billion đồng for one compliance
MAX_TIMES = Decimal("10000")
MAX_SUBJECTS = 100_000_000


@dataclass(frozen=True)
class AssessmentInput:
    criterion: str
    verdict: str
    comment: str = ""


@dataclass(frozen=True)
class ProposalInput:
    kind: str
    content: str
    regulation: str = ""


@dataclass(frozen=True)
class CostLineInput:
    scenario: str
    kind: str
    name: str
    hours: Decimal | None = None
    amount: Decimal | None = None


def _bad(code: str, message: str, field: str) -> ApplicationError:
    return ApplicationError(code, message, fields={field: "invalid"})


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def record_state(record: ReviewRecord) -> dict[str, Any]:
    """The record with its criteria, proposals and cost lines, for the audit trail."""
    return {
        **snapshot(record),
        "assessments": {a.criterion: [a.verdict, a.comment] for a in record.assessments.all()},
        "proposals": [[p.kind, p.content, p.regulation] for p in record.proposals.all()],
        "cost_lines": [
            [c.scenario, c.kind, c.name, _text(c.hours), _text(c.amount)]
            for c in record.cost_lines.order_by("position")
        ],
    }


@transaction.atomic
def record_create(*, actor: Any, campaign: ReviewCampaign, procedure: Procedure, unit: Unit) -> ReviewRecord:
    """A unit asked by an open campaign starts reviewing a procedure; the six criteria start unassessed."""
    locked = ReviewCampaign.objects.select_for_update().get(pk=campaign.pk)
    if not can(actor, "reviews.add_reviewrecord", unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền rà soát cho đơn vị này."), "unit")
    if locked.status != CampaignStatus.OPEN:
        raise ApplicationError(
            "campaign_not_open", _("Đợt rà soát chưa mở hoặc đã kết thúc."), fields={"campaign": "not_open"}
        )
    if not locked.units.filter(pk=unit.pk).exists():
        raise ApplicationError(
            "record_unit_not_asked",
            _("%(unit)s không được giao rà soát trong đợt này.") % {"unit": unit.name},
            fields={"unit": "not_asked"},
        )
    if procedure.abolished_on is not None:
        raise ApplicationError(
            "procedure_abolished",
            _("Thủ tục %(code)s đã bị bãi bỏ.") % {"code": procedure.code},
            fields={"procedure": "abolished"},
        )
    if ReviewRecord.objects.filter(campaign=locked, procedure=procedure, unit=unit).exists():
        raise ApplicationError(
            "record_exists",
            _("%(unit)s đã có phiếu rà soát thủ tục %(code)s trong đợt này.")
            % {"unit": unit.name, "code": procedure.code},
            fields={"procedure": "exists"},
        )
    record = ReviewRecord.objects.create(campaign=locked, procedure=procedure, unit=unit, created_by=actor)
    ReviewAssessment.objects.bulk_create(
        [ReviewAssessment(record=record, criterion=c) for c in Criterion.values]
    )
    audit_record(
        actor=actor,
        operation="reviews.record_create",
        target=record,
        unit_id=unit.pk,
        after=record_state(record),
    )
    return record


def _editable(actor: Any, record: ReviewRecord) -> ReviewRecord:
    locked = (
        ReviewRecord.objects.select_for_update(of=("self",))
        .select_related("campaign", "unit")
        .get(pk=record.pk)
    )
    if not can(actor, "reviews.change_reviewrecord", locked.unit):
        raise ApplicationError.forbidden(_("Bạn không có quyền sửa phiếu rà soát của đơn vị này."), "record")
    if locked.campaign.status != CampaignStatus.OPEN:
        raise ApplicationError(
            "campaign_not_open", _("Đợt rà soát chưa mở hoặc đã kết thúc."), fields={"campaign": "not_open"}
        )
    if locked.status != RecordStatus.DRAFT:
        raise ApplicationError(
            "record_not_draft",
            _("Phiếu đã gửi; chỉ sửa được khi Văn phòng trả lại."),
            fields={"status": "not_draft"},
        )
    return locked


def _check_numbers(times: Decimal, after_times: Decimal | None, subjects: int) -> None:
    for value in (times, after_times):
        if value is not None and not Decimal(0) <= value <= MAX_TIMES:
            raise _bad(
                "record_times", _("Số lần thực hiện trong năm phải từ 0 đến 10.000."), "times_per_year"
            )
    if not 0 <= subjects <= MAX_SUBJECTS:
        raise _bad("record_subjects", _("Số đối tượng phải từ 0 đến 100.000.000."), "subjects_per_year")


def _check_assessments(items: Sequence[AssessmentInput]) -> None:
    for item in items:
        if item.criterion not in Criterion.values or item.verdict not in Verdict.values:
            raise _bad("assessment_invalid", _("Tiêu chí hoặc kết quả đánh giá không hợp lệ."), "assessments")
    if len({item.criterion for item in items}) != len(items):
        raise _bad("assessment_repeated", _("Một tiêu chí được đánh giá hai lần."), "assessments")


def _check_proposals(items: Sequence[ProposalInput]) -> None:
    for item in items:
        if item.kind not in ProposalKind.values:
            raise _bad("proposal_kind", _("Hình thức đơn giản hóa không hợp lệ."), "proposals")
        if not item.content.strip():
            raise _bad("proposal_content", _("Hãy ghi nội dung của phương án đơn giản hóa."), "proposals")


def _check_lines(items: Sequence[CostLineInput]) -> None:
    for item in items:
        if item.scenario not in Scenario.values or item.kind not in CostKind.values:
            raise _bad("cost_line_kind", _("Loại khoản chi phí không hợp lệ."), "cost_lines")
        if not item.name.strip():
            raise _bad("cost_line_name", _("Hãy ghi nội dung của từng khoản chi phí."), "cost_lines")
        label = {"name": item.name.strip()}
        if item.kind == CostKind.TASK:
            if item.hours is None or item.amount is not None or not Decimal(0) <= item.hours <= MAX_HOURS:
                raise _bad(
                    "cost_line_hours",
                    _("Công việc “%(name)s”: ghi số giờ (từ 0 đến 10.000), không ghi số tiền.") % label,
                    "cost_lines",
                )
        elif item.amount is None or item.hours is not None or not Decimal(0) <= item.amount <= MAX_AMOUNT:
            raise _bad(
                "cost_line_amount",
                _("Khoản “%(name)s”: ghi số tiền (đồng, không âm), không ghi số giờ.") % label,
                "cost_lines",
            )
        elif item.amount != item.amount.to_integral_value():
            raise _bad(
                "cost_line_amount", _("Khoản “%(name)s”: số tiền tính bằng đồng chẵn.") % label, "cost_lines"
            )


@transaction.atomic
def record_update(
    *,
    actor: Any,
    record: ReviewRecord,
    conclusion: str,
    times_per_year: Decimal,
    subjects_per_year: int,
    after_times_per_year: Decimal | None = None,
    assessments: Sequence[AssessmentInput] | None = None,
    proposals: Sequence[ProposalInput] | None = None,
    cost_lines: Sequence[CostLineInput] | None = None,
) -> ReviewRecord:
    """The reviewing unit writes its review: criteria, conclusion, proposals, and the cost now and after
    simplification (Circular 02/2017 Art. 27); proposals and cost lines given replace the old ones."""
    locked = _editable(actor, record)
    _check_numbers(times_per_year, after_times_per_year, subjects_per_year)
    _check_assessments(assessments or ())
    _check_proposals(proposals or ())
    _check_lines(cost_lines or ())
    before = record_state(locked)
    locked.conclusion = conclusion.strip()
    locked.times_per_year, locked.after_times_per_year = times_per_year, after_times_per_year
    locked.subjects_per_year = subjects_per_year
    locked.save()
    for item in assessments or ():
        locked.assessments.filter(criterion=item.criterion).update(
            verdict=item.verdict, comment=item.comment.strip()
        )
    if proposals is not None:
        locked.proposals.all().delete()
        ReviewProposal.objects.bulk_create(
            [
                ReviewProposal(
                    record=locked,
                    position=i,
                    kind=p.kind,
                    content=p.content.strip(),
                    regulation=p.regulation.strip(),
                )
                for i, p in enumerate(proposals, start=1)
            ]
        )
    if cost_lines is not None:
        locked.cost_lines.all().delete()
        CostLine.objects.bulk_create(
            [
                CostLine(
                    record=locked,
                    scenario=c.scenario,
                    kind=c.kind,
                    position=i,
                    name=c.name.strip(),
                    hours=c.hours,
                    amount=c.amount,
                )
                for i, c in enumerate(cost_lines, start=1)
            ]
        )
    locked.refresh_from_db()  # the audit shows the values as stored (2.00 h, not 2)
    audit_record(
        actor=actor,
        operation="reviews.record_update",
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=record_state(locked),
    )
    return locked


def _incomplete(record: ReviewRecord) -> str | None:
    """Why a record cannot be sent yet, or None."""
    if record.assessments.filter(verdict=Verdict.PENDING).exists():
        return _("Hãy đánh giá đủ sáu tiêu chí.")
    if not record.conclusion:
        return _("Hãy ghi kết luận rà soát.")
    if not record.cost_lines.filter(scenario=Scenario.BEFORE).exists():
        return _("Hãy ghi chi phí tuân thủ hiện tại (ít nhất một khoản).")
    if record.subjects_per_year <= 0 or record.times_per_year <= 0:
        return _("Hãy ghi số lần thực hiện trong năm và số đối tượng thực hiện (lớn hơn 0).")
    failed = record.assessments.filter(verdict=Verdict.NOT_MET).exists()
    if failed and not record.proposals.exists():
        return _("Có tiêu chí không đạt: hãy ghi ít nhất một phương án đơn giản hóa.")
    return None


def _record_move(actor: Any, locked: ReviewRecord, to: str, operation: str, note: str = "") -> ReviewRecord:
    if not allowed(RECORD_MOVES, locked.status, to):
        raise ApplicationError(
            "record_status",
            _("Phiếu đang ở trạng thái “%(status)s”.") % {"status": locked.get_status_display()},
            fields={"status": "not_allowed"},
        )
    before = snapshot(locked)
    now = timezone.now()
    locked.status = to
    if to == RecordStatus.SUBMITTED:
        locked.submitted_at = now
    else:
        locked.reviewed_by, locked.reviewed_at, locked.review_note = actor, now, note.strip()
    locked.save()
    audit_record(
        actor=actor,
        operation=operation,
        target=locked,
        unit_id=locked.unit_id,
        before=before,
        after=snapshot(locked),
        reason=note.strip(),
    )
    return locked


@transaction.atomic
def record_submit(*, actor: Any, record: ReviewRecord) -> ReviewRecord:
    """The unit sends a complete review to the control office (plan task 8: the unit's report)."""
    locked = _editable(actor, record)
    problem = _incomplete(locked)
    if problem is not None:
        raise ApplicationError("record_incomplete", problem, fields={"record": "incomplete"})
    return _record_move(actor, locked, RecordStatus.SUBMITTED, "reviews.record_submit")


def _reviewable(actor: Any, record: ReviewRecord) -> ReviewRecord:
    locked = (
        ReviewRecord.objects.select_for_update(of=("self",))
        .select_related("campaign__unit", "unit")
        .get(pk=record.pk)
    )
    if not can(actor, "reviews.change_reviewcampaign", locked.campaign.unit):
        raise ApplicationError.forbidden(
            _("Chỉ Văn phòng (cơ quan kiểm soát TTHC) xem xét phiếu rà soát."), "record"
        )
    if locked.campaign.status == CampaignStatus.CLOSED:  # closed totals are the campaign's report
        raise ApplicationError(
            "campaign_closed",
            _("Đợt rà soát đã kết thúc; hãy mở lại trước khi xem xét phiếu."),
            fields={"status": "closed"},
        )
    return locked


@transaction.atomic
def record_accept(*, actor: Any, record: ReviewRecord) -> ReviewRecord:
    """The control office accepts a sent review after checking its quality (plan task 9)."""
    return _record_move(actor, _reviewable(actor, record), RecordStatus.ACCEPTED, "reviews.record_accept")


@transaction.atomic
def record_return(*, actor: Any, record: ReviewRecord, note: str) -> ReviewRecord:
    """The control office returns a sent review, saying what to correct (a note is required)."""
    locked = _reviewable(actor, record)
    if not note.strip():
        raise ApplicationError(
            "review_note_required", _("Khi trả lại, hãy ghi rõ cần sửa gì."), fields={"note": "required"}
        )
    return _record_move(actor, locked, RecordStatus.DRAFT, "reviews.record_return", note)
