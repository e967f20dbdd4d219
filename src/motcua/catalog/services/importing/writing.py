"""Writing imported records: one transaction per procedure, so one bad record loses nothing else.

Unchanged when the newest version was built from the same content. A changed source becomes a new draft
(keeping the internal process, which the portal does not publish) or refreshes the draft an earlier import
made; a draft an officer has edited is kept and reported. A published version that dossiers rely on never
changes, and a live version an officer corrected is never replaced without review.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import InvalidOperation
from typing import Any

from django.db import DataError, transaction

from motcua.catalog.enums import IMPORT, PUBLISH, VersionStatus
from motcua.catalog.models import (
    Fee,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
    VersionChannel,
)
from motcua.catalog.selectors import version_snapshot
from motcua.catalog.services.importing.parsing import Parsed, parse_row
from motcua.catalog.services.versions import (
    PROCESS_PARTS,
    code_problem,
    copy_parts,
    procedure_refresh_key,
    require,
    version_publish,
)
from motcua.common.audit import audit_record
from motcua.common.errors import ApplicationError


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    published: int = 0
    drafts_waiting: int = 0  # unchanged procedures whose newest version is still a draft
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
            "drafts_waiting": self.drafts_waiting,
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
    """Import portal records (Decree 63/2010 Art. 15: the published national catalogue), reporting what
    could not be read; with `publish`, drafts that state a time limit are published at once."""
    require(actor, IMPORT)
    if publish:
        require(actor, PUBLISH)
    summary = ImportSummary()
    existing = {p.code: p for p in Procedure.objects.all()}
    for number, row in enumerate(rows, 1):
        parsed = parse_row(row)
        if not parsed.code:
            summary.skipped.append({"row": str(number), "reason": "thiếu mã thủ tục (ma_thu_tuc)"})
        elif code_problem(parsed.code):
            summary.skipped.append(
                {"row": str(number), "reason": f"{parsed.code[:40]}: {code_problem(parsed.code)}"}
            )
        elif not parsed.version["name"]:
            summary.skipped.append({"row": str(number), "reason": f"{parsed.code}: thiếu tên thủ tục"})
        else:
            try:
                _import_one(actor, parsed, existing, publish=publish, valid_from=valid_from, summary=summary)
            except (DataError, InvalidOperation, ValueError) as exc:  # a value the database cannot hold
                summary.skipped.append(
                    {"row": str(number), "reason": f"{parsed.code}: không ghi được ({exc})"}
                )
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
) -> None:
    known = existing.get(parsed.code)
    newest: ProcedureVersion | None = None
    if known is None:
        procedure = Procedure(code=parsed.code, **parsed.procedure)
        procedure_refresh_key(procedure)
        procedure.save()
        audit_record(actor=actor, operation="catalog.procedure_import", target=procedure)
        draft = ProcedureVersion(procedure=procedure, number=1)
    else:
        procedure = Procedure.objects.select_for_update().get(pk=known.pk)
        newest = procedure.versions.select_for_update().order_by("-number").first()
        if newest is not None and newest.source_hash == parsed.source_hash:
            summary.unchanged += 1
            summary.drafts_waiting += newest.status == VersionStatus.DRAFT
            return
        if newest is not None and newest.status == VersionStatus.DRAFT:
            if newest.hand_edited:  # locked above: an officer's save cannot slip in between
                summary.conflicts.append(procedure.code)
                return
            draft = newest
        else:
            draft = ProcedureVersion(procedure=procedure, number=newest.number + 1 if newest else 1)
    before = version_snapshot(draft) if draft.pk else None
    _fill(draft, parsed, process_from=newest if newest is not None and newest.pk != draft.pk else None)
    audit_record(
        actor=actor,
        operation="catalog.version_import",
        target=draft,
        before=before,
        after=version_snapshot(draft),
        reason=f"{len(parsed.problems)} nội dung chưa đọc được" if parsed.problems else "",
    )
    existing[parsed.code] = procedure
    if known is None:
        summary.created += 1
    else:
        summary.updated += 1
    if publish:
        _publish(actor, draft, newest, valid_from, summary)


def _publish(
    actor: Any,
    draft: ProcedureVersion,
    newest: ProcedureVersion | None,
    valid_from: dt.date | None,
    summary: ImportSummary,
) -> None:
    code = draft.procedure.code
    replaced = (
        draft.procedure.versions.filter(status__in=[VersionStatus.PUBLISHED, VersionStatus.ENDED])
        .order_by("-number")
        .first()
    )
    if replaced is not None and replaced.hand_edited:  # the version it would end was corrected by hand
        summary.not_published.append(
            {
                "code": code,
                "reason": "phiên bản đã công bố có nội dung do cán bộ sửa: bản nháp mới cần được xem lại",
            }
        )
        return
    try:
        with transaction.atomic():
            version_publish(actor=actor, version=draft, valid_from=valid_from)
    except ApplicationError as exc:
        summary.not_published.append({"code": code, "reason": exc.message})
    else:
        summary.published += 1


def _fill(version: ProcedureVersion, parsed: Parsed, *, process_from: ProcedureVersion | None) -> None:
    for name, value in parsed.version.items():
        setattr(version, name, value)
    version.source_hash = parsed.source_hash
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
    if process_from is not None:  # the internal process is local, not in the portal's record: keep it
        copy_parts(process_from, version, PROCESS_PARTS)
