"""Yearly TTHC control plans: the plan, its sections and tasks with their units and schedules, and the
appendix targets. Tasks keep the raw text of their cells beside what was read from it."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.common.models import TimeStampedModel
from motcua.plans.enums import (
    EvidenceKind,
    PlanStatus,
    ReminderKind,
    ReportStatus,
    TaskRole,
    TaskStatus,
    TimingKind,
)


class Plan(TimeStampedModel):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=500)
    decision_number = models.CharField(_("số quyết định"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.CharField(_("người ký, cơ quan ban hành"), max_length=255, blank=True)
    legal_bases = models.TextField(_("căn cứ"), blank=True)
    decision_text = models.TextField(_("nội dung quyết định"), blank=True)
    source_name = models.CharField(_("tệp gốc"), max_length=255, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("sao từ kế hoạch"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = _("kế hoạch")
        verbose_name_plural = pgettext_lazy("số nhiều", "kế hoạch")

    def __str__(self) -> str:
        return self.title


class PlanSection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    numeral = models.CharField(_("số La Mã"), max_length=10)
    title = models.CharField(_("tên phần"), max_length=500)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("phần của kế hoạch")
        verbose_name_plural = pgettext_lazy("số nhiều", "phần của kế hoạch")
        constraints = [models.UniqueConstraint(fields=["plan", "numeral"], name="plan_section_unique")]

    def __str__(self) -> str:
        return f"{self.numeral}. {self.title}"


class PlanTask(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    number = models.CharField(_("số thứ tự"), max_length=10)
    content = models.TextField(_("nội dung công việc"))
    expected_result = models.TextField(_("kết quả công việc"), blank=True)
    units_text = models.TextField(_("cơ quan, đơn vị thực hiện (nguyên văn)"), blank=True)
    units_unresolved = models.JSONField(_("tên đơn vị chưa nhận ra"), default=list, blank=True)
    timing_text = models.TextField(_("thời gian thực hiện (nguyên văn)"), blank=True)
    timing_unknown = models.JSONField(_("cụm thời gian chưa hiểu"), default=list, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=15, choices=TaskStatus.choices, default=TaskStatus.NOT_STARTED
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = pgettext_lazy("số nhiều", "nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_task_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:80]}"


class PlanTaskUnit(models.Model):
    """A unit's part in a task: it leads (chủ trì) or supports (phối hợp)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="plan_tasks")
    role = models.CharField(_("vai trò"), max_length=10, choices=TaskRole.choices)

    class Meta:
        verbose_name = _("đơn vị thực hiện nhiệm vụ")
        verbose_name_plural = pgettext_lazy("số nhiều", "đơn vị thực hiện nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="plan_task_unit_unique")]

    def __str__(self) -> str:
        return f"{self.task.number}: {self.unit.name} ({self.get_role_display()})"


class PlanTaskTiming(models.Model):
    """One phrase of a task's timing, read (kind, reporting cadence, or the reason there is no date)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="timings")
    phrase = models.CharField(_("cụm thời gian"), max_length=255)
    kind = models.CharField(_("loại"), max_length=15, choices=TimingKind.choices)
    cadence = models.CharField(_("nhịp báo cáo"), max_length=255, blank=True)
    reason = models.CharField(_("lý do không có ngày"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("thời gian thực hiện")
        verbose_name_plural = pgettext_lazy("số nhiều", "thời gian thực hiện")

    def __str__(self) -> str:
        return self.phrase


class PlanTaskDue(models.Model):
    """A concrete due date of a task in the plan's year (end of month or quarter, a report cut-off)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="due_dates")
    due_on = models.DateField(_("hạn"), db_index=True)

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("hạn của nhiệm vụ")
        verbose_name_plural = pgettext_lazy("số nhiều", "hạn của nhiệm vụ")
        constraints = [models.UniqueConstraint(fields=["task", "due_on"], name="plan_task_due_unique")]

    def __str__(self) -> str:
        return f"{self.due_on:%d/%m/%Y}"


class PlanTarget(models.Model):
    """A target of the plan's appendix ("Tỷ lệ hồ sơ trực tuyến … tối thiểu 50 %")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    number = models.CharField(_("số thứ tự"), max_length=10)
    parent_number = models.CharField(_("thuộc chỉ tiêu"), max_length=10, blank=True)
    content = models.TextField(_("nội dung chỉ tiêu"))
    measure = models.CharField(_("đơn vị tính"), max_length=20, blank=True)
    value_text = models.CharField(_("chỉ tiêu (nguyên văn)"), max_length=100, blank=True)
    value = models.DecimalField(_("giá trị"), max_digits=8, decimal_places=2, null=True, blank=True)
    at_least = models.BooleanField(_("tối thiểu"), default=False)
    units_text = models.TextField(_("cơ quan thực hiện (nguyên văn)"), blank=True)
    indicator_code = models.CharField(
        _("mã chỉ số"),
        max_length=50,
        blank=True,
        help_text=_("Chỉ số tính từ dữ liệu (gắn khi có ứng dụng chỉ số)"),
    )

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("số nhiều", "chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_target_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.content[:80]}"


class TaskReport(TimeStampedModel):
    """A unit's progress report on a task, with evidence, reviewed by the control office."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT, related_name="plan_reports"
    )
    author = models.ForeignKey(
        "accounts.User", verbose_name=_("người báo cáo"), on_delete=models.PROTECT, related_name="+"
    )
    as_of = models.DateField(_("báo cáo đến ngày"))
    text = models.TextField(_("nội dung báo cáo"))
    percent = models.PositiveSmallIntegerField(_("mức độ hoàn thành (%)"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    reviewer = models.ForeignKey(
        "accounts.User",
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến xem xét"), blank=True)

    class Meta:
        ordering = ["-as_of", "-id"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = pgettext_lazy("số nhiều", "báo cáo tiến độ")
        permissions = [("review_taskreport", "Xem xét, chấp nhận hoặc trả lại báo cáo tiến độ")]
        constraints = [
            models.CheckConstraint(condition=models.Q(percent__lte=100), name="task_report_percent_max_100"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} – {self.unit.name} – {self.as_of:%d/%m/%Y}"


class TaskEvidence(models.Model):
    """A file that shows the work was done: a document issued, minutes, a training list, a media item."""

    report = models.ForeignKey(TaskReport, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại minh chứng"), max_length=15, choices=EvidenceKind.choices)
    file = models.FileField(_("tệp"), upload_to="plans/evidence/%Y/%m/")
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = pgettext_lazy("số nhiều", "minh chứng")

    def __str__(self) -> str:
        return self.original_name


class PlanReminder(models.Model):
    """A reminder sent once to a unit for a due date of a task (before it, or when it has passed)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="reminders")
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("hạn"))
    kind = models.CharField(_("loại nhắc"), max_length=10, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    recipients = models.JSONField(_("người nhận"), default=list)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("lời nhắc")
        verbose_name_plural = pgettext_lazy("số nhiều", "lời nhắc")
        constraints = [
            models.UniqueConstraint(fields=["task", "unit", "due_on", "kind"], name="plan_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.task} ({self.due_on:%d/%m/%Y})"
