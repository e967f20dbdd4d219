"""Choices of the calendar app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("Ngày nghỉ bổ sung")
    WORKING_DAY = "working_day", _("Ngày làm việc bổ sung (làm bù)")
    RECEIPT_SUSPENDED = "receipt_suspended", _("Tạm dừng tiếp nhận hồ sơ tại đơn vị")


class DayEnd(models.TextChoices):
    CLOSING = "closing", _("Giờ kết thúc làm việc của ngày (mặc định)")
    MIDNIGHT = "midnight", _("Hết ngày (24:00)")


class SupplementPolicy(models.TextChoices):
    RESTART = "restart", _("Tính lại từ đầu khi nhận đủ hồ sơ bổ sung (Nghị định 61/2018, Điều 19.4)")
    PAUSE = "pause", _("Trừ thời gian chờ bổ sung (cách tính của chỉ số 766)")


class RecomputeStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ tính lại")
    DONE = "done", _("Đã tính lại")
    FAILED = "failed", _("Lỗi")


class LimitUnit(models.TextChoices):
    WORKING_DAYS = "working_days", pgettext_lazy("đơn vị thời hạn", "ngày làm việc")
    WORKING_HOURS = "working_hours", pgettext_lazy("đơn vị thời hạn", "giờ làm việc")
    CALENDAR_DAYS = "calendar_days", pgettext_lazy("đơn vị thời hạn", "ngày")
    SAME_DAY = "same_day", pgettext_lazy("đơn vị thời hạn", "trong ngày")
