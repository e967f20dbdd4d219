"""Compliance cost of a procedure (chi phí tuân thủ TTHC), Circular 02/2017/TT-VPCP Art. 27.

cost of one compliance = Σ (hours of each task × value of one hour) + fees and charges + other costs;
annual cost = cost of one compliance × times per year × subjects per year;
saving = cost now − cost after simplification; reduction % = saving / cost now × 100
(the percentage is the usual reading; the Circular states no formula for it: regulations.md §3a).
Opportunity cost is not counted (Art. 27). Money is rounded to whole đồng, percentages to 2 decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_DONG = Decimal("1")
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class CostTask:
    name: str
    hours: Decimal  # time a citizen spends on the task (preparing papers, travelling, waiting …)

    def __post_init__(self) -> None:
        if self.hours < 0:
            raise ValueError(f"thời gian của việc “{self.name}” không được âm")


@dataclass(frozen=True)
class CostScenario:
    """What complying takes, once, and how often it is done in a year."""

    tasks: Sequence[CostTask]
    fees: Decimal = Decimal(0)
    other_costs: Decimal = Decimal(0)
    times_per_year: Decimal = Decimal(1)
    subjects_per_year: int = 0

    def __post_init__(self) -> None:
        if self.fees < 0 or self.other_costs < 0:
            raise ValueError("phí, lệ phí và chi phí khác không được âm")
        if self.times_per_year < 0 or self.subjects_per_year < 0:
            raise ValueError("số lần thực hiện và số đối tượng không được âm")

    @property
    def hours(self) -> Decimal:
        return sum((task.hours for task in self.tasks), Decimal(0))


def money(value: Decimal) -> Decimal:
    return value.quantize(_DONG, rounding=ROUND_HALF_UP)


def percent(part: Decimal, whole: Decimal) -> Decimal | None:
    """part / whole × 100, to 2 decimals; None when the whole is 0 (the 766 convention shows N/A)."""
    if whole == 0:
        return None
    return (part * 100 / whole).quantize(_CENT, rounding=ROUND_HALF_UP)


def one_time_cost(scenario: CostScenario, hour_value: Decimal) -> Decimal:
    """Art. 27: the cost of the tasks to get the result plus the fees, charges and other costs."""
    return money(scenario.hours * hour_value + scenario.fees + scenario.other_costs)


def annual_cost(scenario: CostScenario, hour_value: Decimal) -> Decimal:
    """Art. 27: the cost of one compliance × times per year × subjects per year."""
    return money(one_time_cost(scenario, hour_value) * scenario.times_per_year * scenario.subjects_per_year)


@dataclass(frozen=True)
class Comparison:
    one_time_before: Decimal
    one_time_after: Decimal
    annual_before: Decimal
    annual_after: Decimal

    @property
    def saving(self) -> Decimal:
        return self.annual_before - self.annual_after

    @property
    def reduction_percent(self) -> Decimal | None:
        return percent(self.saving, self.annual_before)


def meets_target(comparison: Comparison, target_percent: Decimal) -> bool:
    """Whether the reduction reaches the target (≥ 10 % in the 2024 plan, task 8); no cost now: not met."""
    reduction = comparison.reduction_percent
    return reduction is not None and reduction >= target_percent


def compare(before: CostScenario, after: CostScenario, hour_value: Decimal) -> Comparison:
    """The cost now and after simplification, and the benefit (Art. 27: steps 1–3)."""
    return Comparison(
        one_time_cost(before, hour_value),
        one_time_cost(after, hour_value),
        annual_cost(before, hour_value),
        annual_cost(after, hour_value),
    )


def total(comparisons: Iterable[Comparison]) -> Comparison:
    """Several procedures together: annual costs add up; the reduction is of the sum, not an average."""
    items = list(comparisons)
    return Comparison(
        sum((c.one_time_before for c in items), Decimal(0)),
        sum((c.one_time_after for c in items), Decimal(0)),
        sum((c.annual_before for c in items), Decimal(0)),
        sum((c.annual_after for c in items), Decimal(0)),
    )
