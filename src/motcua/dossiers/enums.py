"""Choices of the dossier lifecycle (Decree 61/2018 Art. 16–20; deadlines.md D6–D8)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Đã nộp, chờ tiếp nhận")
    AWAITING_SUPPLEMENT = "awaiting_supplement", _("Chờ bổ sung trước khi tiếp nhận")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    RECEIVED = "received", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    AWAITING_APPRAISAL_SUPPLEMENT = "awaiting_appraisal_supplement", _("Chờ bổ sung sau thẩm định")
    PAUSED = "paused", _("Tạm dừng")
    APPROVED = "approved", _("Đã phê duyệt")
    RESULT_READY = "result_ready", _("Đã có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    WITHDRAWN = "withdrawn", _("Người nộp rút hồ sơ")


class Action(models.TextChoices):
    SUBMIT = "submit", _("Nộp hồ sơ (trực tuyến, bưu chính)")
    RECEIVE = "receive", _("Tiếp nhận")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung, hoàn thiện")
    SUPPLEMENT = "supplement", _("Nộp bổ sung")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    TRANSFER = "transfer", _("Chuyển xử lý")
    ASSIGN = "assign", _("Phân công")
    STEP_START = "step_start", _("Bắt đầu bước xử lý")
    STEP_FINISH = "step_finish", _("Hoàn thành bước, bàn giao")
    CONSULT = "consult", _("Lấy ý kiến cơ quan khác")
    CONSULT_ANSWER = "consult_answer", _("Nhận ý kiến")
    FIND_INCOMPLETE = "find_incomplete", _("Thẩm định chưa đủ điều kiện, yêu cầu bổ sung")
    SUPPLEMENT_AFTER_APPRAISAL = "supplement_after_appraisal", _("Nhận đủ hồ sơ bổ sung")
    PAUSE = "pause", _("Tạm dừng giải quyết")
    RESUME = "resume", _("Tiếp tục giải quyết")
    APOLOGISE = "apologise", _("Xin lỗi và hẹn lại ngày trả")
    APPROVE = "approve", _("Phê duyệt, ký")
    REJECT = "reject", _("Không giải quyết (có văn bản nêu lý do)")
    ISSUE_RESULT = "issue_result", _("Có kết quả, chuyển Bộ phận Một cửa")
    NOTIFY_EARLY = "notify_early", _("Báo trả kết quả sớm")
    PAY = "pay", _("Nộp phí, lệ phí")
    RETURN_RESULT = "return_result", _("Trả kết quả")
    WITHDRAW = "withdraw", _("Rút hồ sơ")


class Channel(models.TextChoices):
    """How a dossier arrived and how its result goes back (Decree 61/2018 Art. 16)."""

    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Dịch vụ bưu chính")


class ResultKind(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    ELECTRONIC = "electronic", _("Bản điện tử")
    BOTH = "both", _("Bản giấy và bản điện tử")
    E_CERTIFIED_COPY = "e_certified_copy", _("Bản sao điện tử được chứng thực từ bản chính")


class PaymentMethod(models.TextChoices):
    CASH = "cash", _("Tiền mặt")
    TRANSFER = "transfer", _("Chuyển khoản")
    ONLINE = "online", _("Thanh toán trực tuyến")
    POST = "post", _("Qua dịch vụ bưu chính")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Hài lòng")
    NORMAL = "normal", _("Bình thường")
    DISSATISFIED = "dissatisfied", _("Không hài lòng")


class Alert(models.TextChoices):
    """What the periodic scan found (issue 6 item 9); indexed so the queue filters are cheap."""

    NONE = "", _("Trong hạn")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")


# Permissions of the one-stop lifecycle (granted to roles in accounts.roles, release 4).
VIEW = "dossiers.view_dossier"
RECEIVE = "dossiers.receive_dossier"
PROCESS = "dossiers.process_dossier"
APPROVE = "dossiers.approve_dossier"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    APOLOGY = "apology", _("Cần gửi phiếu xin lỗi trước hạn")
