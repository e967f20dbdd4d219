"""The Ba Tơ demo tree against shared/domain/units-ba-to.md and the NSO list in vietnam-provinces."""

from __future__ import annotations

import datetime as dt

import pytest

from motcua.common.errors import ApplicationError
from motcua.units.demo import load_demo_units
from motcua.units.models import Unit, UnitSuccession
from motcua.units.selectors import unit_get_by_code, unit_match_name, unit_tree, unit_tree_size

pytestmark = pytest.mark.django_db

IN_2024 = dt.date(2024, 6, 30)
IN_2026 = dt.date(2026, 1, 15)


def _names(units: list[Unit]) -> list[str]:
    return sorted(u.name for u in units)


def test_2024_tree(demo_units: dict[str, Unit]) -> None:
    roots = unit_tree(on=IN_2024)
    assert [r.unit.name for r in roots] == ["Tỉnh Quảng Ngãi"]
    (district,) = roots[0].children
    assert district.unit.code == "535"
    assert [c.unit.kind for c in district.children][:19] == ["commune"] * 19
    communes = [c.unit for c in district.children if c.unit.kind == "commune"]
    agencies = [c.unit for c in district.children if c.unit.kind in {"agency", "one_stop"}]
    assert len(communes) == 19
    assert len(agencies) == 12
    assert communes[0].name == "Thị trấn Ba Tơ"
    assert communes[0].division == "thi_tran"
    assert unit_tree_size(roots) == 1 + 1 + 19 + 12


def test_2025_tree_has_eight_communes_under_the_province(demo_units: dict[str, Unit]) -> None:
    roots = unit_tree(on=IN_2026)
    assert [r.unit.name for r in roots] == ["Tỉnh Quảng Ngãi"]
    assert [c.unit.code for c in roots[0].children] == [
        "21484",
        "21490",
        "21496",
        "21499",
        "21520",
        "21523",
        "21529",
        "21538",
    ]
    assert Unit.objects.valid_on(IN_2026).filter(code="535").count() == 0


@pytest.mark.parametrize(
    ("new_code", "old_codes"),
    [
        ("21484", ["21484", "21511", "21526"]),
        ("21490", ["21487", "21490"]),
        ("21496", ["21493", "21496", "21502"]),
        ("21499", ["21499", "21500"]),
        ("21520", ["21508", "21520"]),
        ("21523", ["21523", "21532", "21535"]),
        ("21529", ["21505", "21517", "21529"]),
        ("21538", ["21538"]),
    ],
)
def test_successor_links(demo_units: dict[str, Unit], new_code: str, old_codes: list[str]) -> None:
    new = unit_get_by_code(new_code, on=IN_2026)
    links = UnitSuccession.objects.filter(successor=new)
    assert sorted(link.predecessor.code for link in links) == old_codes
    assert {link.effective_on for link in links} == {dt.date(2025, 7, 1)}
    assert all(link.predecessor.valid_to == dt.date(2025, 6, 30) for link in links)
    expected_kind = {"kept"} if new_code == "21538" else {"merged_whole"}
    assert {link.kind for link in links} == expected_kind


def test_reused_codes_name_different_units_by_date(demo_units: dict[str, Unit]) -> None:
    assert unit_get_by_code("21484", on=IN_2024).name == "Thị trấn Ba Tơ"
    assert unit_get_by_code("21484", on=IN_2026).name == "Xã Ba Tơ"
    assert unit_get_by_code("21520", on=IN_2024).name == "Xã Ba Trang"
    assert unit_get_by_code("21520", on=IN_2026).name == "Xã Đặng Thùy Trâm"
    with pytest.raises(ApplicationError) as ambiguous:
        unit_get_by_code("21484")
    assert ambiguous.value.code == "unit_code_ambiguous"


def test_unknown_code_is_a_clear_error(demo_units: dict[str, Unit]) -> None:
    with pytest.raises(ApplicationError) as refused:
        unit_get_by_code("99999", on=IN_2024)
    assert refused.value.code == "unit_not_found"
    assert refused.value.message == "Không có đơn vị mã “99999” vào ngày 30/06/2024."
    with pytest.raises(ApplicationError):
        unit_get_by_code("21511", on=IN_2026)  # Ba Cung was merged into Xã Ba Tơ


@pytest.mark.parametrize(
    ("query", "on", "expected", "exact"),
    [
        ("Xã Ba Tơ", IN_2026, ["Xã Ba Tơ"], True),
        ("Xã Ba Tô", IN_2026, ["Xã Ba Tô"], True),
        ("Ba Tô", IN_2026, ["Xã Ba Tô"], True),
        ("ba tơ", IN_2026, ["Xã Ba Tơ"], True),
        ("Xa Ba To", IN_2026, ["Xã Ba Tô", "Xã Ba Tơ"], False),
        ("Ba To", IN_2026, ["Xã Ba Tô", "Xã Ba Tơ"], False),
        ("Ba Tố", IN_2026, [], False),
        ("Thị trấn Ba Tơ", IN_2024, ["Thị trấn Ba Tơ"], True),
        ("Ba Tơ", IN_2024, ["Huyện Ba Tơ", "Thị trấn Ba Tơ"], True),
        ("dang thuy tram", IN_2026, ["Xã Đặng Thùy Trâm"], False),
        ("Đặng Thùy Trâm", IN_2024, [], False),
        ("Ba Cung", IN_2024, ["Xã Ba Cung"], True),
        ("Thị trấn Ba Tơ", IN_2026, [], False),
        ("Huyện Ba Tơ", IN_2026, [], False),
        ("Xã Ba Tơ", IN_2024, [], False),
        ("Thi tran Ba To", IN_2024, ["Thị trấn Ba Tơ"], False),
        ("Phòng Tư pháp huyện Ba Tơ", IN_2024, ["Phòng Tư pháp huyện Ba Tơ"], True),
    ],
)
def test_name_matching_never_merges_look_alikes(
    demo_units: dict[str, Unit], query: str, on: dt.date, expected: list[str], exact: bool
) -> None:
    match = unit_match_name(query, on=on)
    assert _names(match.units) == sorted(expected)
    assert match.exact is exact
    assert match.ambiguous is (len(expected) > 1)


def test_ba_to_and_ba_to_stay_two_units(demo_units: dict[str, Unit]) -> None:
    ba_to_old, ba_to_new = demo_units["2024:21484"], demo_units["2025:21484"]
    ba_to_commune = demo_units["2025:21523"]
    assert ba_to_new.name_folded == ba_to_commune.name_folded == "xa ba to"
    assert ba_to_new.pk != ba_to_commune.pk
    assert {link.predecessor_id for link in ba_to_new.predecessions.all()}.isdisjoint(
        {link.predecessor_id for link in ba_to_commune.predecessions.all()}
    )
    assert ba_to_old.successions.get().successor == ba_to_new


def test_loading_twice_changes_nothing(demo_units: dict[str, Unit]) -> None:
    count = Unit.objects.count()
    again = load_demo_units()
    assert Unit.objects.count() == count == 2 + 19 + 12 + 1 + 8
    assert again["2025:21523"].name == "Xã Ba Tô"


def test_2025_communes_match_the_nso_list_in_vietnam_provinces(demo_units: dict[str, Unit]) -> None:
    from vietnam_provinces import Ward

    for unit in Unit.objects.valid_on(IN_2026).filter(kind="commune"):
        ward = Ward.from_code(int(unit.code))  # type: ignore[arg-type]
        assert ward.name == unit.name
        assert int(ward.province_code) == 51
