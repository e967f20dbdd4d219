"""The rules a row must keep beyond reading its cells: what each final status needs, the order of its
moments, components, fees and payment, the result, and the clock and due time from the deadline engine."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from motcua.catalog.selectors import version_limit
from motcua.core.deadlines import (
    LimitUnit,
    Pause,
    TimeLimit,
    due_time,
    effective_receipt,
    working_minutes_between,
)
from motcua.core.dossier_codes import parse_dossier_code, result_code
from motcua.dossiers.enums import Channel, ResultKind, Status

if TYPE_CHECKING:
    from motcua.dossiers.importing.lookups import Lookups
    from motcua.dossiers.importing.validating import Record

#: the statuses a row may end in (a dossier approved or paused is imported one step earlier or later)
IMPORTABLE = (
    Status.SUBMITTED,
    Status.AWAITING_SUPPLEMENT,
    Status.REFUSED,
    Status.RECEIVED,
    Status.IN_PROGRESS,
    Status.AWAITING_APPRAISAL_SUPPLEMENT,
    Status.RESULT_READY,
    Status.RETURNED,
    Status.WITHDRAWN,
)
NEVER_RECEIVED = frozenset({Status.SUBMITTED, Status.AWAITING_SUPPLEMENT, Status.REFUSED})
CLOSED = frozenset({Status.REFUSED, Status.RESULT_READY, Status.RETURNED, Status.WITHDRAWN})
WITH_RESULT = frozenset({Status.RESULT_READY, Status.RETURNED})
ELECTRONIC = frozenset({ResultKind.ELECTRONIC, ResultKind.BOTH, ResultKind.E_CERTIFIED_COPY})
MAX_DEFAULT_COMPONENTS = 5


def check_status(record: Record, times: dict[str, dt.datetime | None], problems: list[str]) -> None:
    """What each final status needs, and the order of the moments that every dossier keeps."""
    status = record.status
    if status == Status.SUBMITTED and record.channel == Channel.COUNTER:
        problems.append(_("hồ sơ nộp trực tiếp không ở trạng thái “đã nộp, chờ tiếp nhận”"))
    if status in (Status.RESULT_READY, Status.RETURNED, Status.WITHDRAWN) and record.finished_at is None:
        problems.append(_("trạng thái %s cần thời điểm giải quyết xong (finished_at)") % status)
    if status == Status.RETURNED and record.returned_at is None:
        problems.append(_("trạng thái returned cần thời điểm trả kết quả (returned_at)"))
    if status != Status.RETURNED and record.returned_at is not None:
        problems.append(_("có returned_at nhưng trạng thái không phải returned"))
    if record.is_open and record.finished_at is not None:
        problems.append(_("hồ sơ đang giải quyết (trạng thái %s) không có finished_at") % status)
    if status == Status.REFUSED and not record.note:
        problems.append(_("hồ sơ từ chối tiếp nhận cần ghi lý do (note)"))
    if status == Status.AWAITING_SUPPLEMENT and times["supplement_requested_at"] is None:
        problems.append(_("trạng thái awaiting_supplement cần supplement_requested_at"))
    if record.rating and status != Status.RETURNED:
        problems.append(_("chỉ hồ sơ đã trả kết quả (returned) mới có đánh giá (rating)"))
    if (record.apologised_at is None) != (record.appointment_at is None):
        problems.append(_("xin lỗi cần cả apologised_at và appointment_at (ngày hẹn mới)"))
    if record.finished_at is None and record.status == Status.REFUSED:
        record.finished_at = record.received_at
    for name in ("finished_at", "returned_at", "transferred_at", "apologised_at"):
        moment = getattr(record, name)
        if moment is not None and moment < record.received_at:
            problems.append(_("%s trước thời điểm tiếp nhận (received_at)") % name)
    if record.finished_at and record.returned_at and record.returned_at < record.finished_at:
        problems.append(_("returned_at trước finished_at"))


def check_components(record: Record, given: int | None, problems: list[str]) -> None:
    documents = len(record.version.documents.all())
    record.components = given if given is not None else max(1, min(MAX_DEFAULT_COMPONENTS, documents))
    if record.digitised > record.components or record.reused > record.components:
        problems.append(
            _("digitised_components và reused_components không được lớn hơn số thành phần (components = %d)")
            % record.components
        )


def check_money(record: Record, problems: list[str]) -> None:
    """Payment: online payments default to the submission; a returned dossier with a fee was paid at return
    (the fee is paid before the result is handed over, Decree 61/2018 Art. 22)."""
    if record.fee_amount == 0:
        if record.paid_online or record.paid_at is not None:
            problems.append(_("có paid_online hoặc paid_at nhưng phí, lệ phí bằng 0"))
        return
    if record.paid_at is None and record.paid_online:
        record.paid_at = record.received_at
    if record.paid_at is None and record.status == Status.RETURNED and not record.fee_waived_reason:
        record.paid_at = record.returned_at
    if record.paid_at is not None and record.paid_at < record.received_at:
        problems.append(_("paid_at trước thời điểm tiếp nhận (received_at)"))
    if record.paid_at is not None and record.returned_at is not None and record.paid_at > record.returned_at:
        problems.append(_("paid_at sau thời điểm trả kết quả: phí phải nộp trước khi nhận kết quả"))


def check_result(record: Record, problems: list[str]) -> None:
    if record.status not in WITH_RESULT:
        if record.result_kind or record.e_result_code:
            problems.append(_("chỉ hồ sơ đã có kết quả mới có result_kind, e_result_code"))
        return
    if not record.result_kind:
        record.result_kind = ResultKind.ELECTRONIC if record.e_result_code else ResultKind.PAPER
    if record.result_kind not in ELECTRONIC:
        if record.e_result_code:
            problems.append(_("kết quả bản giấy không có mã kết quả điện tử (e_result_code)"))
        return
    if not record.e_result_code and parse_dossier_code(record.code) is not None:
        record.e_result_code = result_code(record.code, 1)
    if len(record.e_result_code) > 60:
        problems.append(_("e_result_code dài quá 60 ký tự"))


def check_deadline(
    record: Record, times: dict[str, dt.datetime | None], lookups: Lookups, problems: list[str]
) -> None:
    """The clock and the due time (R1, D1–D6): computed as receipt computes them when the file has no
    due_at; a due_at from the file is kept as the previous system set it."""
    cal = lookups.calendar(record.unit)
    rules = lookups.rules(record.ruleset)
    requested, supplemented = times["supplement_requested_at"], times["supplement_received_at"]
    after_receipt = (
        requested is not None and record.status not in NEVER_RECEIVED and requested >= record.received_at
    )
    pauses: list[Pause] = []
    if after_receipt and requested is not None and supplemented is not None:
        if rules.supplement_policy == "restart":
            record.clock_started_at = supplemented  # D6: the limit restarts on the complete supplement
        else:
            pauses.append(Pause(requested, supplemented))
            record.pauses = [[_iso(requested), _iso(supplemented)]]
    limit = version_limit(record.version, record.channel)
    given = times["due_at"]
    try:
        if limit is None:
            if given is None:
                problems.append(
                    _("thủ tục %s chưa có thời hạn trong danh mục: hãy ghi hạn giải quyết (due_at)")
                    % record.version.procedure.code
                )
                return
            start = effective_receipt(cal, record.clock_started_at)
            days = working_minutes_between(cal, start, given) / (rules.hours_per_day * 60)
            limit = Decimal(max(1, math.ceil(days))), LimitUnit.WORKING_DAYS
        record.time_limit_value, record.time_limit_unit = limit
        deadline = due_time(
            cal,
            record.clock_started_at,
            TimeLimit(float(limit[0]), LimitUnit(limit[1])),
            rules,
            pauses=pauses,
        )
    except ValueError as exc:
        problems.append(_("không tính được hạn giải quyết: %s") % exc)
        return
    record.effective_receipt_at = deadline.effective_receipt
    record.due_at = given if given is not None else deadline.due
    if record.due_at < record.received_at:
        problems.append(_("due_at trước thời điểm tiếp nhận (received_at)"))
    if record.apologised_at is not None and record.appointment_at is not None:
        if record.apologised_at >= record.due_at:
            problems.append(_("apologised_at phải trước hạn giải quyết (D8)"))
        if record.appointment_at <= record.due_at:
            problems.append(_("appointment_at (ngày hẹn mới) phải sau hạn giải quyết"))


def _iso(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat()
