"""The one place that decides what a user may see or do, and in which units.

Every view, API endpoint, selector and export asks here. A user holds roles in units
(`Membership`); a permission granted by a role reaches that unit and, unless the membership says
otherwise, every unit under it. Superusers reach everything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from motcua.units.models import Unit, UnitQuerySet

M = TypeVar("M", bound=Model)

_CACHE_ATTR = "_motcua_scopes"


@dataclass(frozen=True)
class Scope:
    """Where a permission reaches: everywhere, or these units and the subtrees under some of them."""

    everywhere: bool
    unit_ids: frozenset[int]
    subtree_paths: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.everywhere and not self.unit_ids and not self.subtree_paths

    def covers(self, unit: Unit) -> bool:
        if self.everywhere:
            return True
        return unit.pk in self.unit_ids or any(unit.path.startswith(path) for path in self.subtree_paths)

    def unit_q(self, prefix: str = "") -> Q:
        """A filter on units (or, with `prefix` such as "unit__", on rows that point to a unit)."""
        if self.everywhere:
            return Q()
        query = Q(**{f"{prefix}pk__in": sorted(self.unit_ids)})
        for path in self.subtree_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        return query


NOWHERE = Scope(everywhere=False, unit_ids=frozenset(), subtree_paths=())
EVERYWHERE = Scope(everywhere=True, unit_ids=frozenset(), subtree_paths=())


def scope_for(user: Any, perm: str) -> Scope:
    """The units in which `user` holds `perm` ("app_label.codename"), cached on the user object."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOWHERE
    if user.is_superuser:
        return EVERYWHERE
    cache: dict[str, Scope] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if perm in cache:
        return cache[perm]
    app_label, codename = perm.split(".", 1)
    memberships = user.memberships.filter(
        is_active=True,
        role__permissions__content_type__app_label=app_label,
        role__permissions__codename=codename,
    ).values_list("unit_id", "unit__path", "include_subtree")
    unit_ids: set[int] = set()
    paths: list[str] = []
    for unit_id, path, include_subtree in memberships:
        if include_subtree:
            paths.append(path)
        else:
            unit_ids.add(unit_id)
    cache[perm] = Scope(
        everywhere=False, unit_ids=frozenset(unit_ids), subtree_paths=tuple(sorted(set(paths)))
    )
    return cache[perm]


def has_perm_somewhere(user: Any, perm: str) -> bool:
    return not scope_for(user, perm).empty


def can(user: Any, perm: str, unit: Unit | None) -> bool:
    """May `user` use `perm` on something that belongs to `unit`? (No unit: only a superuser may.)"""
    scope = scope_for(user, perm)
    if unit is None:
        return scope.everywhere
    return scope.covers(unit)


def units_visible(user: Any, perm: str = "units.view_unit") -> UnitQuerySet:
    return Unit.objects.filter(scope_for(user, perm).unit_q())


def restrict(queryset: QuerySet[M], user: Any, perm: str, *, unit_field: str = "unit") -> QuerySet[M]:
    """Keep the rows of `queryset` whose unit (reached through `unit_field`) the user may see."""
    scope = scope_for(user, perm)
    if scope.everywhere:
        return queryset
    if scope.empty:
        return queryset.none()
    if unit_field in {"", "self"}:
        return queryset.filter(scope.unit_q())
    return queryset.filter(scope.unit_q(prefix=f"{unit_field}__"))


def restrict_by_unit_id(
    queryset: QuerySet[M], user: Any, perm: str, *, column: str = "unit_id"
) -> QuerySet[M]:
    """As `restrict`, for rows that keep a plain unit id (the audit trail) rather than a foreign key."""
    scope = scope_for(user, perm)
    if scope.everywhere:
        return queryset
    if scope.empty:
        return queryset.none()
    return queryset.filter(**{f"{column}__in": Unit.objects.filter(scope.unit_q()).values("pk")})


def forget(user: Any) -> None:
    """Drop the cached scopes (after memberships change within one request)."""
    user.__dict__.pop(_CACHE_ATTR, None)
