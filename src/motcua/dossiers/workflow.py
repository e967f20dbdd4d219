"""The one-stop lifecycle as data: every action, the statuses it may start from, where it leads, and its
legal basis (Decree 61/2018, as summarised in shared/domain/regulations.md §1; deadlines.md D6–D8).

Services look an action up here before they change anything; an action missing from a status is refused
with the list of what is allowed there. Actions whose `target` is None record an event and keep the status.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from motcua.dossiers.enums import APPROVE, PROCESS, RECEIVE, Action, Status

#: where a dossier comes into existence: received at the counter, or submitted online or by post
START = "start"
TERMINAL = frozenset({Status.REFUSED, Status.RETURNED, Status.WITHDRAWN})
#: statuses in which the time limit does not run (D6, D7; before receipt, a supplement restarts it):
#: such a dossier is neither due soon nor overdue until its clock runs again
CLOCK_STOPPED = frozenset({Status.PAUSED, Status.AWAITING_SUPPLEMENT, Status.AWAITING_APPRAISAL_SUPPLEMENT})

_OPEN_BEFORE_RECEIPT = frozenset({Status.SUBMITTED, Status.AWAITING_SUPPLEMENT})
_SETTLING = frozenset({Status.IN_PROGRESS, Status.PAUSED, Status.AWAITING_APPRAISAL_SUPPLEMENT})
_AFTER_RECEIPT = frozenset({Status.RECEIVED, *_SETTLING, Status.APPROVED, Status.RESULT_READY})


@dataclass(frozen=True)
class Edge:
    sources: frozenset[str]
    target: str | None  # None: the action is recorded and the status stays
    basis: str


ACTIONS: dict[str, Edge] = {
    Action.SUBMIT: Edge(
        frozenset({START}), Status.SUBMITTED, "Nghị định 61/2018 Điều 16: nộp trực tuyến, qua bưu chính"
    ),
    Action.RECEIVE: Edge(
        frozenset({START, Status.SUBMITTED}),
        Status.RECEIVED,
        "Nghị định 61/2018 Điều 17: hồ sơ đầy đủ, tiếp nhận và cấp Giấy tiếp nhận, hẹn trả kết quả (Mẫu 01)",
    ),
    Action.REQUEST_SUPPLEMENT: Edge(
        frozenset({START, Status.SUBMITTED}),
        Status.AWAITING_SUPPLEMENT,
        "Nghị định 61/2018 Điều 15, 17: hướng dẫn bổ sung một lần, đầy đủ, chính xác (Mẫu 02)",
    ),
    Action.SUPPLEMENT: Edge(
        frozenset({Status.AWAITING_SUPPLEMENT}),
        Status.SUBMITTED,
        "Nghị định 61/2018 Điều 17: nộp lại hồ sơ đã bổ sung",
    ),
    Action.REFUSE: Edge(
        frozenset({START, *_OPEN_BEFORE_RECEIPT}),
        Status.REFUSED,
        "Nghị định 61/2018 Điều 17: từ chối tiếp nhận, nêu rõ lý do (Mẫu 03)",
    ),
    Action.TRANSFER: Edge(
        frozenset({Status.RECEIVED}),
        Status.IN_PROGRESS,
        "Nghị định 61/2018 Điều 18: chuyển trong ngày; nhận sau 15 giờ thì đầu giờ ngày làm việc tiếp theo",
    ),
    Action.ASSIGN: Edge(
        frozenset({Status.IN_PROGRESS}), None, "Nghị định 61/2018 Điều 19: phân công cán bộ thẩm định"
    ),
    Action.STEP_START: Edge(
        frozenset({Status.IN_PROGRESS}), None, "Thông tư 01/2018 Điều 8: quy trình nội bộ"
    ),
    Action.STEP_FINISH: Edge(
        frozenset({Status.IN_PROGRESS}),
        None,
        "Thông tư 01/2018: bàn giao giữa các bước (Phiếu kiểm soát, Mẫu 05)",
    ),
    Action.CONSULT: Edge(
        frozenset({Status.IN_PROGRESS}),
        None,
        "Nghị định 61/2018 Điều 19: lấy ý kiến cơ quan liên quan, nêu thời hạn",
    ),
    Action.CONSULT_ANSWER: Edge(
        frozenset({Status.IN_PROGRESS}), None, "Nghị định 61/2018 Điều 19: trả lời đúng hạn"
    ),
    Action.FIND_INCOMPLETE: Edge(
        frozenset({Status.IN_PROGRESS}),
        Status.AWAITING_APPRAISAL_SUPPLEMENT,
        "Nghị định 61/2018 Điều 19 khoản 4: thông báo trong 03 ngày làm việc; thời hạn tính lại từ đầu (D6)",
    ),
    Action.SUPPLEMENT_AFTER_APPRAISAL: Edge(
        frozenset({Status.AWAITING_APPRAISAL_SUPPLEMENT}),
        Status.IN_PROGRESS,
        "Nghị định 61/2018 Điều 19 khoản 4: nhận đủ hồ sơ, thời hạn giải quyết tính lại từ đầu (D6)",
    ),
    Action.PAUSE: Edge(
        frozenset({Status.IN_PROGRESS}),
        Status.PAUSED,
        "Quy tắc D7: tạm dừng khi pháp luật chuyên ngành của thủ tục cho phép",
    ),
    Action.RESUME: Edge(
        frozenset({Status.PAUSED}), Status.IN_PROGRESS, "Quy tắc D7: tiếp tục, thời gian còn lại giữ nguyên"
    ),
    Action.APOLOGISE: Edge(
        _SETTLING | {Status.RECEIVED, Status.APPROVED},
        None,
        "Nghị định 61/2018 Điều 19 khoản 9: xin lỗi, hẹn lại một lần, chậm nhất 01 ngày trước hạn (Mẫu 04, D8)",
    ),
    Action.APPROVE: Edge(
        frozenset({Status.IN_PROGRESS}), Status.APPROVED, "Nghị định 61/2018 Điều 19: trình, phê duyệt, ký"
    ),
    Action.REJECT: Edge(
        frozenset({Status.IN_PROGRESS}),
        Status.RESULT_READY,
        "Nghị định 61/2018 Điều 19: không đủ điều kiện giải quyết, văn bản nêu lý do trả trong thời hạn (Mẫu 03)",
    ),
    Action.ISSUE_RESULT: Edge(
        frozenset({Status.APPROVED}),
        Status.RESULT_READY,
        "Nghị định 61/2018 Điều 19; Nghị định 45/2020 Điều 14: kết quả giấy, điện tử (mã <hồ sơ>-KQn)",
    ),
    Action.NOTIFY_EARLY: Edge(
        frozenset({Status.RESULT_READY}), None, "Nghị định 61/2018 Điều 20: báo trước khi trả kết quả sớm"
    ),
    Action.PAY: Edge(
        _OPEN_BEFORE_RECEIPT | _AFTER_RECEIPT,
        None,
        "Nghị định 61/2018 Điều 22: nộp phí, lệ phí (tiền mặt, chuyển khoản, trực tuyến)",
    ),
    Action.RETURN_RESULT: Edge(
        frozenset({Status.RESULT_READY}), Status.RETURNED, "Nghị định 61/2018 Điều 20: trả kết quả"
    ),
    Action.WITHDRAW: Edge(
        _OPEN_BEFORE_RECEIPT | {Status.RECEIVED} | _SETTLING,
        Status.WITHDRAWN,
        "Theo đề nghị của người nộp; Chỉ số 766 coi rút hồ sơ là kết thúc xử lý (regulations.md §1.11)",
    ),
}

#: the status changes the actions allow: dict[from, frozenset[to]] (self-loops are events only)
TRANSITIONS: dict[str, frozenset[str]] = {
    source: frozenset(e.target for e in ACTIONS.values() if source in e.sources and e.target is not None)
    for source in [START, *Status.values]
}


class IllegalTransition(Exception):
    def __init__(self, status: str, action: str) -> None:
        allowed = ", ".join(str(Action(a).label) for a in allowed_actions(status)) or _(
            "không còn thao tác nào"
        )
        label = _("chưa có") if status == START else Status(status).label
        super().__init__(
            _(
                "Hồ sơ đang ở trạng thái “%(status)s”: không thực hiện được “%(action)s”. Được phép: %(allowed)s."
            )
            % {"status": label, "action": Action(action).label, "allowed": allowed}
        )
        self.status, self.action = status, action


def allowed_actions(status: str) -> list[str]:
    return [action for action, edge in ACTIONS.items() if status in edge.sources]


def next_status(status: str, action: str) -> str:
    """Where `action` leads from `status`, or IllegalTransition (nothing changes then)."""
    edge = ACTIONS.get(action)
    if edge is None or status not in edge.sources:
        raise IllegalTransition(status, action)
    return edge.target or status


# Who may take each action, and on which unit of the dossier the permission must reach: the receiving
# unit for the one-stop section's work, the settling unit for appraisal and signature.
RECEIVING, SETTLING = "unit", "processing_unit"
PERMISSIONS: dict[str, tuple[str, str]] = {
    Action.SUBMIT: (RECEIVE, RECEIVING),
    Action.RECEIVE: (RECEIVE, RECEIVING),
    Action.REQUEST_SUPPLEMENT: (RECEIVE, RECEIVING),
    Action.SUPPLEMENT: (RECEIVE, RECEIVING),
    Action.REFUSE: (RECEIVE, RECEIVING),
    Action.TRANSFER: (RECEIVE, RECEIVING),
    Action.ASSIGN: (APPROVE, SETTLING),
    Action.STEP_START: (PROCESS, SETTLING),
    Action.STEP_FINISH: (PROCESS, SETTLING),
    Action.CONSULT: (PROCESS, SETTLING),
    Action.CONSULT_ANSWER: (PROCESS, SETTLING),
    Action.FIND_INCOMPLETE: (PROCESS, SETTLING),
    Action.SUPPLEMENT_AFTER_APPRAISAL: (RECEIVE, RECEIVING),
    Action.PAUSE: (PROCESS, SETTLING),
    Action.RESUME: (PROCESS, SETTLING),
    Action.APOLOGISE: (PROCESS, SETTLING),
    Action.APPROVE: (APPROVE, SETTLING),
    Action.REJECT: (APPROVE, SETTLING),
    Action.ISSUE_RESULT: (APPROVE, SETTLING),
    Action.NOTIFY_EARLY: (RECEIVE, RECEIVING),
    Action.PAY: (RECEIVE, RECEIVING),
    Action.RETURN_RESULT: (RECEIVE, RECEIVING),
    Action.WITHDRAW: (RECEIVE, RECEIVING),
}
