"""A year of dossiers for the Ba Tơ demo: the new communes from 25/11/2025 to 25/11/2026 and some months of
the 2024 units, with counter, online and postal dossiers, supplements, refusals, withdrawals, a few
percent late (most of them with an apology), payments, ratings, reuse and digitisation, and dossiers
still open in every state around "today" so that the work queues have content. Deterministic (seeded).

The rows are made in memory and written through the import's bulk path (`dossiers_import`, the code of
`motcua dossiers import`), not service by service: the services are for a person acting on one dossier
and would take minutes for a year of a district."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from motcua.calendars.selectors import calendar_for
from motcua.catalog.enums import VersionStatus
from motcua.catalog.models import ProcedureVersion
from motcua.core.calendar import TZ, WorkCalendar
from motcua.core.deadlines import LimitUnit, TimeLimit, due_time, working_minutes_between
from motcua.dossiers.importing import ImportResult, dossiers_import
from motcua.dossiers.models import DossierEvent
from motcua.units.models import Unit

DEMO_TODAY = dt.date(2026, 11, 25)
SOURCE = "demo"  # recorded on each demo dossier's first event (importing.writing)
#: how often each procedure is asked for at a commune (the rest: 1); the catalogue's internal
#: "Công bố Danh mục…" procedures are not citizens' dossiers and are left out
WEIGHTS = {
    "1.001193": 20,  # khai sinh
    "2.000908": 15,  # bản sao từ sổ gốc
    "2.000986": 8,  # liên thông khai sinh, thường trú
    "2.001023": 8,  # liên thông khai sinh, thẻ bảo hiểm y tế
    "1.011607": 6,  # hộ nghèo, cận nghèo
    "1.011609": 4,
    "1.011608": 3,
    "3.000412": 3,
    "1.004837": 2,
    "1.003583": 2,
    "2.002349": 2,
    "1.003005": 0.2,
}
#: a fee the demo catalogue leaves out: the copy of a civil status extract, 8.000 đ (Circular 85/2019)
FEES = {"2.000908": Decimal(8000)}
#: (receiving officer, specialist, head) of the units that have demo accounts (accounts.demo)
OFFICERS = {
    "2025:21484": ("motcua.xabato", "chuyenvien.xabato", "chutich.xabato"),
    "2024:21484": ("motcua.thitran", "chuyenvien.thitran", "chutich.thitran"),
}
FAMILY = ("Đinh", "Phạm", "Hồ", "Nguyễn", "Trần", "Lê", "Võ", "Huỳnh", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thanh", "Đức", "Thị Kim", "Văn Hoàng")
GIVEN = ("Mai", "Nam", "Hùng", "Lan", "Sơn", "Hoa", "Tùng", "Hằng", "Phúc", "Thảo", "Long", "Nga", "Bình")
DAY = 480  # working minutes in a day of the default office hours


@dataclass
class _Unit:
    key: str
    unit: Unit
    cal: WorkCalendar
    days: list[dt.date]
    officers: tuple[str, str, str] | tuple[()]


@dataclass(frozen=True)
class Odds:
    """How a dossier's life goes: the chance of each turn (cumulative order: refuse, supplement before
    receipt, incomplete at appraisal, withdrawal; then late, or late when due near today)."""

    refuse: float = 0.02
    before: float = 0.06
    appraisal: float = 0.02
    withdraw: float = 0.01
    late: float = 0.03
    late_near: float = 0.12


#: the dossiers made to fill the open queues around today: more supplements, more of them late
RECENT = Odds(refuse=0, before=0.3, appraisal=0.3, withdraw=0, late=0.5, late_near=0.5)
OPEN_STATES = (
    "submitted",
    "awaiting_supplement",
    "received",
    "in_progress",
    "awaiting_appraisal_supplement",
    "overdue",
)


def load_demo_dossiers(
    units: dict[str, Unit],
    *,
    count: int = 20_000,
    count_2024: int | None = None,
    open_each: int = 30,
    today: dt.date = DEMO_TODAY,
    seed: int = 2026,
    progress: Callable[[int], Callable[[str], None]] | None = None,
) -> ImportResult:
    """About `count` dossiers received by the communes of 1/7/2025 in the year before `today`, and
    `count_2024` (a tenth by default) by the 2024 units in their first half of 2025; then at least
    `open_each` dossiers open at `today` 10:00 in each state of OPEN_STATES (overdue: in progress past
    its due time). `progress(rows)` gives the import's step callback. Idempotent: nothing is loaded when
    demo dossiers are there already."""
    if DossierEvent.objects.filter(number=1, data__imported_from=SOURCE).exists():
        return ImportResult()
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, no secret
    now = dt.datetime(today.year, today.month, today.day, 10, 0, tzinfo=TZ)
    versions = _versions()
    new = [
        _unit(k, u, today - dt.timedelta(days=365), today) for k, u in units.items() if k.startswith("2025:")
    ]
    old = [
        _unit(k, u, dt.date(2025, 1, 2), dt.date(2025, 6, 30))
        for k, u in units.items()
        if k.startswith("2024:")
    ]
    people = _people(rng, max(50, count // 3))
    planned = []
    for pool, total in ((new, count), (old, count // 10 if count_2024 is None else count_2024)):
        weights = [3 if u.key.endswith(":21484") else 1 for u in pool]  # Ba Tơ is the largest
        planned += [_plan(rng, rng.choices(pool, weights)[0], versions, people, now) for _ in range(total)]
    states = Counter(_state(row, now) for row in planned)
    weights = [6 if u.key.endswith(":21484") else 1 for u in new]  # where the demo officers work
    for _attempt in range(200 * open_each * len(OPEN_STATES)):
        if all(states[s] >= open_each for s in OPEN_STATES):
            break
        row = _plan(rng, rng.choices(new, weights)[0], versions, people, now, odds=RECENT, recent=True)
        state = _state(row, now)
        if state in OPEN_STATES and states[state] < open_each:
            states[state] += 1
            planned.append(row)
    rows = _numbered(planned)
    return dossiers_import(
        actor=None,
        rows=list(enumerate(rows, 2)),
        source=SOURCE,
        step=progress(len(rows)) if progress else None,
        token=lambda: f"{rng.getrandbits(128):032x}"[:22],
    )


def _state(row: dict[str, Any], now: dt.datetime) -> str:
    if row["status"] == "in_progress" and row["_due"] < now:
        return "overdue"
    return str(row["status"])


def _versions() -> list[tuple[ProcedureVersion, float]]:
    found = (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .exclude(time_limit_unit="")
        .exclude(name__startswith="Công bố")
        .select_related("procedure")
        .prefetch_related("channels")
        .order_by("procedure__code")
    )
    return [(v, float(WEIGHTS.get(v.procedure.code, 1))) for v in found if "Cấp xã" in (v.levels or [])]


def _unit(key: str, unit: Unit, start: dt.date, end: dt.date) -> _Unit:
    cal = calendar_for(unit)
    first, last = max(start, unit.valid_from), min(end, unit.valid_to or end)
    days = [
        dt.date.fromordinal(o) for o in cal.working_ordinals if first.toordinal() <= o <= last.toordinal()
    ]
    return _Unit(key, unit, cal, days, OFFICERS.get(key, ()))


def _people(rng: random.Random, size: int) -> list[dict[str, str]]:
    """Applicants, who come back: a pool smaller than the dossiers (the data store's owners)."""
    found = []
    for i in range(size):
        if i % 20 == 19:
            found.append(
                {
                    "applicant_kind": "organisation",
                    "applicant_identifier": f"43{rng.randrange(10**8):08d}",
                    "applicant_name": f"Hợp tác xã nông nghiệp Ba Tơ {i // 20 + 1}",
                }
            )
            continue
        woman = rng.random() < 0.5
        year = rng.randrange(1950, 2006)
        middle = "Thị" if woman else rng.choice([m for m in MIDDLE if "Thị" not in m])
        found.append(
            {
                "applicant_kind": "citizen",
                "applicant_identifier": f"051{(1 if woman else 0) + (2 if year >= 2000 else 0)}{year % 100:02d}"
                f"{rng.randrange(10**6):06d}",
                "applicant_name": f"{rng.choice(FAMILY)} {middle} {rng.choice(GIVEN)}",
                "applicant_phone": f"09{rng.randrange(10**8):08d}",
            }
        )
    return found


def _later(cal: WorkCalendar, at: dt.datetime, minutes: float) -> dt.datetime:
    """`minutes` working minutes after `at` (the deadline engine's D3)."""
    return due_time(cal, at, TimeLimit(max(1, round(minutes)) / 60, LimitUnit.WORKING_HOURS)).due


def _moment(rng: random.Random, cal: WorkCalendar, day: dt.date) -> dt.datetime:
    sessions = cal.sessions[cal.index_on_or_after(day.toordinal())]
    start, end = rng.choices(sessions, [e - s for s, e in sessions])[0]
    minute = rng.randrange(start, end)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=TZ)


def _due(cal: WorkCalendar, version: ProcedureVersion, start: dt.datetime) -> dt.datetime:
    limit = TimeLimit(float(version.time_limit_value or 0), LimitUnit(version.time_limit_unit))
    return due_time(cal, start, limit).due


def _plan(
    rng: random.Random,
    place: _Unit,
    versions: list[tuple[ProcedureVersion, float]],
    people: list[dict[str, str]],
    now: dt.datetime,
    *,
    odds: Odds = Odds(),
    recent: bool = False,
) -> dict[str, Any]:
    """One dossier's life as planned, cut at `now`: what has not happened yet is left out. `recent`:
    opened in the last six working days."""
    cal = place.cal
    version = rng.choices([v for v, _w in versions], [w for _v, w in versions])[0]
    offered = {c.channel for c in version.channels.all()} or {"counter"}
    roll = rng.random()
    channel = "online" if roll < 0.27 and "online" in offered else "counter"
    channel = "post" if roll > 0.97 and "post" in offered else channel
    days = place.days[-6:] if recent else place.days
    opened = _moment(rng, cal, rng.choice(days))
    while opened > now:
        opened = _moment(rng, cal, rng.choice(days))
    fee = FEES.get(version.procedure.code)
    officer, specialist, head = place.officers or ("", "", "")
    components = rng.randrange(1, 4)
    row: dict[str, Any] = {
        **rng.choice(people),
        "applicant_address": f"Thôn {rng.randrange(1, 12)}, {place.unit.name}",
        "unit_code": place.unit.code,
        "procedure_code": version.procedure.code,
        "channel": channel,
        "return_channel": "online" if channel == "online" else "post" if rng.random() < 0.03 else "counter",
        "fee_amount": "" if fee is None else str(fee),
        "received_by": officer,
        "assignee": specialist,
        "approved_by": head,
        "components": components,
        "digitised_components": components if rng.random() < 0.75 else 0,
        "reused_components": rng.randrange(1, components + 1) if rng.random() < 0.25 else 0,
        "_opened": opened,
        "_due": now,
    }
    fate = rng.random()
    if channel != "counter" and working_minutes_between(cal, opened, now) < 240 and rng.random() < 0.7:
        row.update(status="submitted", received_at=opened)  # not yet checked by the one-stop section
        return _open(row)
    if fate < odds.refuse:  # refused at the first check (Mẫu 03)
        row.update(status="refused", received_at=opened, finished_at=_later(cal, opened, 10))
        row["note"] = "Hồ sơ không thuộc thẩm quyền giải quyết của Ủy ban nhân dân xã"
        return _cut(row, now)
    fate -= odds.refuse
    received = opened
    if fate < odds.before:  # asked once, fully, for a supplement before receipt (Mẫu 02)
        requested = opened if channel == "counter" else _later(cal, opened, rng.uniform(30, 480))
        received = _later(cal, requested, rng.uniform(1, 5) * DAY)
        row["supplement_requested_at"] = requested
        if place.unit.valid_to and received.astimezone(TZ).date() > place.unit.valid_to:
            received = opened  # the unit was gone by then: this one came complete
            del row["supplement_requested_at"]
    fate -= odds.before
    transferred = _later(cal, received, rng.uniform(5, 120))
    row.update(received_at=received, transferred_at=transferred)
    clock = received
    if 0 <= fate < odds.appraisal:  # found incomplete at appraisal: the limit restarts on the supplement (D6)
        requested = _later(cal, transferred, rng.uniform(60, 2 * DAY))
        clock = _later(cal, requested, rng.uniform(1, 4) * DAY)
        row.update(supplement_requested_at=requested, supplement_received_at=clock)
    fate -= odds.appraisal
    if 0 <= fate < odds.withdraw:
        row.update(status="withdrawn", finished_at=_later(cal, transferred, rng.uniform(30, DAY)))
        row["note"] = "Người nộp đề nghị rút hồ sơ"
        return _cut(row, now)
    due = row["_due"] = _due(cal, version, clock)
    total = working_minutes_between(cal, clock, due)
    near = now - dt.timedelta(days=7) <= due <= now + dt.timedelta(days=2)
    if rng.random() < (odds.late_near if near else odds.late):
        finished = _later(cal, due, rng.uniform(0.3, 2.5) * DAY)
        if total > 1.5 * DAY and rng.random() < 0.6:  # apologised at least a working day before (D8)
            row["apologised_at"] = _later(cal, clock, max(10, total - DAY - rng.uniform(0, 0.4) * DAY))
            row["_appointment"] = _later(cal, due, 3 * DAY)
    else:
        finished = _later(cal, clock, max(10, total * rng.uniform(0.15, 0.95)))
    finished = max(finished, transferred)
    kind = rng.random()
    row.update(
        status="returned",
        finished_at=finished,
        result_kind="electronic" if channel == "online" and kind < 0.3 else "both" if kind < 0.4 else "paper",
        returned_at=_later(cal, finished, rng.uniform(5, DAY)),
        rating=rng.choices(["", "satisfied", "normal", "dissatisfied"], [60, 34, 5, 1])[0],
    )
    if fee and channel == "online" and rng.random() < 0.8:
        row["paid_online"] = "1"
    return _cut(row, now)


def _cut(row: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """The dossier as it stands at `now`: later moments are dropped and the status follows."""
    for name in list(row):
        if name.endswith("_at") and isinstance(row[name], dt.datetime) and row[name] > now:
            row[name] = ""
    if row.get("apologised_at"):  # the new appointment is a date promised then, not an event
        row["appointment_at"] = row["_appointment"]
    row.pop("_appointment", None)
    if row["status"] in ("refused", "withdrawn") and not row.get("finished_at"):
        row["status"], row["note"] = "in_progress" if row.get("transferred_at") else "received", ""
    if not row.get("received_at"):  # asked for a supplement before receipt, still waiting for it
        waiting = bool(row.get("supplement_requested_at"))
        row.update(status="awaiting_supplement" if waiting else "submitted", received_at=row["_opened"])
        row.update(transferred_at="", apologised_at="", appointment_at="")
        return _open(row)
    if row["status"] == "returned" and not row.get("returned_at"):
        row["status"] = "result_ready" if row.get("finished_at") else "in_progress"
    if row["status"] != "returned":
        row["rating"] = ""
    if row["status"] == "in_progress":
        requested = row.get("supplement_requested_at")
        if requested and not row.get("supplement_received_at") and requested > row["received_at"]:
            row["status"] = "awaiting_appraisal_supplement"
        if not row.get("transferred_at"):
            row["status"] = "received"
    if row["status"] in ("in_progress", "received", "awaiting_appraisal_supplement"):
        return _open(row)
    return row


def _open(row: dict[str, Any]) -> dict[str, Any]:
    row.update(finished_at="", result_kind="", returned_at="", rating="", paid_online="")
    return row


def _numbered(planned: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Codes `<unit>-YYMMDD-NNNN` in the order each unit opened its dossiers that day."""
    planned.sort(key=lambda r: (r["unit_code"], r["_opened"]))
    sequence: dict[tuple[str, dt.date], int] = defaultdict(int)
    for row in planned:
        day = row["_opened"].astimezone(TZ).date()
        sequence[(row["unit_code"], day)] += 1
        row["code"] = f"{row['unit_code']}-{day:%y%m%d}-{sequence[(row['unit_code'], day)]:04d}"
        for private in ("_opened", "_due", "_appointment"):
            row.pop(private, None)
    planned.sort(key=lambda r: r["code"])
    return planned
