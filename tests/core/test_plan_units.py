"""Lead and supporting units of the 2024 plan's tasks, read from the free text of the units cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from motcua.core.plan_document import PlanDocument, decode, parse_plan_rows, rows_from_text
from motcua.core.plan_units import UnitRef, read_assignment

SEED = Path(__file__).resolve().parents[3] / "shared" / "reference" / "ke-hoach-kiem-soat-tthc-2024-ba-to.txt"

# The district's units as the plans app gives them: full names, and the shorter forms documents use.
UNITS = [
    UnitRef("VP", ("Văn phòng HĐND và UBND huyện Ba Tơ", "Văn phòng HĐND và UBND huyện")),
    UnitRef("TP", ("Phòng Tư pháp huyện Ba Tơ", "Phòng Tư pháp huyện", "Phòng Tư pháp")),
    UnitRef("VHTT", ("Phòng Văn hóa và Thông tin huyện Ba Tơ", "Phòng Văn hóa và Thông tin")),
    UnitRef("TCKH", ("Phòng Tài chính - Kế hoạch huyện Ba Tơ", "Phòng Tài chính - Kế hoạch")),
    UnitRef("TNMT", ("Phòng Tài nguyên và Môi trường huyện Ba Tơ", "Phòng Tài nguyên và Môi trường")),
    UnitRef("CA", ("Công an huyện Ba Tơ", "Công an huyện")),
    UnitRef("THUE", ("Chi cục Thuế khu vực Đức Phổ - Ba Tơ",)),
    UnitRef("KBNN", ("Kho bạc Nhà nước huyện Ba Tơ",)),
    UnitRef(
        "TTVH",
        (
            "Trung tâm Truyền thông - Văn hóa - Thể thao huyện Ba Tơ",
            "Trung tâm Truyền thông - Văn hóa - Thể thao huyện",
        ),
    ),
    UnitRef("MC", ("Bộ phận Tiếp nhận và Trả kết quả huyện Ba Tơ", "Bộ phận Tiếp nhận và Trả kết quả huyện")),
]
GROUPS = {"communes": ["XA1", "XA2"], "agencies": ["VP", "TP"]}


@pytest.fixture(scope="module")
def seed() -> PlanDocument:
    if not SEED.exists():
        pytest.skip("shared/ is not beside this checkout")
    return parse_plan_rows(rows_from_text(decode(SEED.read_bytes())))


@pytest.mark.parametrize(
    ("number", "lead", "support"),
    [
        ("1", ["VP"], ["TP", "XA1", "XA2"]),  # VP leads; "các cơ quan, đơn vị liên quan; UBND các xã" support
        ("2", ["VP", "TP", "XA1", "XA2"], []),
        ("4", ["VP", "TP"], ["XA1", "XA2"]),
        ("16", ["VHTT", "VP"], ["TP", "XA1", "XA2"]),  # "Phòng VH&TT phối hợp với Văn phòng … chủ trì"
        ("18", ["TCKH"], ["THUE", "KBNN", "TNMT", "VHTT", "VP", "TP", "XA1", "XA2"]),
        (
            "22",
            ["MC", "XA1", "XA2", "TP"],
            ["VP"],
        ),  # VP, named with "tổng hợp", supports: the group does not make it lead
        ("31", ["TP", "XA1", "XA2"], ["VP"]),
        ("34", ["VP", "XA1", "XA2"], ["TP"]),
        ("35", ["VP", "TTVH", "TP", "XA1", "XA2"], []),
        ("38", ["CA"], ["VP", "TP", "XA1", "XA2"]),
        ("44", ["TP", "XA1", "XA2"], ["VP"]),
    ],
)
def test_seed_assignments(seed: PlanDocument, number: str, lead: list[str], support: list[str]) -> None:
    task = next(t for t in seed.tasks if t.number == number)
    assignment = read_assignment(task.units, UNITS, GROUPS)
    assert sorted(assignment.lead) == sorted(lead)
    assert sorted(assignment.support) == sorted(support)
    assert assignment.unresolved == ()
    assert assignment.raw == task.units


def test_every_seed_cell_resolves(seed: PlanDocument) -> None:
    unresolved = {t.number: read_assignment(t.units, UNITS, GROUPS).unresolved for t in seed.tasks}
    assert {n: u for n, u in unresolved.items() if u} == {}


@pytest.mark.parametrize(
    ("text", "lead", "support"),
    [
        ("Phòng VH&TT chủ trì", ["VHTT"], []),
        ("- Phòng TC-KH chủ trì. - Phòng TN&MT phối hợp.", ["TCKH"], ["TNMT"]),
        ("Văn phòng HĐND&UBND huyện thực hiện", ["VP"], []),
        ("Công an huyện", ["CA"], []),
    ],
)
def test_abbreviations(text: str, lead: list[str], support: list[str]) -> None:
    assignment = read_assignment(text, UNITS, GROUPS)
    assert (list(assignment.lead), list(assignment.support)) == (lead, support)


def test_semicolon_separates_statements_only_when_each_has_a_verb() -> None:
    both = read_assignment("Phòng TC-KH chủ trì; Phòng TN&MT phối hợp", UNITS, GROUPS)
    assert (both.lead, both.support) == (("TCKH",), ("TNMT",))
    one = read_assignment("Phòng Tư pháp; UBND các xã, thị trấn chủ trì", UNITS, GROUPS)
    assert sorted(one.lead) == ["TP", "XA1", "XA2"]


def test_unknown_units_are_flagged_not_guessed() -> None:
    assignment = read_assignment("- Sở Nội vụ chủ trì. - Phòng Tư pháp phối hợp.", UNITS, GROUPS)
    assert assignment.lead == ()
    assert assignment.support == ("TP",)
    assert assignment.unresolved == ("sở nội vụ",)
