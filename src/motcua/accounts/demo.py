"""Demo accounts, one per role, for `motcua demo` only (never created in production)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from motcua.accounts.models import Role, User
from motcua.accounts.services import membership_grant, user_create
from motcua.units.models import Unit

DEMO_PASSWORD = "motcua-demo-2024"  # noqa: S105 - the published demo password, demo data only

#: username, full name, job title, role code, unit key (see motcua.units.demo), whole subtree?
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str, str, bool], ...] = (
    ("quantri", "Quản trị hệ thống", "Quản trị viên", "administrator", "province_2024", True),
    ("vanphong", "Nguyễn Thị Hoa", "Chuyên viên kiểm soát TTHC", "control_office", "district", True),
    ("lanhdao", "Phạm Văn Bình", "Phó Chủ tịch UBND huyện", "leader", "district", True),
    ("tuphap.truongphong", "Đinh Văn Sơn", "Trưởng phòng Tư pháp", "unit_head", "535-TP", True),
    ("tuphap.chuyenvien", "Hồ Thị Lan", "Chuyên viên Phòng Tư pháp", "specialist", "535-TP", True),
    ("motcua.huyen", "Trần Văn Minh", "Công chức Bộ phận Một cửa huyện", "one_stop_officer", "535-MC", True),
    (
        "motcua.thitran",
        "Phạm Thị Nga",
        "Công chức Một cửa thị trấn Ba Tơ",
        "one_stop_officer",
        "2024:21484",
        True,
    ),
    ("motcua.bato", "Đinh Văn Tùng", "Công chức Một cửa xã Ba Tô", "one_stop_officer", "2024:21523", True),
    (
        "motcua.xabato",
        "Phạm Văn Hải",
        "Công chức Một cửa xã Ba Tơ (từ 01/07/2025)",
        "one_stop_officer",
        "2025:21484",
        True,
    ),
    # the officers who settle the demo year's dossiers (motcua.dossiers.demo)
    (
        "chuyenvien.xabato",
        "Đinh Thị Hằng",
        "Công chức Tư pháp - Hộ tịch xã Ba Tơ (từ 01/07/2025)",
        "specialist",
        "2025:21484",
        True,
    ),
    (
        "chutich.xabato",
        "Phạm Văn Đức",
        "Chủ tịch UBND xã Ba Tơ (từ 01/07/2025)",
        "unit_head",
        "2025:21484",
        True,
    ),
    (
        "chuyenvien.thitran",
        "Hồ Văn Lâm",
        "Công chức Tư pháp - Hộ tịch thị trấn Ba Tơ",
        "specialist",
        "2024:21484",
        True,
    ),
    ("chutich.thitran", "Đinh Văn Quang", "Chủ tịch UBND thị trấn Ba Tơ", "unit_head", "2024:21484", True),
)


@transaction.atomic
def load_demo_accounts(
    *, units: dict[str, Unit], actor: Any = None, progress: Callable[[str], None] | None = None
) -> list[User]:
    """Create the demo accounts that are missing, each with its role in its unit."""
    say = progress or (lambda _msg: None)
    created = []
    roles = {role.code: role for role in Role.objects.all()}
    for username, full_name, title, role_code, unit_key, subtree in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            continue
        is_admin = role_code == "administrator"
        user = user_create(
            actor=actor,
            username=username,
            password=DEMO_PASSWORD,
            full_name=full_name,
            job_title=title,
            is_staff=is_admin,
            is_superuser=is_admin,
        )
        membership_grant(
            actor=actor, user=user, role=roles[role_code], unit=units[unit_key], include_subtree=subtree
        )
        created.append(user)
    say(f"{len(created)} tài khoản demo (mật khẩu: {DEMO_PASSWORD})")
    return created
