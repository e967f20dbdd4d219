"""Reads for the signed-in user's pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Q

from motcua.accounts.models import Membership, Role, User
from motcua.units.models import Unit

# The work a role opens on the home page, by the permission that gives it (the pages are the apps'; these
# keys are what the home template links): the counter, the work queue, the tracking book.
DOSSIER_WORK: tuple[tuple[str, str], ...] = (
    ("dossiers.receive_dossier", "dossiers_counter"),
    ("dossiers.view_dossier", "dossiers_queue"),
    ("dossiers.view_dossier", "dossiers_book"),
)


@dataclass(frozen=True)
class HomeSection:
    role: Role
    units: list[Any]
    work: list[str] = field(default_factory=list)


def _work(role: Role) -> list[str]:
    held = {f"{p.content_type.app_label}.{p.codename}" for p in role.permissions.all()}
    return [key for perm, key in DOSSIER_WORK if perm in held]


def home_for(user: Any) -> list[HomeSection]:
    """One section per role the user holds, with the units it is held in and the work it opens."""
    memberships = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("role", "unit")
        .prefetch_related("role__permissions__content_type")
        .order_by("role__name")
    )
    by_role: dict[int, HomeSection] = {}
    for membership in memberships:
        section = by_role.setdefault(
            membership.role_id, HomeSection(membership.role, [], _work(membership.role))
        )
        section.units.append(membership.unit)
    return list(by_role.values())


def _ancestor_paths(unit: Unit) -> list[str]:
    parts = [p for p in unit.path.strip("/").split("/") if p]
    return ["/" + "/".join(parts[: n + 1]) + "/" for n in range(len(parts))]


def users_with_perm(perm: str, unit: Unit) -> list[User]:
    """The active users whose role gives `perm` on `unit` (held there, or above it with its subtree)."""
    app_label, codename = perm.split(".", 1)
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    user_ids = Membership.objects.filter(
        Q(unit=unit) | Q(include_subtree=True, unit__path__in=_ancestor_paths(unit)),
        is_active=True,
        role__permissions__in=granted,
    ).values("user_id")
    return list(User.objects.filter(pk__in=user_ids, is_active=True).order_by("full_name", "username"))
