"""Choices of the document store (Decree 45/2020 Art. 16; Circular 01/2023)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OwnerKind(models.TextChoices):
    CITIZEN = "citizen", _("Công dân")
    ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")


class LinkRole(models.TextChoices):
    SUBMITTED = "submitted", _("Thành phần hồ sơ nộp")
    SUPPLEMENTED = "supplemented", _("Nộp bổ sung")
    RESULT = "result", _("Kết quả giải quyết")
