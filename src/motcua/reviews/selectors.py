"""Reads for reviews: the constants in force, what a user may see, and the cost summary of a campaign."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from motcua.accounts.access import restrict, scope_for
from motcua.core.compliance_cost import (
    Comparison,
    CostScenario,
    CostTask,
    compare,
    meets_target,
    total,
)
from motcua.reviews.enums import CampaignStatus, CommentStatus, CostKind, ProposalKind, RecordStatus, Scenario
from motcua.reviews.models import CostConstant, CostLine, DraftComment, ReviewCampaign, ReviewRecord

VIEW_CAMPAIGN = "reviews.view_reviewcampaign"
VIEW_COMMENT = "reviews.view_draftcomment"
COUNTED = frozenset({RecordStatus.SUBMITTED, RecordStatus.ACCEPTED})


def constant_in_force(code: str, on: dt.date) -> CostConstant | None:
    """The value of a constant that applies on `on` (the latest that started by then)."""
    return (
        CostConstant.objects.filter(code=code, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def constants_in_force(on: dt.date) -> list[CostConstant]:
    return list(
        CostConstant.objects.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("code", "-valid_from")
    )


def campaigns_visible(user: Any) -> QuerySet[ReviewCampaign]:
    """Campaigns a user follows: those of the units in their scope (all statuses), and open or closed
    campaigns that ask one of their units to review."""
    scope = scope_for(user, VIEW_CAMPAIGN)
    campaigns = ReviewCampaign.objects.select_related("unit")
    if scope.everywhere:
        return campaigns.all()
    if scope.empty:
        return campaigns.none()
    issued = ReviewCampaign.objects.filter(scope.unit_q(prefix="unit__")).values("pk")
    asked = (
        ReviewCampaign.objects.exclude(status=CampaignStatus.DRAFT)
        .filter(scope.unit_q(prefix="units__"))
        .values("pk")
    )
    return campaigns.filter(Q(pk__in=issued) | Q(pk__in=asked))


def records_visible(user: Any, campaign: ReviewCampaign | None = None) -> QuerySet[ReviewRecord]:
    """Review records of the units in the user's scope (a department sees its own, the district office
    every unit's), with what the summary needs loaded."""
    records = ReviewRecord.objects.filter(campaign__in=campaigns_visible(user))
    if campaign is not None:
        records = records.filter(campaign=campaign)
    return (
        restrict(records, user, VIEW_CAMPAIGN)
        .select_related("campaign", "procedure", "unit")
        .prefetch_related(
            "cost_lines",
            "proposals",
            "assessments",
        )
    )


def record_scenarios(record: ReviewRecord) -> tuple[CostScenario, CostScenario]:
    """The procedure now and after simplification, from the record's cost lines.

    Without "after" lines the cost after is the cost now (nothing proposed, or only the frequency
    changes), except when abolition is proposed: then nothing is left to pay. A forgotten "after" part
    so shows no saving rather than a made-up one."""
    lines = list(record.cost_lines.all())
    abolished = any(p.kind == ProposalKind.ABOLISH for p in record.proposals.all())
    subjects = record.subjects_per_year
    before = _scenario([x for x in lines if x.scenario == Scenario.BEFORE], record.times_per_year, subjects)
    after_times = record.after_times_per_year
    if after_times is None:
        after_times = record.times_per_year
    after_lines = [x for x in lines if x.scenario == Scenario.AFTER]
    if after_lines:
        after = _scenario(after_lines, after_times, subjects)
    elif abolished:
        after = CostScenario(tasks=(), times_per_year=after_times, subjects_per_year=subjects)
    else:
        after = dataclasses.replace(before, times_per_year=after_times)
    return before, after


def _scenario(lines: Sequence[CostLine], times: Decimal, subjects: int) -> CostScenario:
    return CostScenario(
        tasks=tuple(CostTask(x.name, x.hours or Decimal(0)) for x in lines if x.kind == CostKind.TASK),
        fees=sum((x.amount or Decimal(0) for x in lines if x.kind == CostKind.FEE), Decimal(0)),
        other_costs=sum((x.amount or Decimal(0) for x in lines if x.kind == CostKind.OTHER), Decimal(0)),
        times_per_year=times,
        subjects_per_year=subjects,
    )


@dataclass(frozen=True)
class SummaryRow:
    record: ReviewRecord
    before: CostScenario
    after: CostScenario
    comparison: Comparison
    counted: bool  # sent to or accepted by the control office: part of the totals


@dataclass(frozen=True)
class CampaignSummary:
    campaign: ReviewCampaign
    rows: list[SummaryRow]
    total: Comparison
    target_percent: Decimal
    meets_target: bool

    @property
    def counted(self) -> int:
        return sum(1 for row in self.rows if row.counted)


def campaign_summary(campaign: ReviewCampaign, records: Iterable[ReviewRecord]) -> CampaignSummary:
    """Each record's cost now and after, at the campaign's hour value (Circular 02/2017 Art. 27), and the
    total of the records sent or accepted against the campaign's target (plan task 8: at least 10 %)."""
    rows = []
    for record in records:
        before, after = record_scenarios(record)
        rows.append(
            SummaryRow(
                record=record,
                before=before,
                after=after,
                comparison=compare(before, after, campaign.hour_value),
                counted=record.status in COUNTED,
            )
        )
    summed = total(row.comparison for row in rows if row.counted)
    return CampaignSummary(
        campaign=campaign,
        rows=rows,
        total=summed,
        target_percent=campaign.target_percent,
        meets_target=meets_target(summed, campaign.target_percent),
    )


@dataclass(frozen=True)
class YearSummary:
    """All campaigns of an issuing unit in a year, and their records together (the district's figure)."""

    unit_name: str
    year: int
    campaigns: list[CampaignSummary]
    total: Comparison
    target_percent: Decimal
    meets_target: bool


def year_summaries(user: Any) -> list[YearSummary]:
    """The district view: per issuing unit and year, each campaign's result and the total; the highest
    target of the year's campaigns is the one to meet."""
    groups: dict[tuple[int, int], list[CampaignSummary]] = {}
    for campaign in campaigns_visible(user).order_by("-year", "unit__path", "id"):
        summary = campaign_summary(campaign, records_visible(user, campaign))
        groups.setdefault((campaign.unit_id, campaign.year), []).append(summary)
    result = []
    for (_unit, year), summaries in groups.items():
        summed = total(s.total for s in summaries)
        target = max(s.target_percent for s in summaries)
        result.append(
            YearSummary(
                unit_name=summaries[0].campaign.unit.name,
                year=year,
                campaigns=summaries,
                total=summed,
                target_percent=target,
                meets_target=meets_target(summed, target),
            )
        )
    return result


def comments_visible(user: Any) -> QuerySet[DraftComment]:
    return restrict(DraftComment.objects.select_related("unit"), user, VIEW_COMMENT)


def comment_is_overdue(comment: DraftComment, today: dt.date) -> bool:
    """Not answered by the deadline: still pending after it, or answered after it."""
    if comment.answered_on is not None:
        return comment.answered_on > comment.deadline
    return comment.status == CommentStatus.PENDING and today > comment.deadline
