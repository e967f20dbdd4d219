"""The procedure catalogue (danh mục TTHC): procedures with versions, what each version requires, its
internal process, publication decisions and which one-stop sections receive which procedures.

A procedure is the stable identity (national code). Everything the law can change lives on a version:
draft → published (valid from, to) → ended. A published version is never edited; dossiers keep the
version they were opened under (Open Zaak's case types, without its rule that a new draft ends the old
version: here a draft is prepared while the old version stays live, and publishing ends it atomically).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.catalog.enums import (
    Channel,
    IssuerLevel,
    LimitUnit,
    OnlineLevel,
    PublicationChange,
    ResultType,
    ReuseSource,
    StepRole,
    VersionStatus,
)
from motcua.common.models import TimeStampedModel

_HOURS = {"max_digits": 7, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}


class Procedure(TimeStampedModel):
    code = models.CharField(_("mã thủ tục"), max_length=30, unique=True)
    name = models.CharField(_("tên thủ tục"), max_length=1000)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True, db_index=True)
    search_key = models.TextField(
        _("khóa tìm kiếm"), blank=True, editable=False, help_text=_("mã, tên, lĩnh vực không dấu")
    )
    source_url = models.URLField(_("địa chỉ trên Cổng DVCQG"), max_length=500, blank=True)
    abolished_on = models.DateField(_("ngày bãi bỏ"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = pgettext_lazy("số nhiều", "thủ tục hành chính")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProcedureVersion(TimeStampedModel):
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    published_at = models.DateTimeField(_("công bố lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người công bố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    name = models.CharField(_("tên thủ tục"), max_length=1000)
    field = models.CharField(_("lĩnh vực"), max_length=255, blank=True)
    kind = models.CharField(_("loại thủ tục"), max_length=255, blank=True)
    levels = models.JSONField(_("cấp thực hiện"), default=list, blank=True)
    applicants = models.JSONField(_("đối tượng thực hiện"), default=list, blank=True)
    competent_agency = models.TextField(_("cơ quan có thẩm quyền"), blank=True)
    implementing_agency = models.TextField(_("cơ quan thực hiện"), blank=True)
    receiving_agency = models.TextField(_("địa chỉ, cơ quan tiếp nhận"), blank=True)
    delegated_agency = models.TextField(_("cơ quan được ủy quyền"), blank=True)
    coordinating_agencies = models.TextField(_("cơ quan phối hợp"), blank=True)
    legal_basis = models.JSONField(
        _("căn cứ pháp lý"), default=list, blank=True, help_text=_("[{tên, số hiệu}, …]")
    )
    steps_text = models.TextField(_("trình tự thực hiện"), blank=True)
    conditions = models.TextField(_("yêu cầu, điều kiện"), blank=True)
    results = models.JSONField(_("kết quả"), default=list, blank=True, help_text=_("[{tên, mã}, …]"))
    result_type = models.CharField(_("loại kết quả"), max_length=12, choices=ResultType.choices, blank=True)
    announcing_decision = models.CharField(_("quyết định công bố (nguồn)"), max_length=255, blank=True)

    time_limit_value = models.DecimalField(
        _("thời hạn"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=LimitUnit.choices, blank=True
    )
    time_limit_raw = models.TextField(_("thời hạn (nguyên văn)"), blank=True)
    time_limit_note = models.TextField(_("ghi chú thời hạn"), blank=True)
    same_day_cutoff = models.TimeField(
        _("giờ chốt nhận trong ngày"), null=True, blank=True, help_text=_("mặc định 15:00 (quy tắc D4)")
    )
    online_level = models.CharField(
        _("mức độ dịch vụ công trực tuyến"), max_length=10, choices=OnlineLevel.choices, blank=True
    )
    full_process_eligible = models.BooleanField(
        _("đủ điều kiện trực tuyến toàn trình"), null=True, blank=True
    )
    pause_allowed = models.BooleanField(
        _("được tạm dừng giải quyết"),
        default=False,
        help_text=_("pháp luật chuyên ngành cho phép dừng tính thời hạn (quy tắc D7)"),
    )
    supplement_requests_allowed = models.PositiveSmallIntegerField(
        _("số lần yêu cầu bổ sung được phép"),
        default=1,
        help_text=_("Nghị định 61/2018: một lần, đầy đủ; lớn hơn 1 chỉ khi pháp luật chuyên ngành cho phép"),
    )

    source_raw = models.JSONField(_("dữ liệu gốc"), default=dict, blank=True)
    source_hash = models.CharField(_("mã băm dữ liệu gốc"), max_length=64, blank=True, db_index=True)
    import_problems = models.JSONField(_("nội dung chưa đọc được"), default=list, blank=True)
    hand_edited = models.BooleanField(
        _("đã sửa tay"), default=False, help_text=_("bản nháp đã được cán bộ sửa: lần nhập sau không ghi đè")
    )

    class Meta:
        ordering = ["procedure", "-number"]
        verbose_name = _("phiên bản thủ tục")
        verbose_name_plural = pgettext_lazy("số nhiều", "phiên bản thủ tục")
        permissions = [("publish_procedureversion", _("Công bố phiên bản thủ tục"))]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="catalog_version_number_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(status="draft"),
                name="catalog_one_draft_per_procedure",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=False, valid_to__gte=models.F("valid_from")),
                name="catalog_version_valid_range",
            ),
        ]
        indexes = [
            models.Index(fields=["procedure", "status", "valid_from"], name="catalog_version_live_idx")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    @property
    def editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class VersionChannel(models.Model):
    """One way of submitting (counter, online, post), with its own time limit where it differs."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    time_limit_value = models.DecimalField(
        _("thời hạn"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    time_limit_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=20, choices=LimitUnit.choices, blank=True
    )
    time_limit_raw = models.TextField(_("thời hạn (nguyên văn)"), blank=True)
    time_limit_note = models.TextField(_("ghi chú thời hạn"), blank=True)
    description = models.TextField(_("mô tả"), blank=True)

    class Meta:
        ordering = ["version", "channel"]
        verbose_name = _("hình thức nộp")
        verbose_name_plural = pgettext_lazy("số nhiều", "hình thức nộp")
        constraints = [models.UniqueConstraint(fields=["version", "channel"], name="catalog_channel_unique")]

    def __str__(self) -> str:
        return self.get_channel_display()


class Fee(models.Model):
    """A fee or charge (phí, lệ phí): an amount where the text states one, the text always."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    channel = models.CharField(
        _("hình thức nộp"),
        max_length=10,
        choices=Channel.choices,
        blank=True,
        help_text=_("trống: mọi hình thức"),
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    free = models.BooleanField(_("miễn phí"), null=True, blank=True)
    amount = models.DecimalField(_("mức thu (đồng)"), max_digits=14, decimal_places=0, null=True, blank=True)
    per = models.CharField(_("đơn vị tính"), max_length=255, blank=True)
    note = models.TextField(_("ghi chú, điều kiện"), blank=True)
    raw = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        ordering = ["version", "position", "channel"]
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = pgettext_lazy("số nhiều", "phí, lệ phí")

    def __str__(self) -> str:
        return self.raw or str(self.amount)


class RequiredDocument(models.Model):
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    group = models.CharField(_("nhóm, trường hợp"), max_length=1000, blank=True)
    name = models.TextField(_("tên giấy tờ"))
    originals = models.PositiveSmallIntegerField(_("số bản chính"), null=True, blank=True)
    certified_copies = models.PositiveSmallIntegerField(_("số bản sao chứng thực"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), null=True, blank=True)
    quantity_note = models.TextField(_("ghi chú số lượng"), blank=True)
    template_name = models.CharField(_("tên mẫu đơn, tờ khai"), max_length=500, blank=True)
    template_file = models.FileField(_("tệp mẫu"), upload_to="catalog/templates/", blank=True)
    reuse_source = models.CharField(
        _("có thể lấy từ"), max_length=12, choices=ReuseSource.choices, blank=True, default=ReuseSource.NONE
    )
    raw = models.TextField(_("nguyên văn"), blank=True)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name[:80]


class ProcessStep(models.Model):
    """A step of the approved internal process (quy trình nội bộ, Circular 01/2018 Art. 8)."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("bước"))
    name = models.CharField(_("nội dung bước"), max_length=500)
    role = models.CharField(_("người thực hiện"), max_length=12, choices=StepRole.choices)
    hours = models.DecimalField(_("thời gian (giờ làm việc)"), **_HOURS)  # type: ignore[arg-type]

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("bước quy trình nội bộ")
        verbose_name_plural = pgettext_lazy("số nhiều", "bước quy trình nội bộ")
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="catalog_step_unique")]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class InterAgencyStep(models.Model):
    """One agency's share of an inter-agency procedure (liên thông), in the order the dossier travels."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="agency_steps")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    agency = models.CharField(_("cơ quan"), max_length=500)
    task = models.TextField(_("nhiệm vụ"), blank=True)
    hours = models.DecimalField(_("thời gian (giờ làm việc)"), **_HOURS)  # type: ignore[arg-type]

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("bước liên thông")
        verbose_name_plural = pgettext_lazy("số nhiều", "bước liên thông")
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="catalog_agency_step_unique")
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.agency}"


class PublicationDecision(TimeStampedModel):
    """A decision announcing procedures (quyết định công bố TTHC)."""

    number = models.CharField(_("số quyết định"), max_length=100)
    signed_on = models.DateField(_("ngày ký"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuer_level = models.CharField(
        _("cấp ban hành"), max_length=10, choices=IssuerLevel.choices, default=IssuerLevel.PROVINCE
    )
    title = models.TextField(_("trích yếu"), blank=True)

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("quyết định công bố")
        verbose_name_plural = pgettext_lazy("số nhiều", "quyết định công bố")
        constraints = [
            models.UniqueConstraint(fields=["number", "signed_on"], name="catalog_decision_unique")
        ]

    def __str__(self) -> str:
        return self.number


class PublicationItem(models.Model):
    """One procedure in a decision's lists, with the dates the 766 index checks (group 1)."""

    decision = models.ForeignKey(PublicationDecision, on_delete=models.CASCADE, related_name="items")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="publications")
    change = models.CharField(_("loại"), max_length=10, choices=PublicationChange.choices)
    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
    )
    replaces = models.ForeignKey(
        Procedure,
        verbose_name=_("thay thế thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    legal_effective_on = models.DateField(
        _("ngày hiệu lực muộn nhất của căn cứ pháp lý"), null=True, blank=True
    )
    made_public_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)

    class Meta:
        ordering = ["decision", "procedure__code"]
        verbose_name = _("thủ tục trong quyết định công bố")
        verbose_name_plural = pgettext_lazy("số nhiều", "thủ tục trong quyết định công bố")
        constraints = [
            models.UniqueConstraint(fields=["decision", "procedure"], name="catalog_publication_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.decision} · {self.procedure.code}"


class Offering(TimeStampedModel):
    """A procedure that a unit's one-stop section receives (danh mục tiếp nhận, niêm yết: plan task 7)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="offerings")

    class Meta:
        ordering = ["unit", "procedure__code"]
        verbose_name = _("thủ tục tiếp nhận tại đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "thủ tục tiếp nhận tại đơn vị")
        constraints = [models.UniqueConstraint(fields=["unit", "procedure"], name="catalog_offering_unique")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.procedure.code}"
