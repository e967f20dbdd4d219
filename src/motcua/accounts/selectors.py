"""Reads for the signed-in user's pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from motcua.accounts.models import Membership, Role


@dataclass(frozen=True)
class HomeSection:
    role: Role
    units: list[Any]


def home_for(user: Any) -> list[HomeSection]:
    """One section per role the user holds, with the units it is held in (one query)."""
    memberships = (
        Membership.objects.filter(user=user, is_active=True)
        .select_related("role", "unit")
        .order_by("role__name")
    )
    by_role: dict[int, HomeSection] = {}
    for membership in memberships:
        section = by_role.setdefault(membership.role_id, HomeSection(membership.role, []))
        section.units.append(membership.unit)
    return list(by_role.values())
