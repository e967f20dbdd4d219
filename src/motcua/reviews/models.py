"""Review and simplification of procedures (rà soát, đơn giản hóa TTHC; plan tasks 8 and 9), the
compliance-cost constants with their sources (Circular 02/2017 Art. 27), and comments on draft
regulations and publication drafts (plan tasks 3, 4 and 5).

A campaign keeps the hour value it was created with: changing the constant later does not change
the figures a district has already reported.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.common.models import TimeStampedModel
from motcua.reviews.enums import (
    CampaignStatus,
    CommentStatus,
    ConstantCode,
    CostKind,
    Criterion,
    DraftKind,
    ProposalKind,
    RecordStatus,
    Scenario,
    Verdict,
)

_NOT_NEGATIVE = [MinValueValidator(Decimal("0"))]


class CostConstant(TimeStampedModel):
    """A figure the cost calculation uses (the value of one hour of a person's time, the target), for a
    period, with where it comes from: a figure without a source is not used in a report."""

    code = models.CharField(_("mã"), max_length=30, choices=ConstantCode.choices)
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2, validators=_NOT_NEGATIVE)
    measure = models.CharField(_("đơn vị tính"), max_length=50)
    source = models.TextField(_("nguồn, cách tính"))
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        ordering = ["code", "-valid_from"]
        verbose_name = _("hằng số tính chi phí tuân thủ")
        verbose_name_plural = pgettext_lazy("số nhiều", "hằng số tính chi phí tuân thủ")
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="reviews_constant_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reviews_constant_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.value.normalize():f} {self.measure}"


class ReviewCampaign(TimeStampedModel):
    """A review plan (kế hoạch rà soát, đánh giá TTHC) of an issuing unit: which units review, by when,
    against which reduction target, with which hour value."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("tên đợt rà soát"), max_length=500)
    year = models.PositiveSmallIntegerField(_("năm"))
    basis = models.CharField(_("căn cứ (kế hoạch, quyết định)"), max_length=500, blank=True)
    scope = models.TextField(_("phạm vi rà soát"), blank=True)
    deadline = models.DateField(_("hạn gửi kết quả"))
    target_percent = models.DecimalField(
        _("chỉ tiêu cắt giảm chi phí (%)"), max_digits=5, decimal_places=2, default=Decimal("10")
    )
    units = models.ManyToManyField(
        "units.Unit", verbose_name=_("đơn vị rà soát"), related_name="review_campaigns", blank=True
    )
    hour_value = models.DecimalField(
        _("giá trị một giờ (đồng)"), max_digits=12, decimal_places=2, validators=_NOT_NEGATIVE
    )
    hour_value_source = models.TextField(_("nguồn của giá trị một giờ"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("đợt rà soát")
        verbose_name_plural = pgettext_lazy("số nhiều", "đợt rà soát")

    def __str__(self) -> str:
        return self.name


class ReviewRecord(TimeStampedModel):
    """One procedure reviewed by one unit in a campaign (phiếu rà soát): the six criteria, the conclusion,
    the simplification proposals and the cost now and after simplification."""

    campaign = models.ForeignKey(ReviewCampaign, on_delete=models.CASCADE, related_name="records")
    procedure = models.ForeignKey(
        "catalog.Procedure", verbose_name=_("thủ tục"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị rà soát"), on_delete=models.PROTECT, related_name="+"
    )
    conclusion = models.TextField(_("kết luận"), blank=True)
    times_per_year = models.DecimalField(
        _("số lần thực hiện/năm của một đối tượng"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("1"),
        validators=_NOT_NEGATIVE,
    )
    after_times_per_year = models.DecimalField(
        _("số lần/năm sau đơn giản hóa"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=_NOT_NEGATIVE,
        help_text=_("Để trống nếu không đổi (ví dụ: kéo dài thời hạn giấy phép thì số lần giảm)"),
    )
    subjects_per_year = models.PositiveIntegerField(_("số đối tượng thực hiện/năm"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xem xét"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    review_note = models.TextField(_("ý kiến xem xét"), blank=True)

    class Meta:
        ordering = ["campaign", "procedure__code", "unit__path"]
        verbose_name = _("phiếu rà soát")
        verbose_name_plural = pgettext_lazy("số nhiều", "phiếu rà soát")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "procedure", "unit"], name="reviews_record_once_per_unit"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} – {self.unit.name}"


class ReviewAssessment(models.Model):
    """The verdict on one criterion, with the reasons."""

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="assessments")
    criterion = models.CharField(_("tiêu chí"), max_length=20, choices=Criterion.choices)
    verdict = models.CharField(_("đánh giá"), max_length=10, choices=Verdict.choices, default=Verdict.PENDING)
    comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        verbose_name = _("đánh giá theo tiêu chí")
        verbose_name_plural = pgettext_lazy("số nhiều", "đánh giá theo tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["record", "criterion"], name="reviews_assessment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_criterion_display()}: {self.get_verdict_display()}"


class ReviewProposal(models.Model):
    """A simplification proposal (phương án đơn giản hóa) for the procedure."""

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    kind = models.CharField(_("hình thức"), max_length=15, choices=ProposalKind.choices)
    content = models.TextField(_("nội dung phương án"))
    regulation = models.CharField(_("quy định, văn bản cần sửa"), max_length=500, blank=True)

    class Meta:
        ordering = ["record", "position"]
        verbose_name = _("phương án đơn giản hóa")
        verbose_name_plural = pgettext_lazy("số nhiều", "phương án đơn giản hóa")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.content[:80]}"


class CostLine(models.Model):
    """One item of the cost of complying once: a task a person does (hours, valued at the campaign's
    hour value), a fee or charge, or another cost, in the procedure as it is or after simplification."""

    record = models.ForeignKey(ReviewRecord, on_delete=models.CASCADE, related_name="cost_lines")
    scenario = models.CharField(_("phương án"), max_length=10, choices=Scenario.choices)
    kind = models.CharField(_("loại"), max_length=10, choices=CostKind.choices)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("nội dung"), max_length=500)
    hours = models.DecimalField(
        _("số giờ"), max_digits=8, decimal_places=2, null=True, blank=True, validators=_NOT_NEGATIVE
    )
    amount = models.DecimalField(
        _("số tiền (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True, validators=_NOT_NEGATIVE
    )

    class Meta:
        ordering = ["record", "position"]
        verbose_name = _("khoản chi phí")
        verbose_name_plural = pgettext_lazy("số nhiều", "khoản chi phí")
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="task", hours__isnull=False, amount__isnull=True))
                | (Q(kind__in=["fee", "other"], hours__isnull=True, amount__isnull=False)),
                name="reviews_cost_line_hours_or_amount",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DraftComment(TimeStampedModel):
    """A request for comments on a draft (a regulation with procedures, a publication decision or its
    dossier) that a unit must answer by a deadline, and the answer sent."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị góp ý"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("loại dự thảo"), max_length=20, choices=DraftKind.choices)
    title = models.CharField(_("tên dự thảo"), max_length=1000)
    drafting_agency = models.CharField(_("cơ quan chủ trì soạn thảo"), max_length=500, blank=True)
    request_ref = models.CharField(_("văn bản xin ý kiến (số, ngày)"), max_length=255, blank=True)
    received_on = models.DateField(_("ngày nhận"))
    deadline = models.DateField(_("hạn góp ý"))
    note = models.TextField(_("ghi chú"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    answer = models.TextField(_("nội dung góp ý"), blank=True)
    answer_ref = models.CharField(_("văn bản góp ý (số, ngày)"), max_length=255, blank=True)
    answered_on = models.DateField(_("ngày gửi ý kiến"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gửi ý kiến"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["status", "deadline", "id"]
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = pgettext_lazy("số nhiều", "góp ý dự thảo")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("received_on")), name="reviews_comment_deadline_after"
            ),
        ]

    def __str__(self) -> str:
        return self.title[:120]
