from __future__ import annotations

from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.common.models import TimeStampedModel


class User(AbstractUser):
    """A person who signs in. Vietnamese names are kept whole in `full_name`, not split."""

    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    job_title = models.CharField(_("chức vụ"), max_length=150, blank=True)

    class Meta:
        constraints = [
            # "CanBo" and "canbo" are one person signing in; the database refuses the second row too.
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("số nhiều", "người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(TimeStampedModel):
    """A role as data: what its holders may do. Defaults are created after migrate, then editable."""

    code = models.SlugField(_("mã vai trò"), max_length=50, unique=True)
    name = models.CharField(_("tên vai trò"), max_length=150)
    description = models.TextField(_("mô tả"), blank=True)
    permissions = models.ManyToManyField(Permission, verbose_name=_("quyền"), blank=True, related_name="+")
    defaults_version = models.PositiveSmallIntegerField(
        _("phiên bản quyền mặc định đã áp dụng"),
        default=0,
        editable=False,
        help_text=_("Quyền mặc định của các bản phát hành sau được thêm một lần, không ghi đè chỉnh sửa"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vai trò")
        verbose_name_plural = pgettext_lazy("số nhiều", "vai trò")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A user holds a role in a unit (and, by default, in every unit under it)."""

    user = models.ForeignKey(
        User, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.ForeignKey(
        Role, verbose_name=_("vai trò"), on_delete=models.PROTECT, related_name="memberships"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="memberships"
    )
    include_subtree = models.BooleanField(_("gồm cả đơn vị trực thuộc"), default=True)
    is_active = models.BooleanField(_("đang có hiệu lực"), default=True)

    class Meta:
        ordering = ["user__username", "unit__path"]
        verbose_name = _("phân công")
        verbose_name_plural = pgettext_lazy("số nhiều", "phân công")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.role} – {self.unit.name}"
