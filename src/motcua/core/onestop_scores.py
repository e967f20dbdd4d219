"""The one-stop evaluation of Circular 01/2018 Art. 13–15 (regulations.md §1b): nine indicators of 0–2
points, averaged per official and per agency each quarter, and the official bands.

Indicators 1, 2, 3, 4 and 7 are scored per dossier; 5, 6, 8 and 9 per one-stop section or agency.
An indicator's score is the mean of its per-dossier points, rounded to one decimal. An official's total
is indicators 1, 2, 3, 4 and 7 (at most 10); an agency's total is all nine (at most 18).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from motcua.core.deadlines import Outcome

_TENTH = Decimal("0.1")
#: indicator 5: the share of listed procedures whose whole process runs at the one-stop section
ONE_STOP_SHARE = {
    "ministry": Decimal(20),
    "province": Decimal(20),
    "district": Decimal(50),
    "commune": Decimal(100),
}


def points_for_time(outcome: Outcome) -> int:
    """Indicators 1 and 2: shorter than prescribed 2, equal 1, longer 0 (rules K1, K2)."""
    return {Outcome.EARLY: 2, Outcome.ON_TIME: 1}.get(outcome, 0)


def points_for_contacts(contacts: int) -> int:
    """Indicator 3: contacts needed to complete the dossier, not counting those the applicant caused."""
    if contacts < 0:
        raise ValueError("số lần liên hệ không được âm")
    return 2 if contacts == 0 else 1 if contacts == 1 else 0


def points_for_agencies(agencies: int, *, only_one_stop: bool) -> int:
    """Indicator 4: no agency to contact 2; only the one-stop section (and those the law requires for
    field checks or councils) 1; more than one 0."""
    if agencies < 0:
        raise ValueError("số cơ quan không được âm")
    if agencies == 0:
        return 2
    return 1 if only_one_stop else 0


def points_for_one_stop_share(share_percent: Decimal, level: str, *, all_received_there: bool) -> int:
    """Indicator 5: whole process at the one-stop section for at least 20 % (ministry, province), 50 %
    (district) or 100 % (commune) of listed procedures 2; every eligible one at least received and
    returned there 1; otherwise 0."""
    if share_percent >= ONE_STOP_SHARE[level]:
        return 2
    return 1 if all_received_there else 0


def points_for_publication(*, on_boards: bool, electronic: bool) -> int:
    """Indicator 6: accurate and timely on notice boards and electronically 2; one of the two 1."""
    return int(on_boards) + int(electronic)


def points_for_attitude(outcome: Outcome, *, harassment_complaint: bool) -> int:
    """Indicator 7: early with no complaint of harassment 2; on time with none 1; a (founded) complaint 0.
    A late dossier earns nothing here either: the Circular gives points only to early and on time."""
    if harassment_complaint:
        return 0
    return points_for_time(outcome)


def points_for_petitions(total: int, on_time: int, *, prolonged: bool) -> int:
    """Indicator 8: none, or all handled on time with none prolonged 2; at least 90 % on time 1."""
    if not 0 <= on_time <= total:
        raise ValueError("số phản ánh đúng hạn phải từ 0 đến tổng số")
    if total == 0 or (on_time == total and not prolonged):
        return 2
    return 1 if not prolonged and on_time * 10 >= total * 9 else 0


def points_for_online(
    *, level_3_4_percent: Decimal, online_dossiers_percent: Decimal, online_late_or_unsettled: int
) -> int:
    """Indicator 9: ≥ 20 % of eligible procedures online at level 3/4, ≥ 30 % online dossiers and none of
    them late 2; some level 3/4 service, 15 to < 30 % online dossiers and none late 1."""
    if online_late_or_unsettled:
        return 0
    if level_3_4_percent >= 20 and online_dossiers_percent >= 30:
        return 2
    if level_3_4_percent > 0 and Decimal(15) <= online_dossiers_percent < 30:
        return 1
    return 0


def indicator_score(points: Iterable[int]) -> Decimal:
    """Art. 14: the mean of the per-dossier points, to one decimal (0 when there is no dossier)."""
    values = list(points)
    if any(p not in (0, 1, 2) for p in values):
        raise ValueError("điểm mỗi tiêu chí chỉ là 0, 1 hoặc 2")
    if not values:
        return Decimal(0)
    return (Decimal(sum(values)) / len(values)).quantize(_TENTH, rounding=ROUND_HALF_UP)


class OfficerBand(StrEnum):
    FULL = "100%"  # hoàn thành 100 % nhiệm vụ
    PARTIAL = "70-100%"  # từ 70 % đến dưới 100 %
    BELOW = "<70%"  # dưới 70 %


class AgencyBand(StrEnum):
    EXCELLENT = "Xuất sắc"
    GOOD = "Tốt"
    FAIR = "Khá"
    AVERAGE = "Trung bình"
    WEAK = "Yếu"


def officer_band(total: Decimal) -> OfficerBand:
    """Art. 15: an official's total of indicators 1, 2, 3, 4, 7 (at most 10)."""
    if total >= 5:
        return OfficerBand.FULL
    return OfficerBand.PARTIAL if total >= Decimal("3.5") else OfficerBand.BELOW


def agency_band(total: Decimal) -> AgencyBand:
    """Art. 15: an agency's total of the nine indicators (at most 18)."""
    for floor, band in (
        (15, AgencyBand.EXCELLENT),
        (12, AgencyBand.GOOD),
        (9, AgencyBand.FAIR),
        (6, AgencyBand.AVERAGE),
    ):
        if total >= floor:
            return band
    return AgencyBand.WEAK
