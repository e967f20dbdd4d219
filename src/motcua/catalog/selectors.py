"""Reading the catalogue: the version in force, search, and a version as plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from motcua.calendars.selectors import calendar_for
from motcua.catalog.enums import VersionStatus
from motcua.catalog.models import Offering, Procedure, ProcedureVersion, PublicationDecision, PublicationItem
from motcua.common.audit import snapshot
from motcua.core.catalog_rules import made_public_on_time, missing_content, published_on_time
from motcua.core.catalog_text import search_key
from motcua.units.models import Unit

IN_FORCE = (VersionStatus.PUBLISHED, VersionStatus.ENDED)


def _in_force_q(on: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}status__in": IN_FORCE, f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def version_live(
    procedure: Procedure, *, on: dt.date | None = None, lock: bool = False
) -> ProcedureVersion | None:
    """The published version in force on `on` (today by default): the one a new dossier is opened under."""
    versions = ProcedureVersion.objects.filter(procedure=procedure).filter(
        _in_force_q(on or timezone.localdate())
    )
    if lock:
        versions = versions.select_for_update()
    return versions.order_by("-valid_from").first()


def version_limit(version: ProcedureVersion, channel: str) -> tuple[Decimal, str] | None:
    """The time limit a dossier of this channel gets: the channel's own when the version has one, else the
    version's; None when the catalogue has none. Reads `channels.all()`, so a prefetch serves it."""
    for per_channel in version.channels.all():
        if per_channel.channel == channel and per_channel.time_limit_unit:
            return per_channel.time_limit_value or Decimal(0), per_channel.time_limit_unit
    if version.time_limit_unit:
        return version.time_limit_value or Decimal(0), version.time_limit_unit
    return None


def version_fee(version: ProcedureVersion, channel: str) -> Decimal:
    """What a dossier of this channel owes: the version's fees for every channel and for this one that are
    known not to be free (an unknown `free` counts nothing)."""
    return sum(
        (
            fee.amount or Decimal(0)
            for fee in version.fees.all()
            if fee.channel in ("", channel) and fee.free is not None and not fee.free
        ),
        Decimal(0),
    )


def version_current(procedure: Procedure) -> ProcedureVersion | None:
    """What a catalogue page shows: the version in force, else the newest one (a draft before publication)."""
    return version_live(procedure) or procedure.versions.order_by("-number").first()


def version_snapshot(version: ProcedureVersion) -> dict[str, Any]:
    """A version and its parts, for the audit trail."""
    data = snapshot(version, exclude=frozenset({"source_raw", "import_problems"}))
    data["channels"] = [snapshot(c, exclude=frozenset({"version"})) for c in version.channels.all()]
    data["fees"] = [snapshot(f, exclude=frozenset({"version"})) for f in version.fees.all()]
    data["documents"] = [snapshot(d, exclude=frozenset({"version"})) for d in version.documents.all()]
    data["steps"] = [snapshot(s, exclude=frozenset({"version"})) for s in version.steps.all()]
    data["agency_steps"] = [snapshot(s, exclude=frozenset({"version"})) for s in version.agency_steps.all()]
    return data


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    as_float = float(value)
    return int(as_float) if as_float.is_integer() else as_float


def version_data(version: ProcedureVersion) -> dict[str, Any]:
    """A version as parsed, with its raw texts: `motcua catalog show --json`, the API and the JSON export."""
    procedure = version.procedure
    return {
        "code": procedure.code,
        "name": version.name,
        "field": version.field,
        "version": version.number,
        "status": version.status,
        "valid_from": version.valid_from.isoformat() if version.valid_from else None,
        "valid_to": version.valid_to.isoformat() if version.valid_to else None,
        "kind": version.kind,
        "levels": version.levels,
        "applicants": version.applicants,
        "competent_agency": version.competent_agency,
        "implementing_agency": version.implementing_agency,
        "receiving_agency": version.receiving_agency,
        "coordinating_agencies": version.coordinating_agencies,
        "time_limit": {
            "value": _number(version.time_limit_value),
            "unit": version.time_limit_unit or None,
            "raw": version.time_limit_raw,
            "note": version.time_limit_note,
        },
        "channels": [
            {
                "channel": c.channel,
                "time_limit": {
                    "value": _number(c.time_limit_value),
                    "unit": c.time_limit_unit or None,
                    "raw": c.time_limit_raw,
                    "note": c.time_limit_note,
                },
                "description": c.description,
            }
            for c in version.channels.all()
        ],
        "fees": [
            {
                "channel": f.channel or None,
                "free": f.free,
                "amount": _number(f.amount),
                "per": f.per,
                "note": f.note,
                "raw": f.raw,
            }
            for f in version.fees.all()
        ],
        "documents": [
            {
                "group": d.group,
                "name": d.name,
                "originals": d.originals,
                "certified_copies": d.certified_copies,
                "copies": d.copies,
                "template": d.template_name,
                "reuse_source": d.reuse_source or None,
            }
            for d in version.documents.all()
        ],
        "online_level": version.online_level or None,
        "full_process_eligible": version.full_process_eligible,
        "result_type": version.result_type or None,
        "results": version.results,
        "legal_basis": version.legal_basis,
        "internal_process": [
            {"position": s.position, "name": s.name, "role": s.role, "hours": _number(s.hours)}
            for s in version.steps.all()
        ],
        "inter_agency": [
            {"position": a.position, "agency": a.agency, "task": a.task, "hours": _number(a.hours)}
            for a in version.agency_steps.all()
        ],
        "unparsed": version.import_problems,
        "raw": version.source_raw,
    }


def versions_with_parts() -> QuerySet[ProcedureVersion]:
    return ProcedureVersion.objects.select_related("procedure").prefetch_related(
        "channels", "fees", "documents", "steps", "agency_steps"
    )


# -- search ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    procedure: Procedure
    score: int


def procedure_key(code: str, name: str, field: str) -> str:
    """What search matches: code, name and field without diacritics, one per line."""
    return "\n".join((code.casefold(), search_key(name), search_key(field)))


def _score(key: str, query: str, words: list[str]) -> int:
    code, name, field = ([*key.split("\n"), "", ""])[:3]
    score = 0
    if code == query:
        score += 1000
    if name == query:
        score += 500
    elif name.startswith(query):
        score += 300
    elif f" {query}" in f" {name}":
        score += 200
    name_words = set(name.split())
    score += 20 * sum(1 for w in words if w in name_words)
    score += 5 * sum(1 for w in words if w in name)
    if field and all(w in field for w in words):
        score += 50
    return score - min(len(name), 400) // 40  # shorter names first among equals


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[Hit]


def procedure_search(
    text: str, *, field: str = "", limit: int = 50, offset: int = 0, published_only: bool = False
) -> SearchPage:
    """Procedures whose code, name or field contain every word of `text`, regardless of diacritics and
    case ("dang ky khai sinh" finds "Đăng ký khai sinh"), best first: code, then whole name, then words.

    Every match is scored (as plain tuples, which is cheap); model rows are built for one page only."""
    query = search_key(text)
    words = query.split()
    procedures = Procedure.objects.all()
    for word in words:
        procedures = procedures.filter(search_key__contains=word)
    if field:
        procedures = procedures.filter(field=field)
    if published_only:
        # in force today by its dates (a version whose end date has passed is not, whatever its status);
        # a semi-join: no DISTINCT over the matches
        in_force = ProcedureVersion.objects.filter(
            _in_force_q(timezone.localdate()), procedure=OuterRef("pk")
        )
        procedures = procedures.filter(Exists(in_force))
    rows = procedures.values_list("pk", "code", "search_key")
    scored = (
        sorted((-_score(key, query, words), code, pk) for pk, code, key in rows)
        if words
        else [(0, code, pk) for pk, code, _ in rows.order_by("code")]
    )
    page = scored[offset : offset + limit]
    found = Procedure.objects.in_bulk([pk for _, _, pk in page])
    return SearchPage(len(scored), [Hit(found[pk], -negative) for negative, _, pk in page])


def fields_in_use() -> list[str]:
    return list(
        Procedure.objects.exclude(field="").values_list("field", flat=True).distinct().order_by("field")
    )


def procedures_live_on(on: dt.date) -> QuerySet[ProcedureVersion]:
    return versions_with_parts().filter(_in_force_q(on)).order_by("procedure__code")


def offered_versions(unit_ids: list[int], *, on: dt.date) -> QuerySet[ProcedureVersion]:
    """The versions in force of the procedures the units' one-stop sections receive (plan task 7)."""
    return procedures_live_on(on).filter(procedure__offerings__unit_id__in=unit_ids).distinct()


def prefetch_live(on: dt.date) -> Prefetch:
    return Prefetch(
        "versions", queryset=ProcedureVersion.objects.filter(_in_force_q(on)), to_attr="live_versions"
    )


# -- Decision 766 group 1 checks ------------------------------------------------------------------


def version_content_present(version: ProcedureVersion) -> dict[str, bool]:
    """Which Decree 63/2010 Art. 8(2) parts the version's public record has (766 indicator 1.3)."""
    return {
        "name": bool(version.name.strip()),
        "steps": bool(version.steps_text.strip()),
        "channels": bool(version.channels.all()),  # .all(): uses rows a caller prefetched
        "documents": bool(version.documents.all()),
        "time_limit": bool(version.time_limit_unit),
        "applicants": bool(version.applicants),
        "agency": bool(version.implementing_agency.strip() or version.competent_agency.strip()),
    }


def version_missing_content(version: ProcedureVersion) -> list[str]:
    return missing_content(version_content_present(version))


@dataclass(frozen=True)
class PublicationCheck:
    item: PublicationItem
    published_on_time: bool | None
    made_public_on_time: bool | None
    missing: list[str]


def publication_checks(
    decision: PublicationDecision, *, today: dt.date | None = None
) -> list[PublicationCheck]:
    """For each procedure of a decision: published on time, made public on time, full content (766 group 1)."""
    cal = calendar_for(None)
    today = today or timezone.localdate()
    checks = []
    items = (
        decision.items.select_related("procedure", "version")
        .prefetch_related("version__channels", "version__documents")
        .order_by("procedure__code")
    )
    for item in items:
        made_public = timezone.localtime(item.made_public_at).date() if item.made_public_at else None
        checks.append(
            PublicationCheck(
                item=item,
                published_on_time=published_on_time(
                    cal,
                    signed_on=decision.signed_on,
                    legal_effective_on=item.legal_effective_on,
                    issuer_level=decision.issuer_level,
                ),
                made_public_on_time=made_public_on_time(
                    cal,
                    signed_on=decision.signed_on,
                    made_public_on=made_public,
                    issuer_level=decision.issuer_level,
                    today=today,
                ),
                missing=version_missing_content(item.version) if item.version else ["phiên bản"],
            )
        )
    return checks


def decisions_with_counts() -> QuerySet[PublicationDecision]:
    return PublicationDecision.objects.annotate(item_count=Count("items"))


def offerings_of(unit: Unit) -> list[Offering]:
    return list(Offering.objects.filter(unit=unit).select_related("procedure"))


def offering_counts(units: QuerySet[Unit]) -> dict[int, int]:
    """How many procedures each unit's one-stop section receives."""
    rows = Offering.objects.filter(unit__in=units).values("unit_id").annotate(n=Count("id"))
    return {row["unit_id"]: row["n"] for row in rows}
