"""Importing the National Public Service Portal's catalogue (JSONL as crawled, or CSV/XLSX with the same
columns). Every raw field is kept; what could not be parsed is reported per procedure, never guessed.

Re-importing is idempotent: a procedure whose source is unchanged is left alone; a changed source
becomes a new draft (or refreshes the draft an earlier import made), so a published version that
dossiers rely on never changes. A draft an officer has edited is not overwritten: it is reported.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from motcua.catalog.enums import Channel, OnlineLevel, VersionStatus
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    VersionChannel,
)
from motcua.catalog.selectors import version_snapshot
from motcua.catalog.services.versions import procedure_refresh_key, version_publish
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError
from motcua.core import catalog_text as text
from motcua.core.timelimits import ParsedTimeLimit

#: the portal's columns, in the order of its pages
COLUMNS = (
    "ma_thu_tuc",
    "ten_thu_tuc",
    "cap_thuc_hien",
    "loai_thu_tuc",
    "linh_vuc",
    "doi_tuong_thuc_hien",
    "co_quan_co_tham_quyen",
    "co_quan_thuc_hien",
    "dia_chi_tiep_nhan",
    "co_quan_duoc_uy_quyen",
    "co_quan_phoi_hop",
    "trinh_tu_thuc_hien",
    "cach_thuc_thuc_hien",
    "thanh_phan_ho_so",
    "can_cu_phap_ly",
    "yeu_cau_dieu_kien",
    "ket_qua_xu_ly",
    "so_quyet_dinh",
    "thu_tuc_lien_quan",
    "detail_url",
)
_CHANNEL_ORDER = (Channel.COUNTER, Channel.ONLINE, Channel.POST)


# -- reading files --------------------------------------------------------------------------------


def read_rows(name: str, data: bytes) -> list[dict[str, Any]]:
    """The rows of a catalogue file: .jsonl (one object a line), .json (a list), .csv or .xlsx."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    try:
        if suffix == "jsonl":
            return [
                _row(json.loads(line), n)
                for n, line in enumerate(data.decode("utf-8").splitlines(), 1)
                if line.strip()
            ]
        if suffix == "json":
            loaded = json.loads(data.decode("utf-8"))
            if not isinstance(loaded, list):
                raise ApplicationError("catalog_file_invalid", "Tệp JSON phải là một danh sách thủ tục.")
            return [_row(item, n) for n, item in enumerate(loaded, 1)]
        if suffix == "csv":
            reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
            return [_row(item, n) for n, item in enumerate(reader, 2)]
        if suffix == "xlsx":
            return list(_xlsx_rows(data))
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as exc:
        raise ApplicationError("catalog_file_invalid", f"Không đọc được tệp {name}: {exc}") from exc
    raise ApplicationError(
        "catalog_file_type", f"Tệp {name}: chỉ nhận .jsonl, .json, .csv hoặc .xlsx.", fields={"file": "type"}
    )


def _row(item: Any, line: int) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise ApplicationError(
            "catalog_file_invalid", f"Dòng {line}: không phải một thủ tục (đối tượng JSON)."
        )
    return {str(k): ("" if v is None else v) for k, v in item.items()}


def _xlsx_rows(data: bytes) -> Iterator[dict[str, Any]]:
    from openpyxl import load_workbook  # a heavy import, needed for this file type only

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise ApplicationError("catalog_file_invalid", f"Không đọc được tệp Excel: {exc}") from exc
    rows = sheet.iter_rows(values_only=True)
    header = [str(h or "").strip() for h in next(rows, ())]
    for number, values in enumerate(rows, 2):
        if any(v not in (None, "") for v in values):
            yield _row(dict(zip(header, ("" if v is None else str(v) for v in values), strict=False)), number)


# -- parsing one procedure ------------------------------------------------------------------------


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


def _limit_fields(parsed: ParsedTimeLimit) -> dict[str, Any]:
    limit = parsed.limit
    return {
        "time_limit_value": Decimal(str(limit.value)) if limit else None,
        "time_limit_unit": limit.unit.value if limit else "",
        "time_limit_raw": parsed.raw.strip(),
        "time_limit_note": parsed.note,
    }


def parse_row(row: dict[str, Any]) -> Parsed:
    """One portal record as the fields of a version and its parts, and the problems met."""
    code = _value(row, "ma_thu_tuc")
    raw = {key: row[key] for key in sorted(row)}
    source_hash = hashlib.sha256(json.dumps(raw, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    problems: list[text.Problem] = []

    rows, found = text.parse_channels(row.get("cach_thuc_thuc_hien", "") or "")
    problems += found
    by_channel: dict[str, list[text.ChannelRow]] = {}
    for channel_row in rows:
        by_channel.setdefault(channel_row.channel.value, []).append(channel_row)
    channels = [_channel(c, same) for c, same in by_channel.items()]
    # the version's limit is that of the counter, else online, else post; a channel listed on several
    # rows with different limits (one per case) gives none: the parser reported it, an officer chooses
    single = [by_channel[c][0] for c in _CHANNEL_ORDER if len(by_channel.get(c, ())) == 1]
    main = next((r for r in single if r.time_limit.parsed), single[0] if single else None)
    fees = _fees(rows)

    documents, found = text.parse_documents(_value(row, "thanh_phan_ho_so"))
    problems += found
    legal, found = text.parse_legal_basis(_value(row, "can_cu_phap_ly"))
    problems += found
    results, found = text.parse_results(_value(row, "ket_qua_xu_ly"))
    problems += found

    name = _value(row, "ten_thu_tuc")
    field_name = _value(row, "linh_vuc")
    version = {
        "name": name,
        "field": field_name,
        "kind": _value(row, "loai_thu_tuc"),
        "levels": text.split_list(_value(row, "cap_thuc_hien")),
        "applicants": text.split_list(_value(row, "doi_tuong_thuc_hien")),
        "competent_agency": _value(row, "co_quan_co_tham_quyen") or _value(row, "co_quan_thuc_hien"),
        "receiving_agency": _value(row, "dia_chi_tiep_nhan"),
        "delegated_agency": _value(row, "co_quan_duoc_uy_quyen"),
        "coordinating_agencies": _value(row, "co_quan_phoi_hop"),
        "legal_basis": [{"name": d.name, "code": d.code} for d in legal],
        "steps_text": _value(row, "trinh_tu_thuc_hien"),
        "conditions": _value(row, "yeu_cau_dieu_kien"),
        "results": [{"name": r.name, "code": r.code} for r in results],
        "announcing_decision": _value(row, "so_quyet_dinh"),
        # the portal's records do not say full-process or partial; no online channel means none
        "online_level": "" if Channel.ONLINE.value in by_channel else OnlineLevel.NONE,
        **(_limit_fields(main.time_limit) if main else _limit_fields(ParsedTimeLimit("", None))),
        "source_raw": raw,
        "source_hash": source_hash,
    }
    return Parsed(
        code=code,
        procedure={"name": name, "field": field_name, "source_url": _value(row, "detail_url")[:500]},
        version=version,
        channels=channels,
        fees=fees,
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
        source_hash=source_hash,
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


# -- writing --------------------------------------------------------------------------------------


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)  # rows that could not be imported
    conflicts: list[str] = field(default_factory=list)  # procedures whose hand-edited draft was kept
    not_published: list[dict[str, str]] = field(default_factory=list)
    unparsed: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # code -> problems

    def unparsed_by_kind(self) -> dict[str, int]:
        counts: Counter[str] = Counter(p["kind"] for problems in self.unparsed.values() for p in problems)
        return dict(sorted(counts.items()))

    def as_dict(self, *, details: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "published": self.published,
            "skipped": self.skipped,
            "conflicts": self.conflicts,
            "not_published": self.not_published,
            "unparsed_by_kind": self.unparsed_by_kind(),
            "procedures_with_unparsed": len(self.unparsed),
        }
        if details:
            data["unparsed"] = self.unparsed
        return data


def catalog_import(
    *,
    actor: Any,
    rows: Iterable[dict[str, Any]],
    publish: bool = False,
    valid_from: dt.date | None = None,
    step: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Import portal records; each procedure in its own transaction, so one bad record loses nothing else."""
    summary = ImportSummary()
    existing = {p.code: p for p in Procedure.objects.all()}
    for number, row in enumerate(rows, 1):
        parsed = parse_row(row)
        if not parsed.code:
            summary.skipped.append({"row": str(number), "reason": "thiếu mã thủ tục (ma_thu_tuc)"})
        elif not parsed.version["name"]:
            summary.skipped.append({"row": str(number), "reason": f"{parsed.code}: thiếu tên thủ tục"})
        else:
            _import_one(actor, parsed, existing, publish=publish, valid_from=valid_from, summary=summary)
            if parsed.problems:  # still reported when unchanged: the source still says it that way
                summary.unparsed[parsed.code] = parsed.problems
        if step is not None:
            step(parsed.code)
    return summary


@transaction.atomic
def _import_one(
    actor: Any,
    parsed: Parsed,
    existing: dict[str, Procedure],
    *,
    publish: bool,
    valid_from: dt.date | None,
    summary: ImportSummary,
) -> str:
    procedure = existing.get(parsed.code)
    if procedure is None:
        procedure = Procedure(code=parsed.code, **parsed.procedure)
        procedure_refresh_key(procedure)
        procedure.save()
        existing[parsed.code] = procedure
        audit_record(actor=actor, operation="catalog.procedure_import", target=procedure)
        draft = ProcedureVersion(procedure=procedure, number=1)
        outcome = "created"
    else:
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.versions.filter(source_hash=parsed.source_hash).exists():
            summary.unchanged += 1
            return "unchanged"
        draft_or_none = procedure.versions.filter(status=VersionStatus.DRAFT).first()
        if draft_or_none is not None and draft_or_none.hand_edited:
            summary.conflicts.append(procedure.code)
            return "conflict"
        newest = procedure.versions.order_by("-number").first()
        draft = draft_or_none or ProcedureVersion(
            procedure=procedure, number=(newest.number + 1 if newest else 1)
        )
        outcome = "updated"
    before = version_snapshot(draft) if draft.pk else None
    _fill(draft, parsed)
    audit_record(
        actor=actor,
        operation="catalog.version_import",
        target=draft,
        before=before,
        after=version_snapshot(draft),
        reason=f"{len(parsed.problems)} nội dung chưa đọc được" if parsed.problems else "",
    )
    if outcome == "created":
        summary.created += 1
    else:
        summary.updated += 1
    if publish:
        try:
            with transaction.atomic():
                version_publish(actor=actor, version=draft, valid_from=valid_from)
            summary.published += 1
        except ApplicationError as exc:
            summary.not_published.append({"code": procedure.code, "reason": exc.message})
    return outcome


def _fill(version: ProcedureVersion, parsed: Parsed) -> None:
    for name, value in parsed.version.items():
        setattr(version, name, value)
    version.import_problems = parsed.problems
    version.status = VersionStatus.DRAFT
    version.hand_edited = False
    version.save()
    for related in ("channels", "fees", "documents"):
        getattr(version, related).all().delete()
    for channel in parsed.channels:
        channel.version = version
    for fee in parsed.fees:
        fee.version = version
    for document in parsed.documents:
        document.version = version
    VersionChannel.objects.bulk_create(parsed.channels)
    Fee.objects.bulk_create(parsed.fees)
    RequiredDocument.objects.bulk_create(parsed.documents)
