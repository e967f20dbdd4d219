"""One portal record as the fields of a version and its parts, and the problems met. Nothing is guessed:
a value is set only when the text states it; otherwise it stays empty and a problem says why."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.catalog.enums import Channel, OnlineLevel
from motcua.catalog.models import Fee, RequiredDocument, VersionChannel
from motcua.catalog.services.importing.reading import COLUMNS
from motcua.core import catalog_text as text
from motcua.core.timelimits import ParsedTimeLimit

#: columns that identify where a record was found rather than what the procedure says
_NOT_CONTENT = frozenset({"detail_url"})


@dataclass
class Parsed:
    code: str
    procedure: dict[str, Any]
    version: dict[str, Any]
    channels: list[VersionChannel]
    fees: list[Fee]
    documents: list[RequiredDocument]
    problems: list[dict[str, str]]
    source_hash: str


def _value(row: dict[str, Any], key: str) -> str:
    raw = row.get(key, "")
    value = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False)
    return "" if text.missing(value) else value.strip()


def content_hash(row: dict[str, Any]) -> str:
    """What decides "unchanged": the procedure's columns as read (trimmed), not crawl metadata such as the
    page address, the crawler's folder or its own first split of the channels."""
    content = {key: _value(row, key) for key in COLUMNS if key not in _NOT_CONTENT}
    return hashlib.sha256(json.dumps(content, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _limit_fields(parsed: ParsedTimeLimit) -> dict[str, Any]:
    limit = parsed.limit
    return {
        "time_limit_value": Decimal(str(limit.value)) if limit else None,
        "time_limit_unit": limit.unit.value if limit else "",
        "time_limit_raw": parsed.raw.strip(),
        "time_limit_note": parsed.note,
    }


def _version_limit(by_channel: dict[str, list[text.ChannelRow]]) -> tuple[dict[str, Any], list[text.Problem]]:
    """The version's own limit: the one every channel states. When channels differ, or one could not be
    read, there is no common limit to take: an officer chooses it."""
    rows = [r for same in by_channel.values() for r in same]
    limits = {(r.time_limit.limit.value, r.time_limit.limit.unit) for r in rows if r.time_limit.limit}
    readable = all(r.time_limit.parsed for r in rows)
    if rows and readable and len(limits) == 1 and all(len(same) == 1 for same in by_channel.values()):
        return _limit_fields(rows[0].time_limit), []
    raw = " | ".join(dict.fromkeys(r.time_limit.raw.strip() for r in rows))
    empty = _limit_fields(ParsedTimeLimit(raw, None))
    if not limits:
        return empty, []  # each channel's own problem already says why
    reason = (
        "các hình thức nộp ghi thời hạn khác nhau"
        if readable
        else "có hình thức nộp chưa đọc được thời hạn, các hình thức khác đọc được"
    )
    return empty, [text.Problem("time_limit", raw, f"{reason}: cần chọn thời hạn chung")]


def parse_row(row: dict[str, Any]) -> Parsed:
    code = _value(row, "ma_thu_tuc")
    problems: list[text.Problem] = []

    rows, found = text.parse_channels(row.get("cach_thuc_thuc_hien", "") or "")
    problems += found
    by_channel: dict[str, list[text.ChannelRow]] = {}
    for channel_row in rows:
        by_channel.setdefault(channel_row.channel.value, []).append(channel_row)
    limit, found = _version_limit(by_channel)
    problems += found

    documents, found = text.parse_documents(_value(row, "thanh_phan_ho_so"))
    problems += found
    legal, found = text.parse_legal_basis(_value(row, "can_cu_phap_ly"))
    problems += found
    results, found = text.parse_results(_value(row, "ket_qua_xu_ly"))
    problems += found

    name, field_name = _value(row, "ten_thu_tuc"), _value(row, "linh_vuc")
    # the portal's records do not say full-process or partial: only "none" can be read, when channels
    # were read and none of them is online; with no channel read at all nothing is known
    stated_none = bool(by_channel) and Channel.ONLINE.value not in by_channel
    online = OnlineLevel.NONE if stated_none else ""
    version = {
        "name": name,
        "field": field_name,
        "kind": _value(row, "loai_thu_tuc"),
        "levels": text.split_list(_value(row, "cap_thuc_hien")),
        "applicants": text.split_list(_value(row, "doi_tuong_thuc_hien")),
        "competent_agency": _value(row, "co_quan_co_tham_quyen"),
        "implementing_agency": _value(row, "co_quan_thuc_hien"),
        "receiving_agency": _value(row, "dia_chi_tiep_nhan"),
        "delegated_agency": _value(row, "co_quan_duoc_uy_quyen"),
        "coordinating_agencies": _value(row, "co_quan_phoi_hop"),
        "legal_basis": [{"name": d.name, "code": d.code} for d in legal],
        "steps_text": _value(row, "trinh_tu_thuc_hien"),
        "conditions": _value(row, "yeu_cau_dieu_kien"),
        "results": [{"name": r.name, "code": r.code} for r in results],
        "announcing_decision": _value(row, "so_quyet_dinh"),
        "online_level": online,
        **limit,
        "source_raw": {key: row[key] for key in sorted(row)},
    }
    return Parsed(
        code=code,
        procedure={"name": name, "field": field_name, "source_url": _value(row, "detail_url")[:500]},
        version=version,
        channels=[_channel(c, same) for c, same in by_channel.items()],
        fees=_fees(rows),
        documents=[
            RequiredDocument(
                position=i,
                group=d.group[:1000],
                name=d.name,
                originals=d.originals,
                copies=d.copies,
                quantity_note=d.quantity_note,
                template_name=d.template[:500],
                raw=d.raw,
            )
            for i, d in enumerate(documents, 1)
        ],
        problems=[
            {"kind": p.kind, "channel": p.channel, "reason": p.reason, "raw": p.raw[:300]} for p in problems
        ],
        source_hash=content_hash(row),
    )


def _channel(channel: str, rows: list[text.ChannelRow]) -> VersionChannel:
    if len(rows) == 1:
        return VersionChannel(
            channel=channel, description=rows[0].description, **_limit_fields(rows[0].time_limit)
        )
    return VersionChannel(
        channel=channel,
        time_limit_raw=" | ".join(r.time_limit.raw.strip() for r in rows),
        time_limit_note="nhiều hàng cho cùng hình thức nộp: cần chọn thời hạn áp dụng",
        description="\n".join(r.description for r in rows if r.description),
    )


def _fees(rows: list[text.ChannelRow]) -> list[Fee]:
    """One fee row for all channels when they agree (the usual case), else one per channel."""

    def fee_row(fee: text.Fee, channel: str, position: int) -> Fee:
        return Fee(
            channel=channel,
            position=position,
            free=fee.free,
            amount=fee.amount,
            per=fee.per[:255],
            note=fee.note,
            raw=fee.raw,
        )

    if not rows:
        return []
    if len({r.fee.raw.strip() for r in rows}) == 1:
        return [fee_row(rows[0].fee, "", 1)]
    return [fee_row(r.fee, r.channel.value, i) for i, r in enumerate(rows, 1)]
