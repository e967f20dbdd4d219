"""The quarterly one-stop evaluation of Circular 01/2018 Art. 13–15 computed from the dossiers: per
officer (indicators 1, 2, 3, 4, 7; at most 10) and per unit (the nine indicators; at most 18).

What the data allows: 1 from each dossier's K1 outcome, 2 from the control slip's K2 result of each
step the officer held, 3 and 4 from the applicant's rating (dossiers without a rating do not count for
them), 7 from the outcome (no founded harassment complaint is recorded yet: petitions arrive with issue
7), 9 from the online levels of the procedures the unit settled and its online dossiers. 5 (whole process
at the one-stop section), 6 (publication) and 8 (petitions) need data motcua does not hold yet: they are
reported as missing, and a unit's band is given only when all nine are known. Quarters are calendar
quarters of the dossier's finishing time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from motcua.core.calendar import TZ
from motcua.core.deadlines import Outcome, classify
from motcua.core.onestop_scores import (
    AgencyBand,
    OfficerBand,
    agency_band,
    indicator_score,
    officer_band,
    points_for_agencies,
    points_for_attitude,
    points_for_contacts,
    points_for_online,
    points_for_time,
)
from motcua.dossiers.enums import Channel
from motcua.dossiers.models import Dossier
from motcua.dossiers.selectors import control_rows
from motcua.units.models import Unit

OFFICER_INDICATORS = (1, 2, 3, 4, 7)


@dataclass
class _Points:
    by_indicator: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    dossiers: set[int] = field(default_factory=set)

    def add(self, indicator: int, points: int) -> None:
        self.by_indicator[indicator].append(points)


@dataclass(frozen=True)
class OfficerScore:
    officer: str
    dossiers: int
    indicators: dict[int, Decimal]
    total: Decimal
    band: OfficerBand


@dataclass(frozen=True)
class UnitScore:
    unit: str
    year: int
    quarter: int
    dossiers: int
    indicators: dict[int, Decimal | None]  # None: the data is not held yet
    total_known: Decimal
    band: AgencyBand | None  # only when all nine indicators are known
    officers: list[OfficerScore]


def quarter_bounds(year: int, quarter: int) -> tuple[dt.datetime, dt.datetime]:
    if not 1 <= quarter <= 4:
        raise ValueError("quý phải từ 1 đến 4")
    start = dt.datetime(year, 3 * quarter - 2, 1, tzinfo=TZ)
    end = dt.datetime(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1, tzinfo=TZ)
    return start, end


def quarter_scores(*, unit: Unit, year: int, quarter: int) -> UnitScore:
    """The evaluation of a settling unit and its officers for one quarter (Circular 01/2018 Art. 14–15)."""
    start, end = quarter_bounds(year, quarter)
    dossiers = list(
        Dossier.objects.filter(processing_unit=unit, finished_at__gte=start, finished_at__lt=end)
        .exclude(status__in=["refused", "withdrawn"])
        .select_related("unit", "procedure_version", "rating")
        .prefetch_related("events__actor", "events__receiver", "events__receiver_unit", "events__unit")
    )
    whole = _Points()
    officers: dict[tuple[int, str], _Points] = defaultdict(_Points)
    online = online_late = 0
    levels: dict[int, str] = {}
    for d in dossiers:
        outcome = classify(d.due_at, finished=d.finished_at, now=d.finished_at or end)
        shared = {1: points_for_time(outcome), 7: points_for_attitude(outcome, harassment_complaint=False)}
        rating = getattr(d, "rating", None)
        if rating is not None and rating.contacts is not None:
            shared[3] = points_for_contacts(rating.contacts)
        if rating is not None and rating.agencies is not None:
            shared[4] = points_for_agencies(rating.agencies, only_one_stop=rating.agencies <= 1)
        for indicator, points in shared.items():
            whole.add(indicator, points)
        rows = control_rows(d, list(d.events.all()))
        # officers are their accounts (two may share a name); the system's own hand-overs count for no one
        handled = {(r.giver_id, r.giver) for r in rows if r.giver_id is not None}
        for row in rows:
            if row.outcome:
                step_points = points_for_time(Outcome(row.outcome))
                whole.add(2, step_points)
                if row.giver_id is not None:
                    officers[(row.giver_id, row.giver)].add(2, step_points)
        for key in handled:
            officers[key].dossiers.add(d.pk)
            for indicator, points in shared.items():
                officers[key].add(indicator, points)
        if d.channel == Channel.ONLINE:
            online += 1
            online_late += outcome == Outcome.LATE
        if d.procedure_version is not None:
            levels[d.procedure_version.procedure_id] = d.procedure_version.online_level
    indicators: dict[int, Decimal | None] = dict.fromkeys(range(1, 10))
    for indicator in (1, 2, 3, 4, 7):
        indicators[indicator] = indicator_score(whole.by_indicator[indicator])
    if dossiers:
        level_share = Decimal(100 * sum(1 for v in levels.values() if v in ("full", "partial"))) / max(
            len(levels), 1
        )
        indicators[9] = Decimal(
            points_for_online(
                level_3_4_percent=level_share,
                online_dossiers_percent=Decimal(100 * online) / len(dossiers),
                online_late_or_unsettled=online_late,
            )
        )
    known = [v for v in indicators.values() if v is not None]
    total_known = sum(known, Decimal(0))
    return UnitScore(
        unit=unit.name,
        year=year,
        quarter=quarter,
        dossiers=len(dossiers),
        indicators=indicators,
        total_known=total_known,
        band=agency_band(total_known) if len(known) == 9 else None,
        officers=sorted(
            (_officer(name, points) for (_id, name), points in officers.items()),
            key=lambda s: (-s.total, s.officer),
        ),
    )


def _officer(name: str, points: _Points) -> OfficerScore:
    scores = {i: indicator_score(points.by_indicator[i]) for i in OFFICER_INDICATORS}
    total = sum(scores.values(), Decimal(0))
    return OfficerScore(
        officer=name, dossiers=len(points.dossiers), indicators=scores, total=total, band=officer_band(total)
    )
