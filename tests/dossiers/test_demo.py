"""The demo year of dossiers (dossiers.demo), small: it loads through the import, fills the queues of
Xã Ba Tơ's officers around 25/11/2026, and is the same on every run."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.db import transaction
from django.db.models import F

from motcua.catalog.demo import load_demo_catalog
from motcua.core.calendar import TZ
from motcua.dossiers.demo import DEMO_TODAY, OPEN_STATES, load_demo_dossiers
from motcua.dossiers.models import Dossier, DossierEvent
from motcua.dossiers.selectors import work_queue
from motcua.dossiers.tasks import dossiers_scan
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 25, 10, 0, tzinfo=TZ)


@pytest.fixture
def demo(demo_units: dict[str, Unit], demo_accounts: dict[str, Any]) -> dict[str, Unit]:
    load_demo_catalog()
    return demo_units


def _snapshot() -> list[tuple[Any, ...]]:
    return list(
        Dossier.objects.order_by("code").values_list(
            "code",
            "status",
            "channel",
            "received_at",
            "due_at",
            "applicant__identifier",
            "assignee__username",
        )
    )


def test_small_demo_loads_and_fills_the_queues(demo: dict[str, Unit], demo_accounts: dict[str, Any]) -> None:
    result = load_demo_dossiers(demo, count=400, count_2024=40, open_each=3, today=DEMO_TODAY)
    assert result.errors == []
    assert result.created == Dossier.objects.count() >= 440
    states = Counter(Dossier.objects.filter(is_open=True).values_list("status", flat=True))
    assert {s for s in OPEN_STATES if s != "overdue"} <= set(states)
    channels = Counter(Dossier.objects.values_list("channel", flat=True))
    assert channels["counter"] > channels["online"] > 0
    old = Dossier.objects.filter(unit__valid_to=dt.date(2025, 6, 30))
    assert old.count() == 40
    assert not old.filter(received_at__gte=dt.datetime(2025, 7, 1, tzinfo=TZ)).exists()
    assert Dossier.objects.filter(finished_at__gt=F("due_at")).exists()  # some were late
    assert Dossier.objects.filter(apologised_at__isnull=False).exists()

    scan = dossiers_scan(now=NOW)
    assert scan.overdue >= 3
    specialist = demo_accounts["chuyenvien.xabato"]
    for view in ("mine", "unit", "overdue"):
        assert work_queue(specialist, view=view, now=NOW).rows, view
    counter_officer = demo_accounts["motcua.xabato"]
    assert work_queue(counter_officer, view="counter", now=NOW).rows

    again = load_demo_dossiers(demo, count=400, count_2024=40, open_each=3, today=DEMO_TODAY)
    assert again.created == 0  # already there: nothing loaded twice
    assert DossierEvent.objects.filter(number=1, data__imported_from="demo").count() == result.created


def test_same_seed_same_year(demo: dict[str, Unit]) -> None:
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            load_demo_dossiers(demo, count=150, count_2024=10, open_each=1, today=DEMO_TODAY)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert len(snapshots[0]) >= 160
    assert snapshots[0] == snapshots[1]
