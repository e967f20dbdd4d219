"""What an import looks up, loaded once per file instead of once per row: units by code and date,
procedure versions in force, officers by username, rule sets, unit calendars and the codes already there."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q

from motcua.accounts.models import User
from motcua.calendars.models import DeadlineRuleSet
from motcua.calendars.selectors import calendar_for, calendar_version, core_rules
from motcua.catalog.enums import VersionStatus
from motcua.catalog.models import Fee, Procedure, ProcedureVersion, RequiredDocument, VersionChannel
from motcua.core.calendar import WorkCalendar
from motcua.core.deadlines import RuleSet
from motcua.dossiers.models import Dossier
from motcua.units.models import Unit

_CHUNK = 500


def chunks(items: list[Any], size: int = _CHUNK) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass
class Lookups:
    units: dict[str, list[Unit]]
    procedures: set[str]
    versions: dict[str, list[ProcedureVersion]]
    users: dict[str, User]
    rulesets: list[DeadlineRuleSet]
    existing: set[str]
    calendar_version: int
    _calendars: dict[int, WorkCalendar] = field(default_factory=dict)
    _rules: dict[int, RuleSet] = field(default_factory=dict)

    @classmethod
    def load(cls, rows: list[dict[str, Any]], default_unit: str = "") -> Lookups:
        codes = sorted({str(r.get("code") or "").strip() for r in rows} - {""})
        procedure_codes = sorted({str(r.get("procedure_code") or "").strip() for r in rows} - {""})
        usernames = sorted(
            {
                str(r.get(c) or "").strip().lower()
                for r in rows
                for c in ("received_by", "assignee", "approved_by")
            }
            - {""}
        )
        units: dict[str, list[Unit]] = defaultdict(list)
        for unit in Unit.objects.all():
            units[unit.code].append(unit)
            if unit.edoc_code and unit.edoc_code != unit.code:
                units[unit.edoc_code].append(unit)
        versions: dict[str, list[ProcedureVersion]] = defaultdict(list)
        procedures: set[str] = set()
        for chunk in chunks(procedure_codes):
            procedures.update(Procedure.objects.filter(code__in=chunk).values_list("code", flat=True))
            found = (
                ProcedureVersion.objects.filter(
                    procedure__code__in=chunk,
                    status__in=[VersionStatus.PUBLISHED, VersionStatus.ENDED],
                    valid_from__isnull=False,
                )
                .select_related("procedure")
                .prefetch_related(
                    Prefetch("channels", queryset=VersionChannel.objects.all()),
                    Prefetch("fees", queryset=Fee.objects.all()),
                    Prefetch("documents", queryset=RequiredDocument.objects.order_by("position")),
                )
            )
            for version in found:
                versions[version.procedure.code].append(version)
        existing: set[str] = set()
        for chunk in chunks(codes):
            existing.update(Dossier.objects.filter(code__in=chunk).values_list("code", flat=True))
        users: dict[str, User] = {}
        for chunk in chunks(usernames):
            query = Q()
            for name in chunk:
                query |= Q(username__iexact=name)
            users.update({u.username.lower(): u for u in User.objects.filter(query)})
        return cls(
            units=dict(units),
            procedures=procedures,
            versions=dict(versions),
            users=users,
            rulesets=list(DeadlineRuleSet.objects.order_by("-valid_from")),
            existing=existing,
            calendar_version=calendar_version(),
        )

    def unit(self, code: str, on: dt.date) -> list[Unit]:
        """The units with this code (or electronic code) in existence on `on` (codes are reused)."""
        return [
            u
            for u in self.units.get(code, [])
            if u.valid_from <= on and (u.valid_to is None or on <= u.valid_to)
        ]

    def version(self, procedure_code: str, on: dt.date) -> ProcedureVersion | None:
        """The version in force on `on`: the one a dossier received that day was opened under."""
        live = [
            v
            for v in self.versions.get(procedure_code, [])
            if v.valid_from is not None and v.valid_from <= on and (v.valid_to is None or on <= v.valid_to)
        ]
        return max(live, key=lambda v: v.valid_from or on, default=None)

    def known_procedure(self, procedure_code: str) -> bool:
        return procedure_code in self.procedures

    def ruleset(self, on: dt.date) -> DeadlineRuleSet | None:
        for ruleset in self.rulesets:  # newest first
            if ruleset.valid_from <= on and (ruleset.valid_to is None or on <= ruleset.valid_to):
                return ruleset
        return None

    def rules(self, ruleset: DeadlineRuleSet) -> RuleSet:
        if ruleset.pk not in self._rules:
            self._rules[ruleset.pk] = core_rules(ruleset)
        return self._rules[ruleset.pk]

    def calendar(self, unit: Unit) -> WorkCalendar:
        if unit.pk not in self._calendars:
            self._calendars[unit.pk] = calendar_for(unit)
        return self._calendars[unit.pk]
