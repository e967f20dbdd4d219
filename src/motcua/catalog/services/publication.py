"""Publication (công bố) and making public (công khai) of procedures, and what each one-stop section
receives and posts (plan tasks 4–7)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from motcua.accounts.access import can
from motcua.catalog.enums import DECIDE, OFFER, RECORD, IssuerLevel, PublicationChange, VersionStatus
from motcua.catalog.models import Offering, Procedure, ProcedureVersion, PublicationDecision, PublicationItem
from motcua.catalog.selectors import version_live
from motcua.catalog.services.versions import require, version_end
from motcua.common.audit import audit_record, snapshot
from motcua.common.errors import ApplicationError
from motcua.units.models import Unit


def _procedures(codes: Iterable[str]) -> list[Procedure]:
    wanted = [c.strip() for c in codes if c.strip()]
    found = {p.code: p for p in Procedure.objects.filter(code__in=wanted)}
    unknown = [c for c in wanted if c not in found]
    if unknown:
        raise ApplicationError(
            "procedure_unknown",
            f"Không có thủ tục mã {', '.join(unknown)} trong danh mục.",
            fields={"codes": ",".join(unknown)},
        )
    return [found[c] for c in dict.fromkeys(wanted)]


@transaction.atomic
def publication_decision_create(
    *,
    actor: Any,
    number: str,
    signed_on: dt.date,
    issuer: str,
    issuer_level: str = IssuerLevel.PROVINCE,
    title: str = "",
    items: dict[str, list[str]] | None = None,
    legal_effective_on: dt.date | None = None,
) -> PublicationDecision:
    """Record a publication decision with its lists of new, amended, replaced and abolished procedures
    (Decree 63/2010 Art. 15; Circular 02/2017 Art. 4–6)."""
    require(actor, DECIDE)
    if not number.strip() or not issuer.strip():
        raise ApplicationError(
            "decision_invalid", "Cần số quyết định và cơ quan ban hành.", fields={"number": "required"}
        )
    if issuer_level not in IssuerLevel.values:
        raise ApplicationError(
            "decision_invalid", "Cấp ban hành không hợp lệ.", fields={"issuer_level": "invalid"}
        )
    if PublicationDecision.objects.filter(number=number.strip(), signed_on=signed_on).exists():
        raise ApplicationError("decision_exists", f"Quyết định {number} ngày {signed_on:%d/%m/%Y} đã có.")
    decision = PublicationDecision.objects.create(
        number=number.strip(),
        signed_on=signed_on,
        issuer=issuer.strip(),
        issuer_level=issuer_level,
        title=title,
    )
    rows = []
    for change, codes in (items or {}).items():
        if change not in PublicationChange.values:
            raise ApplicationError(
                "decision_invalid", f"Loại “{change}” không hợp lệ.", fields={"items": change}
            )
        for procedure in _procedures(codes):
            rows.append(
                PublicationItem(
                    decision=decision,
                    procedure=procedure,
                    change=change,
                    version=_announced(procedure, change, signed_on),
                    legal_effective_on=legal_effective_on,
                )
            )
    if len({r.procedure_id for r in rows}) != len(rows):
        raise ApplicationError("decision_invalid", "Một thủ tục chỉ được nêu một lần trong một quyết định.")
    PublicationItem.objects.bulk_create(rows)
    ends_on = legal_effective_on or signed_on
    for row in rows:
        if row.change == PublicationChange.ABOLISHED:
            procedure_abolish(
                actor=actor, procedure=row.procedure, on=ends_on, reason=f"quyết định {decision.number}"
            )
    audit_record(
        actor=actor,
        operation="catalog.decision_create",
        target=decision,
        after={**snapshot(decision), "items": {r.procedure.code: r.change for r in rows}},
    )
    return decision


def _announced(procedure: Procedure, change: str, signed_on: dt.date) -> ProcedureVersion | None:
    """The version a decision is about: for an abolition the one in force; otherwise the newest, which is
    the content the decision announces (often a draft waiting for this very decision)."""
    if change == PublicationChange.ABOLISHED:
        return version_live(procedure, on=signed_on)
    return procedure.versions.order_by("-number").first()


@transaction.atomic
def procedure_abolish(*, actor: Any, procedure: Procedure, on: dt.date, reason: str = "") -> Procedure:
    """End a procedure from `on` (a publication decision's list of abolished procedures): its version in
    force ends the day before, and no new dossier can be opened under it."""
    require(actor, DECIDE)
    procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
    live = version_live(procedure, on=on, lock=True)
    scheduled = procedure.versions.filter(status=VersionStatus.PUBLISHED, valid_from__gte=on).first()
    if scheduled is not None:
        raise ApplicationError(
            "abolish_scheduled_version",
            f"Thủ tục {procedure.code} có phiên bản {scheduled.number} đã công bố với hiệu lực từ "
            f"{scheduled.valid_from:%d/%m/%Y}, không trước ngày bãi bỏ {on:%d/%m/%Y}: hãy xem lại quyết định.",
        )
    before = snapshot(procedure)
    if live is not None:
        version_end(
            actor=actor,
            version=live,
            first_day_without=on,
            refusal=ApplicationError(
                "abolish_before_dossiers",
                f"Thủ tục {procedure.code} đã có hồ sơ tiếp nhận từ {on:%d/%m/%Y}: không bãi bỏ từ ngày đó được.",
            ),
            reason=reason,
        )
    procedure.abolished_on = on
    procedure.save(update_fields=["abolished_on", "updated_at"])
    audit_record(
        actor=actor,
        operation="catalog.procedure_abolish",
        target=procedure,
        before=before,
        after=snapshot(procedure),
        reason=reason,
    )
    return procedure


@transaction.atomic
def publication_item_update(
    *,
    actor: Any,
    item: PublicationItem,
    made_public_at: dt.datetime | None,
    legal_effective_on: dt.date | None,
) -> PublicationItem:
    """Record when the procedure was made public on the system and when its legal basis takes effect
    (the dates Decision 766 indicators 1.1 and 1.2 compare)."""
    require(actor, RECORD)
    item = PublicationItem.objects.select_for_update().get(pk=item.pk)
    if made_public_at is not None and made_public_at > timezone.now():
        raise ApplicationError(
            "date_in_future", "Ngày công khai không được ở tương lai.", fields={"made_public_at": "future"}
        )
    before = snapshot(item)
    item.made_public_at, item.legal_effective_on = made_public_at, legal_effective_on
    item.save()
    audit_record(
        actor=actor, operation="catalog.publication_update", target=item, before=before, after=snapshot(item)
    )
    return item


@transaction.atomic
def offerings_set(*, actor: Any, unit: Unit, codes: Iterable[str]) -> list[Offering]:
    """The procedures a unit's one-stop section receives, replacing the previous list (plan task 7)."""
    if actor is not None and not can(actor, OFFER, unit):
        raise ApplicationError.forbidden("Bạn không có quyền sửa danh mục tiếp nhận của đơn vị này.")
    procedures = _procedures(codes)
    before = sorted(Offering.objects.filter(unit=unit).values_list("procedure__code", flat=True))
    Offering.objects.filter(unit=unit).exclude(procedure__in=procedures).delete()
    present = set(Offering.objects.filter(unit=unit).values_list("procedure_id", flat=True))
    Offering.objects.bulk_create(Offering(unit=unit, procedure=p) for p in procedures if p.pk not in present)
    after = sorted(p.code for p in procedures)
    audit_record(
        actor=actor,
        operation="catalog.offerings_set",
        target=unit,
        unit_id=unit.pk,
        before={"procedures": before},
        after={"procedures": after},
    )
    return list(Offering.objects.filter(unit=unit).select_related("procedure"))
