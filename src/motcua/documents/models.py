"""The personal and organisational data store (kho quản lý dữ liệu điện tử, Decree 45/2020 Art. 16):
owners, their documents as hashed versioned files, and the links from dossiers to them.

A document belongs to its owner, not to a dossier: a later dossier links the same version again and
counts as reuse (Circular 01/2023) instead of asking the citizen for the paper a second time."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from motcua.catalog.enums import ReuseSource
from motcua.common.models import TimeStampedModel
from motcua.documents.enums import LinkRole, OwnerKind


class Owner(TimeStampedModel):
    """A citizen (identified by the 12-digit personal identification number) or an organisation (tax
    code); the applicant of dossiers and the owner of a data store."""

    kind = models.CharField(_("loại"), max_length=12, choices=OwnerKind.choices)
    identifier = models.CharField(_("số định danh, mã số thuế"), max_length=20)
    name = models.CharField(_("họ tên, tên tổ chức"), max_length=255)
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ sở hữu kho dữ liệu")
        verbose_name_plural = pgettext_lazy("số nhiều", "chủ sở hữu kho dữ liệu")
        constraints = [
            models.UniqueConstraint(fields=["kind", "identifier"], name="owner_kind_identifier_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Document(TimeStampedModel):
    """One paper of an owner (an identity card, a birth certificate, a result) across its versions."""

    owner = models.ForeignKey(
        Owner, verbose_name=_("chủ sở hữu"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("tên giấy tờ"), max_length=500)
    doc_type = models.CharField(_("loại giấy tờ"), max_length=100, blank=True)
    valid_until = models.DateField(_("còn hiệu lực đến"), null=True, blank=True)

    class Meta:
        ordering = ["owner_id", "title"]
        verbose_name = _("giấy tờ")
        verbose_name_plural = pgettext_lazy("số nhiều", "giấy tờ")

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """An immutable file of a document, with its SHA-256 so that a changed byte is noticed."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản"))
    file = models.FileField(_("tệp"), upload_to="documents/%Y/%m/")
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    mime = models.CharField(_("kiểu tệp"), max_length=100)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("mã băm SHA-256"), max_length=64, db_index=True)
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ ký số bản số hóa"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("ký số lúc"), null=True, blank=True)

    class Meta:
        ordering = ["document_id", "number"]
        verbose_name = _("phiên bản giấy tờ")
        verbose_name_plural = pgettext_lazy("số nhiều", "phiên bản giấy tờ")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"


class DossierDocument(models.Model):
    """A dossier component: what the applicant had to give, and the stored version that gave it.

    Digitisation (scanned, signed by the officer, data extracted) and reuse (taken from the owner's store
    or a national database) are flags here, per component, because the indicators count them so."""

    dossier = models.ForeignKey(
        "dossiers.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="components"
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.TextField(_("thành phần hồ sơ"))
    required_document = models.ForeignKey(
        "catalog.RequiredDocument",
        verbose_name=_("giấy tờ theo danh mục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    role = models.CharField(_("vai trò"), max_length=12, choices=LinkRole.choices, default=LinkRole.SUBMITTED)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=0)
    certified_copies = models.PositiveSmallIntegerField(_("số bản sao chứng thực"), default=0)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    version = models.ForeignKey(
        DocumentVersion,
        verbose_name=_("tệp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="links",
    )
    reuse_source = models.CharField(
        _("tái sử dụng từ"), max_length=12, choices=ReuseSource.choices, blank=True, default=ReuseSource.NONE
    )
    digitised = models.BooleanField(_("đã số hóa"), default=False)
    data_extracted = models.BooleanField(_("đã bóc tách dữ liệu"), default=False)
    extracted = models.JSONField(_("dữ liệu bóc tách"), default=dict, blank=True)
    added_at = models.DateTimeField(_("thêm lúc"), auto_now_add=True)

    class Meta:
        ordering = ["dossier_id", "position", "id"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = pgettext_lazy("số nhiều", "thành phần hồ sơ")

    def __str__(self) -> str:
        return self.name[:80]

    @property
    def reused(self) -> bool:
        return bool(self.reuse_source)
