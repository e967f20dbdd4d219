"""Circular 01/2018 Art. 13–15: the nine indicators, the one-decimal averages and the official bands."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from motcua.core.deadlines import Outcome
from motcua.core.onestop_scores import (
    AgencyBand,
    OfficerBand,
    agency_band,
    indicator_score,
    officer_band,
    points_for_agencies,
    points_for_attitude,
    points_for_contacts,
    points_for_one_stop_share,
    points_for_online,
    points_for_petitions,
    points_for_publication,
    points_for_time,
)

D = Decimal


@pytest.mark.parametrize(
    ("outcome", "points"),
    [(Outcome.EARLY, 2), (Outcome.ON_TIME, 1), (Outcome.LATE, 0), (Outcome.OVERDUE, 0)],
)
def test_time(outcome: Outcome, points: int) -> None:
    assert points_for_time(outcome) == points


def test_contacts_agencies_publication() -> None:
    assert [points_for_contacts(n) for n in (0, 1, 2, 5)] == [2, 1, 0, 0]
    assert points_for_agencies(0, only_one_stop=False) == 2
    assert points_for_agencies(1, only_one_stop=True) == 1
    assert points_for_agencies(2, only_one_stop=False) == 0
    assert points_for_publication(on_boards=True, electronic=True) == 2
    assert points_for_publication(on_boards=False, electronic=True) == 1
    assert points_for_publication(on_boards=False, electronic=False) == 0


@pytest.mark.parametrize(
    ("share", "level", "all_there", "points"),
    [
        (D(100), "commune", False, 2),
        (D(99), "commune", True, 1),  # a commune must run every procedure through, not 99 %
        (D(50), "district", False, 2),
        (D("49.9"), "district", False, 0),
        (D(20), "province", False, 2),
    ],
)
def test_one_stop_share(share: Decimal, level: str, all_there: bool, points: int) -> None:
    assert points_for_one_stop_share(share, level, all_received_there=all_there) == points


def test_attitude_petitions_online() -> None:
    assert points_for_attitude(Outcome.EARLY, harassment_complaint=False) == 2
    assert points_for_attitude(Outcome.ON_TIME, harassment_complaint=False) == 1
    assert points_for_attitude(Outcome.EARLY, harassment_complaint=True) == 0
    assert points_for_petitions(0, 0, prolonged=False) == 2
    assert points_for_petitions(20, 20, prolonged=False) == 2
    assert points_for_petitions(20, 18, prolonged=False) == 1  # exactly 90 %
    assert points_for_petitions(20, 17, prolonged=False) == 0
    assert points_for_petitions(20, 20, prolonged=True) == 0
    assert (
        points_for_online(level_3_4_percent=D(25), online_dossiers_percent=D(30), online_late_or_unsettled=0)
        == 2
    )
    assert (
        points_for_online(level_3_4_percent=D(25), online_dossiers_percent=D(15), online_late_or_unsettled=0)
        == 1
    )
    assert (
        points_for_online(level_3_4_percent=D(25), online_dossiers_percent=D(14), online_late_or_unsettled=0)
        == 0
    )
    assert (
        points_for_online(level_3_4_percent=D(90), online_dossiers_percent=D(90), online_late_or_unsettled=1)
        == 0
    )


def test_indicator_score_rounds_to_one_decimal() -> None:
    # 2 + 2 + 1 = 5 over 3 dossiers = 1.666… → 1.7; 1 + 0 = 0.5 exactly; no dossier → 0
    assert indicator_score([2, 2, 1]) == D("1.7")
    assert indicator_score([1, 0]) == D("0.5")
    assert indicator_score([]) == D(0)
    with pytest.raises(ValueError, match="0, 1 hoặc 2"):
        indicator_score([3])


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (D(10), OfficerBand.FULL),
        (D(5), OfficerBand.FULL),
        (D("4.9"), OfficerBand.PARTIAL),
        (D("3.5"), OfficerBand.PARTIAL),
        (D("3.4"), OfficerBand.BELOW),
    ],
)
def test_officer_bands(total: Decimal, band: OfficerBand) -> None:
    assert officer_band(total) == band


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (D(18), AgencyBand.EXCELLENT),
        (D(15), AgencyBand.EXCELLENT),
        (D("14.9"), AgencyBand.GOOD),
        (D(12), AgencyBand.GOOD),
        (D(9), AgencyBand.FAIR),
        (D(6), AgencyBand.AVERAGE),
        (D("5.9"), AgencyBand.WEAK),
    ],
)
def test_agency_bands(total: Decimal, band: AgencyBand) -> None:
    assert agency_band(total) == band


ORDER = [AgencyBand.WEAK, AgencyBand.AVERAGE, AgencyBand.FAIR, AgencyBand.GOOD, AgencyBand.EXCELLENT]


@given(st.decimals(min_value=0, max_value=18, places=1), st.decimals(min_value=0, max_value=18, places=1))
def test_a_higher_total_never_gets_a_lower_band(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    assert ORDER.index(agency_band(low)) <= ORDER.index(agency_band(high))


@given(st.lists(st.sampled_from([0, 1, 2]), min_size=1, max_size=200))
def test_a_score_stays_between_0_and_2(points: list[int]) -> None:
    assert D(0) <= indicator_score(points) <= D(2)
