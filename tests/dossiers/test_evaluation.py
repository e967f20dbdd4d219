"""The quarterly evaluation of Circular 01/2018 Art. 13–15 from two real dossiers of March 2024."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from motcua.core.onestop_scores import OfficerBand
from motcua.dossiers.evaluation import quarter_bounds, quarter_scores
from motcua.dossiers.services import (
    dossier_approve,
    dossier_issue_result,
    dossier_pay,
    dossier_rate,
    dossier_return,
    dossier_step_finish,
    dossier_step_start,
    dossier_transfer,
)
from tests.dossiers.conftest import Receive, at
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _settle(
    receive: Receive,
    officers: dict[str, Any],
    day: int,
    finish: tuple[int, int],
    rating: dict[str, int] | None,
) -> None:
    counter, specialist, head = officers["counter"], officers["specialist"], officers["head"]
    d = receive(at(2024, 3, day, 9, 0))
    d = dossier_transfer(actor=counter, dossier=d, receiver=specialist, at=at(2024, 3, day, 9, 30))
    d = dossier_step_start(actor=specialist, dossier=d, position=2, at=at(2024, 3, day, 10, 0))
    d = dossier_step_finish(
        actor=specialist, dossier=d, receiver=head, at=at(2024, 3, finish[0], finish[1], 30)
    )
    d = dossier_approve(actor=head, dossier=d, at=at(2024, 3, finish[0], finish[1] + 1, 0))
    d = dossier_issue_result(
        actor=head,
        dossier=d,
        kind="paper",
        title="Giấy chứng nhận kết hôn",
        at=at(2024, 3, finish[0], finish[1] + 1, 30),
    )
    d = dossier_pay(
        actor=counter, dossier=d, amount=30000, method="cash", at=at(2024, 3, finish[0] + 1, 8, 0)
    )
    d = dossier_return(actor=counter, dossier=d, at=at(2024, 3, finish[0] + 1, 8, 5))
    if rating is not None:
        dossier_rate(dossier=d, token=d.tracking_token, satisfaction="satisfied", **rating)


def test_quarter_scores(receive: Receive, officers: dict[str, Any], commune: Any) -> None:
    # late: received 11/03 (due 18/03 17:00), signed 19/03; the specialist held it 6 days of 28 hours
    _settle(receive, officers, 11, (19, 9), None)
    # early: received 12/03 (due 19/03), the specialist finished 13/03 after 8 of 28 hours; rated 0 contacts, 1 agency
    _settle(receive, officers, 12, (13, 9), {"contacts": 0, "agencies": 1})
    score = quarter_scores(unit=commune, year=2024, quarter=1)
    assert score.dossiers == 2
    assert score.indicators == {
        1: D("1.0"),
        2: D("1.7"),
        3: D("2.0"),
        4: D("1.0"),
        5: None,
        6: None,
        7: D("1.0"),
        8: None,
        9: D(0),
    }
    assert score.total_known == D("6.7")  # i2: six hand-overs, five within their allotment
    assert score.band is None  # 5, 6 and 8 are not known yet
    by_name = {o.officer: o for o in score.officers}
    assert by_name["Hồ Văn Lâm"].indicators == {
        1: D("1.0"),
        2: D("1.0"),
        3: D("2.0"),
        4: D("1.0"),
        7: D("1.0"),
    }
    assert (by_name["Hồ Văn Lâm"].total, by_name["Hồ Văn Lâm"].band) == (D("6.0"), OfficerBand.FULL)
    assert by_name["Phạm Thị Nga"].indicators[2] == D("2.0")  # both transfers within step 1's 4 hours
    assert by_name["Phạm Thị Nga"].dossiers == 2
    assert quarter_scores(unit=commune, year=2024, quarter=2).dossiers == 0


def test_quarter_bounds() -> None:
    assert quarter_bounds(2025, 4) == (at(2025, 10, 1, 0, 0), at(2026, 1, 1, 0, 0))
    with pytest.raises(ValueError, match="quý"):
        quarter_bounds(2025, 5)


def test_evaluation_page(client: Any, receive: Receive, officers: dict[str, Any], commune: Any) -> None:
    _settle(receive, officers, 12, (13, 9), {"contacts": 0, "agencies": 1})
    client.force_login(officers["head"])
    page = client.get(
        "/dossiers/danh-gia/", {"unit": commune.pk, "year": 2024, "quarter": 1}
    ).content.decode()
    assert "1 hồ sơ đã giải quyết xong." in page
    assert "chưa đủ dữ liệu" in page
    assert "<td>Hồ Văn Lâm</td>" in page
    assert (
        client.get("/dossiers/danh-gia/", {"unit": commune.pk, "year": 2024, "quarter": 9}).status_code == 200
    )
    outsider = UserFactory()
    client.force_login(outsider)
    assert client.get("/dossiers/danh-gia/").status_code == 403


def test_two_officers_with_one_name_are_scored_apart(
    receive: Receive, officers: dict[str, Any], commune: Any
) -> None:
    from tests.factories import grant

    namesake = UserFactory(full_name="Hồ Văn Lâm")  # the same name as the specialist of the fixture
    grant(namesake, "specialist", commune)
    _settle(receive, officers, 11, (19, 9), None)
    _settle(receive, {**officers, "specialist": namesake}, 12, (13, 9), None)
    score = quarter_scores(unit=commune, year=2024, quarter=1)
    lam = [o for o in score.officers if o.officer == "Hồ Văn Lâm"]
    assert sorted((o.dossiers, o.indicators[2]) for o in lam) == [(1, D("0.0")), (1, D("2.0"))]
