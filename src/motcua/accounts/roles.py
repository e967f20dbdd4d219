"""The default roles: created after every migrate when missing, never overwritten once edited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Permission


@dataclass(frozen=True)
class RoleSpec:
    code: str
    name: str
    description: str
    permissions: tuple[str, ...]  # "app_label.codename"


VIEW_UNITS = "units.view_unit"
VIEW_AUDIT = "common.view_auditevent"

DEFAULT_ROLES: tuple[RoleSpec, ...] = (
    RoleSpec(
        "one_stop_officer",
        "Cán bộ Bộ phận Một cửa",
        "Tiếp nhận, kiểm tra hồ sơ, yêu cầu bổ sung một lần, từ chối, in phiếu, chuyển và trả kết quả.",
        (VIEW_UNITS,),
    ),
    RoleSpec(
        "specialist",
        "Chuyên viên xử lý",
        "Thẩm định, xác minh, lấy ý kiến cơ quan khác, trình ký; theo dõi hồ sơ đến hạn và quá hạn.",
        (VIEW_UNITS,),
    ),
    RoleSpec(
        "unit_head",
        "Lãnh đạo đơn vị",
        "Phân công, phê duyệt, ký kết quả; theo dõi hồ sơ và nhật ký của đơn vị.",
        (VIEW_UNITS, VIEW_AUDIT),
    ),
    RoleSpec(
        "control_office",
        "Cán bộ kiểm soát TTHC",
        "Quản lý danh mục và công khai TTHC, rà soát, phản ánh kiến nghị, kế hoạch, chỉ số và báo cáo.",
        (VIEW_UNITS, VIEW_AUDIT),
    ),
    RoleSpec(
        "leader",
        "Lãnh đạo UBND",
        "Theo dõi bảng điều hành theo đơn vị và cán bộ; xếp hạng công khai hằng tháng.",
        (VIEW_UNITS, VIEW_AUDIT),
    ),
    RoleSpec(
        "administrator",
        "Quản trị hệ thống",
        "Quản lý cây đơn vị, tài khoản, vai trò và phân công; xem nhật ký.",
        (
            VIEW_UNITS,
            "units.add_unit",
            "units.change_unit",
            "units.add_unitsuccession",
            VIEW_AUDIT,
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_membership",
            "accounts.add_membership",
            "accounts.change_membership",
        ),
    ),
)


def permissions_for(codes: tuple[str, ...]) -> list[Permission]:
    found = []
    for code in codes:
        app_label, codename = code.split(".", 1)
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is not None:
            found.append(permission)
    return found


def sync_default_roles(sender: Any = None, **kwargs: Any) -> None:
    """Create the default roles that do not exist yet (post_migrate receiver)."""
    from motcua.accounts.models import Role
    from motcua.common.audit import audit_record, snapshot

    if getattr(sender, "label", "accounts") != "accounts":
        return
    for spec in DEFAULT_ROLES:
        role, created = Role.objects.get_or_create(
            code=spec.code, defaults={"name": spec.name, "description": spec.description}
        )
        if created:
            role.permissions.set(permissions_for(spec.permissions))
            audit_record(actor=None, operation="accounts.role_create", target=role, after=snapshot(role))
