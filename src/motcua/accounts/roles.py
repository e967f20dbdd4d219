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


PLAN_MANAGE = (
    "plans.view_plan",
    "plans.add_plan",
    "plans.change_plan",
    "plans.view_plantask",
    "plans.review_taskreport",
    "plans.add_taskreport",  # the control office leads many tasks itself and reports on them
)
PLAN_WORK = ("plans.view_plantask", "plans.add_taskreport")
CATALOG_MANAGE = (
    "catalog.add_procedure",
    "catalog.change_procedure",
    "catalog.change_procedureversion",
    "catalog.publish_procedureversion",
    "catalog.add_publicationdecision",
    "catalog.change_publicationdecision",
    "catalog.change_offering",
)
REVIEW_MANAGE = (
    "reviews.view_reviewcampaign",
    "reviews.add_reviewcampaign",
    "reviews.change_reviewcampaign",
    "reviews.add_reviewrecord",
    "reviews.change_reviewrecord",
    "reviews.view_draftcomment",
    "reviews.add_draftcomment",
    "reviews.change_draftcomment",
)
REVIEW_WORK = (
    "reviews.view_reviewcampaign",
    "reviews.add_reviewrecord",
    "reviews.change_reviewrecord",
    "reviews.view_draftcomment",
    "reviews.change_draftcomment",
)

DOSSIER_VIEW = "dossiers.view_dossier"
DOSSIER_RECEIVE = (DOSSIER_VIEW, "dossiers.receive_dossier")
DOSSIER_PROCESS = (DOSSIER_VIEW, "dossiers.process_dossier")
DOSSIER_ALL = (*DOSSIER_RECEIVE, "dossiers.process_dossier", "dossiers.approve_dossier")

#: permissions that later releases give the default roles, applied once per role (never re-added after an
#: administrator removed them). Release 1 is DEFAULT_ROLES itself.
LATER_RELEASES: tuple[dict[str, tuple[str, ...]], ...] = (
    {  # release 2: yearly control plans (issue 4)
        "control_office": PLAN_MANAGE,
        "administrator": PLAN_MANAGE,
        "leader": ("plans.view_plan", "plans.view_plantask"),
        "unit_head": PLAN_WORK,
        "specialist": PLAN_WORK,
        "one_stop_officer": PLAN_WORK,
    },
    {  # release 3: the procedure catalogue and reviews (issue 5)
        "control_office": CATALOG_MANAGE + REVIEW_MANAGE,
        "administrator": CATALOG_MANAGE + REVIEW_MANAGE,
        "leader": ("reviews.view_reviewcampaign", "reviews.view_draftcomment"),
        "unit_head": REVIEW_WORK,
        "specialist": REVIEW_WORK,
    },
    {  # release 4: the one-stop dossier lifecycle (issue 6)
        "one_stop_officer": DOSSIER_RECEIVE,
        "specialist": DOSSIER_PROCESS,
        "unit_head": (*DOSSIER_PROCESS, "dossiers.approve_dossier"),
        "control_office": (DOSSIER_VIEW,),
        "leader": (DOSSIER_VIEW,),
        "administrator": DOSSIER_ALL,
    },
)


def sync_default_roles(sender: Any = None, **kwargs: Any) -> None:
    """Create missing default roles and give existing ones what later releases add (post_migrate).

    Runs once the last app has migrated, so that every app's permissions exist."""
    from django.apps import apps

    from motcua.accounts.models import Role
    from motcua.common.audit import audit_record, snapshot

    last = list(apps.get_app_configs())[-1].label
    if sender is not None and getattr(sender, "label", None) != last:
        return
    for spec in DEFAULT_ROLES:
        role, created = Role.objects.get_or_create(
            code=spec.code, defaults={"name": spec.name, "description": spec.description}
        )
        if created:
            role.permissions.set(permissions_for(spec.permissions))
            role.defaults_version = 1
            role.save(update_fields=["defaults_version"])
            audit_record(actor=None, operation="accounts.role_create", target=role, after=snapshot(role))
        applied = max(role.defaults_version, 1)  # release 1 is the role as first created
        latest = 1 + len(LATER_RELEASES)
        if applied >= latest:
            continue
        before = snapshot(role)
        for release in LATER_RELEASES[applied - 1 :]:
            role.permissions.add(*permissions_for(release.get(role.code, ())))
        role.defaults_version = latest
        role.save(update_fields=["defaults_version"])
        audit_record(
            actor=None, operation="accounts.role_defaults", target=role, before=before, after=snapshot(role)
        )
