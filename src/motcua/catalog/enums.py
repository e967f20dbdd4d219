"""Choices of the catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from motcua.calendars.enums import LimitUnit

__all__ = ["LimitUnit"]  # one definition, with the "đơn vị thời hạn" context, shared with calendars


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đã công bố")
    ENDED = "ended", _("Hết hiệu lực")


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Dịch vụ bưu chính")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Toàn trình")
    PARTIAL = "partial", _("Một phần")
    NONE = "none", _("Không trực tuyến")


class ResultType(models.TextChoices):
    PAPER = "paper", _("Bản giấy")
    ELECTRONIC = "electronic", _("Bản điện tử")
    BOTH = "both", _("Bản giấy và bản điện tử")


class ReuseSource(models.TextChoices):
    NONE = "", _("Người nộp cung cấp")
    DATA_STORE = "data_store", _("Kho dữ liệu điện tử của người nộp")
    NATIONAL_DB = "national_db", _("Cơ sở dữ liệu quốc gia, chuyên ngành")


class StepRole(models.TextChoices):
    ONE_STOP = "one_stop", _("Bộ phận Một cửa")
    SPECIALIST = "specialist", _("Chuyên viên xử lý")
    UNIT_HEAD = "unit_head", _("Lãnh đạo phòng, đơn vị")
    LEADER = "leader", _("Lãnh đạo UBND")
    OTHER = "other", _("Khác")


class PublicationChange(models.TextChoices):
    NEW = "new", _("Mới ban hành")
    AMENDED = "amended", _("Sửa đổi, bổ sung")
    REPLACED = "replaced", _("Thay thế")
    ABOLISHED = "abolished", _("Bãi bỏ")


class IssuerLevel(models.TextChoices):
    """Decision 766 group 1 allows a ministry 20/10 working days, a province 5/5 (regulations.md §2.4)."""

    MINISTRY = "ministry", _("Bộ, cơ quan ngang bộ")
    PROVINCE = "province", _("UBND cấp tỉnh")


# The catalogue's permissions, named by what they allow (roles.py gives them to the default roles).
EDIT = "catalog.change_procedureversion"
PUBLISH = "catalog.publish_procedureversion"
IMPORT = "catalog.add_procedure"
DECIDE = "catalog.add_publicationdecision"
RECORD = "catalog.change_publicationdecision"
OFFER = "catalog.change_offering"
