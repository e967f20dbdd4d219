"""The types the catalogue text parsers share, and the small helpers."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from motcua.core.timelimits import ParsedTimeLimit

_NO_INFO = "Không có thông tin"
_NO_INFO_REASON = "không có thông tin"


class Channel(StrEnum):
    COUNTER = "counter"
    ONLINE = "online"
    POST = "post"


_CHANNEL_NAMES = {
    "Trực tiếp": Channel.COUNTER,
    "Trực tuyến": Channel.ONLINE,
    "Dịch vụ bưu chính": Channel.POST,
}


@dataclass(frozen=True)
class Problem:
    kind: str  # channels, time_limit, fee, documents, legal_basis, results
    raw: str
    reason: str
    channel: str = ""


@dataclass(frozen=True)
class Fee:
    raw: str
    free: bool | None
    amount: Decimal | None
    per: str = ""
    note: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ChannelRow:
    channel: Channel
    time_limit: ParsedTimeLimit
    fee: Fee
    description: str
    raw: str


@dataclass(frozen=True)
class RequiredDocument:
    group: str
    name: str
    template: str
    originals: int | None
    copies: int | None
    quantity_note: str  # the portal's quantity cell holds nothing but the counts: always "" in the data
    raw: str


@dataclass(frozen=True)
class LegalDocument:
    name: str
    code: str


@dataclass(frozen=True)
class Result:
    name: str
    code: str


def missing(raw: str) -> bool:
    return raw.strip().casefold() in {"", _NO_INFO.casefold(), "--", "-"}


def split_list(raw: str) -> list[str]:
    if missing(raw):
        return []
    items, depth, start = [], 0, 0
    for i, char in enumerate(raw):
        depth += (char == "(") - (char == ")" and depth > 0)
        if char == "," and depth == 0:
            items.append(raw[start:i])
            start = i + 1
    items.append(raw[start:])
    # Each category starts with a capital; a part in lower case continues the one before it:
    # "Cán bộ, công chức, viên chức" is one category of applicant, not three.
    joined: list[str] = []
    for item in (i.strip() for i in items if i.strip()):
        if joined and item[0].islower():
            joined[-1] = f"{joined[-1]}, {item}"
        else:
            joined.append(item)
    return joined


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")


def search_key(text: str) -> str:
    # lower() can itself produce combining marks ("İ" -> "i̇"), hence the second pass.
    return " ".join(_strip_marks(_strip_marks(text).lower()).split())
