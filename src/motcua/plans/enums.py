"""Choices of the plans app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa bắt đầu")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")


class TaskRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    SUPPORT = "support", _("Phối hợp")


class TimingKind(models.TextChoices):
    DEADLINE = "deadline", _("Có hạn")
    CONTINUOUS = "continuous", _("Thường xuyên")
    PERIODIC = "periodic", _("Định kỳ")
    NO_FIXED_DATE = "no_fixed_date", _("Không có ngày cố định")


class ReportStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã gửi, chờ xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Trả lại để bổ sung")


class EvidenceKind(models.TextChoices):
    DOCUMENT = "document", _("Văn bản ban hành")
    MINUTES = "minutes", _("Biên bản họp")
    TRAINING = "training", _("Danh sách tập huấn")
    COMMUNICATION = "communication", _("Sản phẩm truyền thông")
    OTHER = "other", _("Khác")


class ReminderKind(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
