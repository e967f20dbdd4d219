from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.common.models import TimeStampedModel
from motcua.core.names import fold, strip_division
from motcua.units.enums import Division, SuccessionKind, UnitKind


class UnitQuerySet(models.QuerySet["Unit"]):
    def valid_on(self, day: dt.date) -> UnitQuerySet:
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)

    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__startswith=unit.path)


class Unit(TimeStampedModel):
    """An administrative unit or agency for a period of time.

    A code can be reused by a later unit (21484 was Thị trấn Ba Tơ, then Xã Ba Tơ), so a unit is a code,
    a name and a validity period together; a reorganisation ends units and starts new ones, linked by
    `UnitSuccession`. Written only through `motcua.units.services`.
    """

    code = models.CharField(
        _("mã"),
        max_length=32,
        db_index=True,
        help_text=_("Mã GSO của đơn vị hành chính, hoặc mã nội bộ của cơ quan"),
    )
    edoc_code = models.CharField(
        _("mã định danh điện tử"),
        max_length=32,
        blank=True,
        help_text=_("Mã định danh theo Thông tư 10/2016/TT-BTTTT (dạng H54.xx), nếu đã biết"),
    )
    name = models.CharField(_("tên"), max_length=255)
    name_folded = models.CharField(max_length=255, editable=False, db_index=True)
    name_core_folded = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    division = models.CharField(_("cấp hành chính"), max_length=20, choices=Division.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # "/<id of root>/…/<own id>/": subtree queries are one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Ngày cuối cùng còn hiệu lực")
    )
    note = models.TextField(_("ghi chú"), blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def refresh_derived(self) -> None:
        self.name_folded = fold(self.name)
        self.name_core_folded = fold(strip_division(self.name))

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class UnitSuccession(TimeStampedModel):
    """A reorganisation link: from `effective_on` the successor carries on what the predecessor did."""

    predecessor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị cũ"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Unit, verbose_name=_("đơn vị mới"), on_delete=models.PROTECT, related_name="predecessions"
    )
    kind = models.CharField(_("hình thức"), max_length=20, choices=SuccessionKind.choices)
    effective_on = models.DateField(_("có hiệu lực từ"))
    legal_basis = models.CharField(_("căn cứ"), max_length=255, blank=True)

    class Meta:
        ordering = ["effective_on", "successor__code", "predecessor__code"]
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = pgettext_lazy("số nhiều", "kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unit_succession_unique"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="unit_succession_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor.name} → {self.successor.name} ({self.effective_on:%d/%m/%Y})"
