"""Dossiers (hồ sơ) of the one-stop lifecycle (Decree 61/2018 Art. 16–22; Circular 01/2018).

The `Dossier` row holds the current state and the derived fields the queues filter on (status, due time,
alert, assignee); `DossierEvent` is the append-only history the control slip, the tracking book and every
indicator are computed from. Both are written only by `motcua.dossiers.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.calendars.models import TracksDeadline
from motcua.dossiers.enums import (
    Action,
    Alert,
    Channel,
    PaymentMethod,
    ReminderKind,
    ResultKind,
    Satisfaction,
    Status,
)


class Dossier(TracksDeadline):
    """`unit` (from TracksDeadline) is the receiving unit, whose code starts the dossier code."""

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("phiên bản đang có hiệu lực khi tiếp nhận; không đổi khi thủ tục được sửa"),
    )
    status = models.CharField(_("trạng thái"), max_length=32, choices=Status.choices, default=Status.RECEIVED)
    revision = models.PositiveIntegerField(
        _("số lần thay đổi"),
        default=0,
        help_text=_("tăng sau mỗi thao tác; hai người không cùng sửa một bản"),
    )
    channel = models.CharField(
        _("hình thức nộp"), max_length=10, choices=Channel.choices, default=Channel.COUNTER
    )
    return_channel = models.CharField(
        _("hình thức nhận kết quả"), max_length=10, choices=Channel.choices, default=Channel.COUNTER
    )
    applicant = models.ForeignKey(
        "documents.Owner", verbose_name=_("người nộp"), on_delete=models.PROTECT, related_name="dossiers"
    )
    # The applicant as written on this dossier's slips: later changes of the owner do not rewrite them.
    applicant_name = models.CharField(_("tên người nộp"), max_length=255)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    submitted_at = models.DateTimeField(_("thời điểm nộp"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ tiếp nhận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sets = models.PositiveSmallIntegerField(_("số bộ hồ sơ"), default=1)
    book_number = models.PositiveIntegerField(_("số thứ tự trong sổ theo dõi"), null=True, blank=True)
    processing_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị giải quyết"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ đang xử lý"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    current_step = models.PositiveSmallIntegerField(_("bước đang xử lý"), default=0)
    transferred_at = models.DateTimeField(_("chuyển xử lý lúc"), null=True, blank=True)
    supplement_requests = models.PositiveSmallIntegerField(_("số lần yêu cầu bổ sung"), default=0)
    appraisal_found_incomplete_at = models.DateTimeField(
        _("thông báo bổ sung sau thẩm định lúc"), null=True, blank=True
    )
    paused_at = models.DateTimeField(_("tạm dừng từ"), null=True, blank=True)
    appointment_at = models.DateTimeField(
        _("hẹn trả lại"),
        null=True,
        blank=True,
        help_text=_("sau phiếu xin lỗi (D8); hạn luật định giữ nguyên"),
    )
    apologised_at = models.DateTimeField(_("xin lỗi lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("thời điểm giải quyết xong"), null=True, blank=True)
    result_kind = models.CharField(
        _("hình thức kết quả"), max_length=20, choices=ResultKind.choices, blank=True
    )
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("phí, lệ phí phải nộp (đồng)"), max_digits=14, decimal_places=0, default=0
    )
    fee_waived_reason = models.CharField(_("lý do miễn, giảm"), max_length=500, blank=True)
    paid_online = models.BooleanField(_("đã thanh toán trực tuyến"), default=False)
    alert = models.CharField(
        _("cảnh báo"), max_length=10, choices=Alert.choices, blank=True, default=Alert.NONE
    )
    tracking_token = models.CharField(_("mã tra cứu, đánh giá"), max_length=32)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "hồ sơ")
        permissions = [
            ("receive_dossier", _("Tiếp nhận, trả kết quả hồ sơ (Bộ phận Một cửa)")),
            ("process_dossier", _("Thẩm định, xử lý hồ sơ")),
            ("approve_dossier", _("Phân công, phê duyệt, ký kết quả")),
        ]
        indexes = [
            models.Index(fields=["is_open", "due_at"], name="dossier_open_due_idx"),
            # the work queues: keyset pages on (due_at, id) inside one unit or one officer
            models.Index(
                fields=["processing_unit", "is_open", "due_at", "id"], name="dossier_queue_unit_idx"
            ),
            models.Index(fields=["assignee", "is_open", "due_at", "id"], name="dossier_queue_mine_idx"),
            models.Index(fields=["unit", "is_open", "due_at", "id"], name="dossier_queue_counter_idx"),
            models.Index(fields=["unit", "received_at"], name="dossier_unit_received_idx"),
        ]

    def __str__(self) -> str:
        return self.code


class DossierEvent(models.Model):
    """One thing that happened to a dossier, in order; never edited (Signalen/Open Zaak lesson)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    number = models.PositiveIntegerField(_("thứ tự"))
    action = models.CharField(_("thao tác"), max_length=32, choices=Action.choices)
    status_before = models.CharField(_("trạng thái trước"), max_length=32, blank=True)
    status_after = models.CharField(_("trạng thái sau"), max_length=32)
    occurred_at = models.DateTimeField(_("thời điểm"))
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=150)
    unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # hand-overs (control slip, Mẫu 05): who received the dossier from the actor
    receiver = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    receiver_unit = models.ForeignKey(
        "units.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("nội dung, lý do"), blank=True)
    data = models.JSONField(_("dữ liệu"), default=dict, blank=True)
    idempotency_key = models.CharField(max_length=120, null=True, blank=True, unique=True)

    class Meta:
        ordering = ["dossier_id", "number"]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "sự kiện hồ sơ")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossier_event_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.number} {self.action}"


class Counter(models.Model):
    """Race-free sequences: the day's dossier numbers of a unit, the tracking book numbers of a year.

    Incremented by one INSERT … ON CONFLICT DO UPDATE … RETURNING, atomic on PostgreSQL and SQLite."""

    name = models.CharField(max_length=80, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("bộ đếm")
        verbose_name_plural = pgettext_lazy("số nhiều", "bộ đếm")

    def __str__(self) -> str:
        return f"{self.name}={self.value}"


class Consultation(models.Model):
    """A request for another agency's opinion, with its own deadline (Decree 61/2018 Art. 19(5))."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="consultations")
    agency = models.CharField(_("cơ quan được hỏi ý kiến"), max_length=500)
    request = models.TextField(_("nội dung cần ý kiến"))
    sent_at = models.DateTimeField(_("gửi lúc"))
    due_at = models.DateTimeField(_("hạn trả lời"))
    answered_at = models.DateTimeField(_("trả lời lúc"), null=True, blank=True)
    answer = models.TextField(_("ý kiến"), blank=True)

    class Meta:
        ordering = ["dossier_id", "sent_at"]
        verbose_name = _("lấy ý kiến")
        verbose_name_plural = pgettext_lazy("số nhiều", "lấy ý kiến")

    def __str__(self) -> str:
        return f"{self.dossier_id} → {self.agency[:60]}"


class Payment(models.Model):
    """A fee payment with its proof (Decree 61/2018 Art. 22)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=14, decimal_places=0)
    method = models.CharField(_("hình thức"), max_length=10, choices=PaymentMethod.choices)
    paid_at = models.DateTimeField(_("nộp lúc"))
    receipt_number = models.CharField(_("số biên lai, hóa đơn điện tử"), max_length=100, blank=True)
    reference = models.CharField(_("mã giao dịch"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier_id", "paid_at"]
        verbose_name = _("khoản nộp phí, lệ phí")
        verbose_name_plural = pgettext_lazy("số nhiều", "khoản nộp phí, lệ phí")
        constraints = [
            models.UniqueConstraint(
                fields=["method", "reference"],
                condition=~models.Q(reference=""),
                name="payment_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.amount}"

    @property
    def online(self) -> bool:
        return self.method == PaymentMethod.ONLINE


class DossierResult(models.Model):
    """A result issued for a dossier: paper, electronic (`<dossier code>-KQn`, Decree 45/2020 Art. 14(3))
    or an electronic copy certified from the original, with its register number."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="results")
    number = models.PositiveSmallIntegerField(_("số thứ tự kết quả"))
    kind = models.CharField(_("hình thức"), max_length=20, choices=ResultKind.choices)
    title = models.CharField(_("tên kết quả"), max_length=500)
    code = models.CharField(_("mã kết quả điện tử"), max_length=60, blank=True, db_index=True)
    register_number = models.CharField(_("số chứng thực"), max_length=60, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"))
    document = models.ForeignKey(
        "documents.DocumentVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["dossier_id", "number"]
        verbose_name = _("kết quả giải quyết")
        verbose_name_plural = pgettext_lazy("số nhiều", "kết quả giải quyết")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "number"], name="dossier_result_number_unique")
        ]

    def __str__(self) -> str:
        return self.code or f"{self.dossier_id}/{self.number}"


class Rating(models.Model):
    """The applicant's rating after the result (Circular 01/2018 Art. 13: satisfaction, contacts, agencies)."""

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    satisfaction = models.CharField(_("mức độ hài lòng"), max_length=12, choices=Satisfaction.choices)
    contacts = models.PositiveSmallIntegerField(_("số lần liên hệ"), null=True, blank=True)
    agencies = models.PositiveSmallIntegerField(_("số cơ quan phải đến"), null=True, blank=True)
    comment = models.TextField(_("góp ý"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"))

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = pgettext_lazy("số nhiều", "đánh giá")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.satisfaction}"


class DossierReminder(models.Model):
    """A reminder the periodic scan sent, once per dossier and kind (due soon, overdue, apology prompt)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("loại"), max_length=12, choices=ReminderKind.choices)
    sent_at = models.DateTimeField(_("gửi lúc"))
    recipients = models.JSONField(_("người nhận"), default=list, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("nhắc việc hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "nhắc việc hồ sơ")
        constraints = [models.UniqueConstraint(fields=["dossier", "kind"], name="dossier_reminder_once")]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"
