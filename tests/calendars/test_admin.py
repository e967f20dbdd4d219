from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from motcua.accounts.models import User
from motcua.calendars.models import CalendarChange, CalendarOverride
from motcua.core.calendar import TZ
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def test_admin_adds_a_day_off_and_open_dossiers_move(
    demo_accounts: dict[str, User],
    demo_units: dict[str, Unit],
    make_dossier,
    django_capture_on_commit_callbacks,
) -> None:  # type: ignore[no-untyped-def]
    dossier = make_dossier(dt.datetime(2024, 3, 11, 9, tzinfo=TZ), 2, "working_days")  # due Wed 13/03
    client = Client()
    client.force_login(demo_accounts["quantri"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/calendars/calendaroverride/add/",
            {
                "day": "2024-03-12",
                "kind": "day_off",
                "unit": "",
                "reason": "Nghỉ bù theo Quyết định 01/QĐ-UBND",
            },
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.due_at == dt.datetime(2024, 3, 14, 17, tzinfo=TZ)
    change = CalendarChange.objects.get()
    assert change.actor == demo_accounts["quantri"]
    assert change.items_changed == 1
    assert client.get("/admin/calendars/calendarchange/").status_code == 200


def test_admin_refusal_shows_on_the_form(demo_accounts: dict[str, User]) -> None:
    client = Client()
    client.force_login(demo_accounts["quantri"])
    response = client.post(
        "/admin/calendars/calendaroverride/add/",
        {"day": "2024-03-12", "kind": "receipt_suspended", "unit": "", "reason": "Bão"},
    )
    assert response.status_code == 200
    assert "Tạm dừng tiếp nhận phải ghi rõ đơn vị." in response.content.decode()
    assert CalendarOverride.objects.count() == 0
    assert CalendarChange.objects.count() == 0


def test_rule_sets_may_not_overlap(demo_accounts: dict[str, User]) -> None:
    from motcua.calendars.models import DeadlineRuleSet

    client = Client()
    client.force_login(demo_accounts["quantri"])
    response = client.post(
        "/admin/calendars/deadlineruleset/add/",
        {
            "code": "thu-2025",
            "name": "Thử",
            "valid_from": "2025-01-01",
            "valid_to": "",
            "cutoff": "15:00",
            "supplement_policy": "restart",
            "hours_per_day": "8",
            "legal_basis": "",
        },
    )
    assert response.status_code == 200
    assert "Trùng thời gian hiệu lực" in response.content.decode()
    assert DeadlineRuleSet.objects.count() == 2
