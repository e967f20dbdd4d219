"""Dossiers (hồ sơ). For now only what the deadline engine needs: the one-stop lifecycle, codes,
applicants and forms arrive with issue 6, which extends this model."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.calendars.models import TracksDeadline


class Dossier(TracksDeadline):
    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    finished_at = models.DateTimeField(_("thời điểm giải quyết xong"), null=True, blank=True)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name=_("phiên bản thủ tục"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dossiers",
        help_text=_("phiên bản đang có hiệu lực khi tiếp nhận; không đổi khi thủ tục được sửa"),
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "hồ sơ")
        indexes = [models.Index(fields=["is_open", "due_at"], name="dossier_open_due_idx")]

    def __str__(self) -> str:
        return self.code
