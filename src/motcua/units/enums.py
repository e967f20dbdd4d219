from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố trực thuộc trung ương")
    DISTRICT = "district", _("Huyện, quận, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã, phường, thị trấn, đặc khu")
    AGENCY = "agency", _("Cơ quan, phòng ban chuyên môn")
    ONE_STOP = "one_stop", _("Bộ phận Một cửa")
    SERVICE_CENTRE = "service_centre", _("Trung tâm Phục vụ hành chính công")


TERRITORIAL_KINDS = frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE})

#: which kinds of unit may stand directly under which (None: the top of the tree)
ALLOWED_PARENTS: dict[str, frozenset[str | None]] = {
    UnitKind.PROVINCE: frozenset({None}),
    UnitKind.DISTRICT: frozenset({UnitKind.PROVINCE}),
    # Since 1/7/2025 communes stand directly under the province (Resolution 1677/NQ-UBTVQH15).
    UnitKind.COMMUNE: frozenset({UnitKind.DISTRICT, UnitKind.PROVINCE}),
    UnitKind.AGENCY: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.AGENCY}),
    UnitKind.ONE_STOP: frozenset({UnitKind.PROVINCE, UnitKind.DISTRICT, UnitKind.COMMUNE, UnitKind.AGENCY}),
    UnitKind.SERVICE_CENTRE: frozenset({UnitKind.PROVINCE, UnitKind.COMMUNE}),
}


class Division(models.TextChoices):
    """The legal title of a territorial unit: a town (thị trấn) and a commune (xã) are both communes."""

    TINH = "tinh", _("Tỉnh")
    THANH_PHO_TW = "thanh_pho_tw", _("Thành phố trực thuộc trung ương")
    HUYEN = "huyen", _("Huyện")
    QUAN = "quan", _("Quận")
    THI_XA = "thi_xa", _("Thị xã")
    THANH_PHO = "thanh_pho", _("Thành phố thuộc tỉnh")
    XA = "xa", _("Xã")
    PHUONG = "phuong", _("Phường")
    THI_TRAN = "thi_tran", _("Thị trấn")
    DAC_KHU = "dac_khu", _("Đặc khu")


#: which legal titles each territorial kind may carry (other kinds carry none)
DIVISIONS_OF: dict[str, frozenset[str]] = {
    UnitKind.PROVINCE: frozenset({Division.TINH, Division.THANH_PHO_TW}),
    UnitKind.DISTRICT: frozenset({Division.HUYEN, Division.QUAN, Division.THI_XA, Division.THANH_PHO}),
    UnitKind.COMMUNE: frozenset({Division.XA, Division.PHUONG, Division.THI_TRAN, Division.DAC_KHU}),
}


class SuccessionKind(models.TextChoices):
    MERGED_WHOLE = "merged_whole", _("Nhập toàn bộ")
    MERGED_PART = "merged_part", _("Nhập một phần")
    KEPT = "kept", _("Giữ nguyên")
    RENAMED = "renamed", _("Đổi tên")
