"""Who leads and who supports a plan task, read from the free text of its "Cơ quan, đơn vị thực hiện" cell.

The cell is split into statements (bullets, sentences). Each statement's role comes from its verbs:
"chủ trì" anywhere makes it lead (chủ trì); otherwise the first role verb decides: "thực hiện",
"triển khai", "tiếp nhận", "báo cáo" lead, "phối hợp", "theo dõi", "hướng dẫn", "đôn đốc", "tổng hợp",
"kiểm tra", "tham mưu" support; a statement with no verb names units that do the task (lead).
Units are found by their names and abbreviations (VH&TT, TC-KH, TN&MT, HĐND, UBND) among the units
given by the caller, and group phrases expand ("UBND các xã, thị trấn" → every commune). What names no
known unit is returned as unresolved, with its text: nothing is guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from motcua.core.names import normalise

LEAD, SUPPORT = "lead", "support"

_ABBREVIATIONS = (
    (r"\bvh\s*&\s*tt\b", "văn hóa và thông tin"),
    (r"\btc\s*-\s*kh\b", "tài chính - kế hoạch"),
    (r"\btn\s*&\s*mt\b", "tài nguyên và môi trường"),
    (r"\bhđnd\s*&\s*ubnd\b", "hđnd và ubnd"),
    (r"\bđkqsd\b", "đăng ký quyền sử dụng"),
    (r"\bvp\b", "văn phòng"),
)
_LEAD_VERBS = ("thực hiện", "triển khai", "tiếp nhận", "báo cáo")
_SUPPORT_VERBS = (
    "phối hợp",
    "theo dõi",
    "hướng dẫn",
    "đôn đốc",
    "đơn đốc",
    "tổng hợp",
    "kiểm tra",
    "tham mưu",
)

#: group phrases → the group keys they stand for (the caller maps keys to units)
GROUP_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ubnd các xã, thị trấn", ("communes",)),
    ("các xã, thị trấn", ("communes",)),
    ("ubnd các xã", ("communes",)),
    ("các cơ quan, đơn vị, địa phương", ("agencies", "communes")),
    ("các cơ quan, ban ngành, đơn vị", ("agencies",)),
    ("các cơ quan, ban ngành", ("agencies",)),
    ("các cơ quan, đơn vị", ("agencies",)),
    ("cơ quan, đơn vị", ("agencies",)),
    ("các phòng, ban, đơn vị", ("agencies",)),
    ("các phòng, ban", ("agencies",)),
)
_VERBS = ("chủ trì", *_LEAD_VERBS, *_SUPPORT_VERBS)
# Words of the subject that do not name a unit.
_FILLER_WORDS = ("và", "các", "có liên quan", "liên quan", "được giao", "có thẩm quyền", "có ý kiến", "huyện")
_FILLER = re.compile(
    r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, _FILLER_WORDS), key=len, reverse=True)) + r")(?!\w)"
)


@dataclass(frozen=True)
class UnitRef:
    """A unit the text may name: its key (e.g. the unit's id) and the names it goes by."""

    key: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Assignment:
    raw: str
    lead: tuple[str, ...]
    support: tuple[str, ...]
    unresolved: tuple[str, ...]


def _norm(text: str) -> str:
    value = normalise(unicodedata.normalize("NFC", text).replace("–", "-").replace("—", "-"))
    for pattern, replacement in _ABBREVIATIONS:
        value = re.sub(pattern, replacement, value)
    return value


def _statements(text: str, protected: Sequence[str]) -> list[str]:
    value = _norm(text)
    # Names with a hyphen ("tài chính - kế hoạch") must not be cut where bullets are.
    for name in protected:
        value = value.replace(name, name.replace(" - ", "\u2011"))
    pieces = re.split(r"\n|(?:^|\s)-\s+|\.\s+(?=\S)|\.$", value)
    statements: list[str] = []
    for piece in pieces:
        # ";" separates units of one statement ("Các cơ quan, đơn vị; UBND các xã chủ trì") unless each side
        # has its own verb ("Phòng TC-KH chủ trì; Phòng TN&MT phối hợp").
        pending = ""
        for part in piece.split(";"):
            pending = f"{pending}; {part}" if pending else part
            if any(verb in part for verb in _VERBS):
                statements.append(pending)
                pending = ""
        if pending:
            statements.append(pending)
    return [s.replace("\u2011", " - ").strip(" .;,") for s in statements if s.strip(" .;,")]


def _role(statement: str) -> str:
    if "chủ trì" in statement:
        return LEAD
    positions = [(statement.find(v), LEAD) for v in _LEAD_VERBS] + [
        (statement.find(v), SUPPORT) for v in _SUPPORT_VERBS
    ]
    found = sorted((pos, role) for pos, role in positions if pos >= 0)
    return found[0][1] if found else LEAD


def _subject(statement: str, names: Sequence[str]) -> str:
    """The part naming who acts: up to the first verb ("X phối hợp với Y chủ trì": X and Y).

    Verbs inside unit names ("Bộ phận Tiếp nhận và Trả kết quả") are not verbs."""
    masked = statement
    for name in names:
        masked = masked.replace(name, "#" * len(name))
    found = sorted(p for p in (masked.find(v) for v in _VERBS) if p >= 0)
    if not found:
        return statement
    cut = found[0]
    if masked.startswith("phối hợp với", cut):
        later = [p for p in found if p > cut + len("phối hợp với")]
        if later:
            return statement[:cut] + " " + statement[cut + len("phối hợp với") : later[0]]
    return statement[:cut]


def read_assignment(text: str, units: Sequence[UnitRef], groups: Mapping[str, Sequence[str]]) -> Assignment:
    """The lead and supporting units named in `text`; `groups` maps "communes"/"agencies" to unit keys."""
    names = sorted(
        ((_norm(name), ref.key) for ref in units for name in ref.names if name.strip()),
        key=lambda n: -len(n[0]),
    )
    phrases = sorted(GROUP_PHRASES, key=lambda g: -len(g[0]))
    lead: list[str] = []
    support: list[str] = []
    # Units named explicitly (not reached through a group phrase), by the role of their statement.
    named: dict[str, set[str]] = {LEAD: set(), SUPPORT: set()}
    unresolved: list[str] = []
    for statement in _statements(text, [n for n, _ in names if " - " in n]):
        role = _role(statement)
        rest = _subject(statement, [n for n, _ in names])
        keys: list[str] = []
        grouped: list[str] = []
        for phrase, group_keys in phrases:
            if phrase in rest:
                rest = rest.replace(phrase, " ")
                grouped += [key for group in group_keys for key in groups.get(group, ())]
        for name, key in names:
            pattern = r"(?<!\w)" + re.escape(name) + r"(?!\w)"
            if re.search(pattern, rest):
                rest = re.sub(pattern, " ", rest)
                keys.append(key)
        named[role].update(keys)
        keys += grouped
        leftover = re.sub(r"[\s,;:()\-]+", " ", _FILLER.sub(" ", rest)).strip()
        if leftover:
            unresolved.append(leftover)
        target = lead if role == LEAD else support
        for key in keys:
            if key not in target:
                target.append(key)
    # A unit named as supporting is not a lead merely because a group phrase ("các cơ quan, đơn vị") covers it.
    lead = [key for key in lead if key not in named[SUPPORT] or key in named[LEAD]]
    support = [key for key in support if key not in lead]
    return Assignment(text, tuple(lead), tuple(support), tuple(unresolved))
