"""Concurrent receipt and concurrent actions on PostgreSQL (SQLite serialises writers, so the race only
exists there): codes never repeat, and two officers acting on one dossier cannot both succeed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from motcua.common.errors import ApplicationError
from motcua.dossiers.models import Dossier
from motcua.dossiers.services import dossier_transfer
from tests.dossiers.conftest import Receive, at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("data_migration_rows"),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the race needs a server database"),
]


def _together(jobs: list[Callable[[], Any]]) -> list[Any]:
    """Run the jobs at the same moment in threads; each result or raised ApplicationError."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = job()
        except ApplicationError as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_concurrent_receipts_get_distinct_codes(receive: Receive) -> None:
    dossiers = _together([lambda m=m: receive(at(2024, 3, 11, 9, m)) for m in range(8)])
    codes = sorted(d.code for d in dossiers)
    assert codes == [f"21484-240311-{n:04d}" for n in range(1, 9)]
    assert sorted(Dossier.objects.values_list("book_number", flat=True)) == list(range(1, 9))


def test_two_officers_cannot_both_act(receive: Receive, officers: dict[str, Any]) -> None:
    dossier = receive()
    seen = dossier.revision
    results = _together(
        [
            lambda: dossier_transfer(actor=officers["counter"], dossier=dossier, revision=seen)
            for _ in range(2)
        ]
    )
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == 1
    assert refused[0].code in {"conflict", "illegal_transition"}
    assert Dossier.objects.get(pk=dossier.pk).events.filter(action="transfer").count() == 1
