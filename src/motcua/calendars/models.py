"""The working calendar as data: overrides, office hours, deadline rule sets, and the record of each
recomputation. `TracksDeadline` is what every item with a statutory deadline (dossier, petition,
plan task) stores, so that "late" is an indexed query and a calendar change can recompute them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.calendars.enums import DayEnd, LimitUnit, OverrideKind, RecomputeStatus, SupplementPolicy
from motcua.common.models import TimeStampedModel


class CalendarOverride(TimeStampedModel):
    """An administrator's change to the official calendar, for every unit or for one unit's subtree."""

    day = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=20, choices=OverrideKind.choices)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Để trống: áp dụng cho mọi đơn vị"),
    )
    reason = models.CharField(_("lý do, căn cứ"), max_length=255)

    class Meta:
        ordering = ["day"]
        verbose_name = _("ngày điều chỉnh lịch")
        verbose_name_plural = pgettext_lazy("số nhiều", "ngày điều chỉnh lịch")
        constraints = [
            models.UniqueConstraint(fields=["day", "unit"], name="override_day_unit_unique"),
            models.UniqueConstraint(
                fields=["day"], condition=Q(unit__isnull=True), name="override_day_all_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.get_kind_display()}"

    @property
    def working(self) -> bool:
        return self.kind == OverrideKind.WORKING_DAY


class OfficeHours(TimeStampedModel):
    """Office sessions of a unit (or of all units), optionally for a season of the year (rule C2)."""

    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Để trống: giờ làm việc chung"),
    )
    sessions = models.CharField(
        _("các buổi làm việc"),
        max_length=100,
        default="07:00-11:30,13:30-17:00",
        help_text=_("Ví dụ: 07:00-11:30,13:30-17:00"),
    )
    season_start = models.CharField(_("từ ngày (dd/mm)"), max_length=5, blank=True)
    season_end = models.CharField(_("đến ngày (dd/mm)"), max_length=5, blank=True)

    class Meta:
        ordering = ["unit_id", "season_start"]
        verbose_name = _("giờ làm việc")
        verbose_name_plural = pgettext_lazy("số nhiều", "giờ làm việc")
        constraints = [
            models.UniqueConstraint(fields=["unit", "season_start"], name="office_hours_unit_season_unique"),
        ]

    def __str__(self) -> str:
        season = f" ({self.season_start}–{self.season_end})" if self.season_start else ""
        return f"{self.sessions}{season}"


class DeadlineRuleSet(TimeStampedModel):
    """The deadline rules in force for a period (D9): each item stores the rule set it was computed with."""

    code = models.SlugField(_("mã"), max_length=50, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    cutoff = models.TimeField(_("giờ chốt tiếp nhận trong ngày"), default="15:00")
    supplement_policy = models.CharField(
        _("khi bổ sung hồ sơ"),
        max_length=10,
        choices=SupplementPolicy.choices,
        default=SupplementPolicy.RESTART,
    )
    hours_per_day = models.PositiveSmallIntegerField(_("số giờ làm việc một ngày"), default=8)
    day_end = models.CharField(
        _("hạn tính theo ngày kết thúc lúc"), max_length=10, choices=DayEnd.choices, default=DayEnd.CLOSING
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("bộ quy tắc tính hạn")
        verbose_name_plural = pgettext_lazy("số nhiều", "bộ quy tắc tính hạn")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Two rule sets may not be in force on the same day: each item must have exactly one (D9)."""
        from django.core.exceptions import ValidationError

        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực trước ngày có hiệu lực.")})
        others = DeadlineRuleSet.objects.exclude(pk=self.pk).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from)
        )
        if self.valid_to is not None:
            others = others.filter(valid_from__lte=self.valid_to)
        clash = others.first()
        if clash is not None:
            raise ValidationError(
                _("Trùng thời gian hiệu lực với bộ quy tắc “%(name)s”.") % {"name": clash.name}
            )


class CalendarChange(models.Model):
    """One change of the calendar and the recomputation of open deadlines that followed it.

    Its id is the calendar version stored on each item (`TracksDeadline.calendar_version`)."""

    occurred_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thay đổi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.CharField(_("nội dung"), max_length=255)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RecomputeStatus.choices, default=RecomputeStatus.PENDING
    )
    items_checked = models.PositiveIntegerField(_("số hồ sơ đã xét"), default=0)
    items_changed = models.PositiveIntegerField(_("số hồ sơ đổi hạn"), default=0)
    duration_ms = models.PositiveIntegerField(_("thời gian (ms)"), default=0)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("lần thay đổi lịch")
        verbose_name_plural = pgettext_lazy("số nhiều", "lần thay đổi lịch")

    def __str__(self) -> str:
        return f"#{self.pk} {self.description}"


class TracksDeadline(models.Model):
    """Fields of an item with a statutory deadline, recomputed when the calendar changes (D9)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    clock_started_at = models.DateTimeField(
        _("bắt đầu tính hạn"),
        help_text=_("Thời điểm tiếp nhận, hoặc nhận đủ hồ sơ bổ sung khi tính lại từ đầu"),
    )
    time_limit_value = models.DecimalField(_("thời hạn"), max_digits=6, decimal_places=2)
    time_limit_unit = models.CharField(_("đơn vị thời hạn"), max_length=20, choices=LimitUnit.choices)
    effective_receipt_at = models.DateTimeField(_("thời điểm tiếp nhận hợp lệ"))
    due_at = models.DateTimeField(_("hạn giải quyết"), db_index=True)
    deadline_ruleset = models.ForeignKey(
        DeadlineRuleSet, verbose_name=_("bộ quy tắc tính hạn"), on_delete=models.PROTECT, related_name="+"
    )
    calendar_version = models.PositiveIntegerField(_("phiên bản lịch"), default=0)
    deadline_pauses = models.JSONField(
        _("các lần tạm dừng tính hạn"),
        default=list,
        blank=True,
        help_text=_(
            "[[bắt đầu, kết thúc], …] theo ISO 8601: tạm dừng (D7) và thời gian chờ bổ sung khi trừ thời gian chờ"
        ),
    )
    is_open = models.BooleanField(_("đang giải quyết"), default=True, db_index=True)

    class Meta:
        abstract = True
