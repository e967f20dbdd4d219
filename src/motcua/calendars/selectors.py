"""Reads: the calendar of a unit and the rule set in force, built from data and cached per version."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.db.models import Max, Q
from django.utils import timezone

from motcua.calendars.enums import OverrideKind
from motcua.calendars.models import CalendarChange, CalendarOverride, DeadlineRuleSet, OfficeHours
from motcua.common.errors import ApplicationError
from motcua.core.calendar import DayOverride, Season, WorkCalendar, parse_sessions
from motcua.core.calendar import OfficeHours as CoreOfficeHours
from motcua.core.deadlines import DayEnd, RuleSet, SupplementPolicy
from motcua.units.models import Unit

FIRST_YEAR = 2020


def calendar_version() -> int:
    """The id of the latest calendar change (0 before any): stored on each item with its due time."""
    return CalendarChange.objects.aggregate(latest=Max("id"))["latest"] or 0


def _years() -> tuple[int, int]:
    return FIRST_YEAR, timezone.localdate().year + 3


def calendar_for(unit: Unit | None, *, version: int | None = None) -> WorkCalendar:
    """The working calendar of `unit`: official days, overrides for everyone and for the unit's
    ancestors and itself, and the most specific office hours.

    Built once per distinct content (the overrides and hours that apply), not per id, so a calendar
    can never be served stale whatever happens to ids. `version` is accepted for callers that record
    the calendar version they used; the content decides."""
    chain = [int(part) for part in unit.path.strip("/").split("/") if part] if unit is not None else []
    return _build(_overrides_for(chain), _office_hours_for(chain), _years())


def _overrides_for(chain: list[int]) -> tuple[DayOverride, ...]:
    rank = {unit_id: level for level, unit_id in enumerate(chain)}
    chosen: dict[dt.date, tuple[int, CalendarOverride]] = {}
    own = chain[-1] if chain else None
    for override in CalendarOverride.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=chain)):
        if override.kind == OverrideKind.RECEIPT_SUSPENDED and override.unit_id != own:
            continue  # C1: a suspension of receipt closes that unit only, not the units under it
        # A unit's own override wins over an ancestor's, which wins over the general one.
        level = rank.get(override.unit_id, -1) if override.unit_id else -1
        if override.day not in chosen or level > chosen[override.day][0]:
            chosen[override.day] = (level, override)
    return tuple(
        DayOverride(
            o.day, working=o.kind == OverrideKind.WORKING_DAY, reason=f"{o.get_kind_display()}: {o.reason}"
        )
        for _level, o in sorted(chosen.values(), key=lambda item: item[1].day)
    )


def _office_hours_for(chain: list[int]) -> CoreOfficeHours:
    rows = list(OfficeHours.objects.filter(Q(unit__isnull=True) | Q(unit_id__in=chain)))
    # The nearest unit that has office hours of its own decides; otherwise the general ones.
    for unit_id in [*reversed(chain), None]:
        own = [r for r in rows if r.unit_id == unit_id]
        if own:
            default = next((r for r in own if not r.season_start), None)
            seasons = tuple(
                Season(_month_day(r.season_start), _month_day(r.season_end), parse_sessions(r.sessions))
                for r in own
                if r.season_start
            )
            return CoreOfficeHours(
                sessions=parse_sessions(default.sessions) if default else CoreOfficeHours().sessions,
                seasons=seasons,
            )
    return CoreOfficeHours()


@lru_cache(maxsize=128)
def _build(
    overrides: tuple[DayOverride, ...], hours: CoreOfficeHours, years: tuple[int, int]
) -> WorkCalendar:
    return WorkCalendar.build(range(years[0], years[1] + 1), overrides=overrides, hours=hours)


def _month_day(text: str) -> tuple[int, int]:
    day, _, month = text.partition("/")
    return int(month), int(day)


def ruleset_on(day: dt.date) -> DeadlineRuleSet:
    """The rule set in force on `day` (D9)."""
    found = (
        DeadlineRuleSet.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    if found is None:
        raise ApplicationError(
            "ruleset_missing",
            f"Chưa có bộ quy tắc tính hạn nào có hiệu lực ngày {day:%d/%m/%Y}.",
            fields={"received": "no_ruleset"},
        )
    return found


def core_rules(ruleset: DeadlineRuleSet) -> RuleSet:
    cutoff = ruleset.cutoff
    if isinstance(cutoff, str):
        cutoff = dt.time.fromisoformat(cutoff)
    return RuleSet(
        code=ruleset.code,
        cutoff_minute=cutoff.hour * 60 + cutoff.minute,
        supplement_policy=SupplementPolicy(ruleset.supplement_policy),
        hours_per_day=ruleset.hours_per_day,
        day_end=DayEnd(ruleset.day_end),
    )
