"""A superuser announces a day off in the calendar admin; open dossiers move and the change is listed."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.factories import bare_dossier

pytestmark = pytest.mark.django_db(transaction=True)


def test_day_off_moves_open_dossiers(page, live_server, sign_in, demo_accounts):  # type: ignore[no-untyped-def]
    from motcua.calendars.models import DeadlineRuleSet
    from motcua.calendars.services import deadline_compute
    from motcua.core.calendar import TZ
    from motcua.units.models import Unit

    # The transactional test database is emptied between tests, data migrations included.
    DeadlineRuleSet.objects.get_or_create(
        code="nd61-2018",
        defaults={
            "name": "Nghị định 61/2018",
            "valid_from": dt.date(2018, 6, 21),
            "valid_to": dt.date(2025, 6, 30),
        },
    )
    commune = Unit.objects.get(code="21484", valid_to=dt.date(2025, 6, 30))
    received = dt.datetime(2024, 3, 11, 9, tzinfo=TZ)
    deadline, ruleset, version = deadline_compute(
        unit=commune, received_at=received, limit_value=2, limit_unit="working_days"
    )
    dossier = bare_dossier(
        code="H54-240311-0001",
        unit=commune,
        received_at=received,
        clock_started_at=received,
        time_limit_value=2,
        time_limit_unit="working_days",
        effective_receipt_at=deadline.effective_receipt,
        due_at=deadline.due,
        deadline_ruleset=ruleset,
        calendar_version=version,
    )
    assert deadline.due == dt.datetime(2024, 3, 13, 17, tzinfo=TZ)

    sign_in("quantri")
    page.goto(f"{live_server.url}/admin/calendars/calendaroverride/add/")
    page.fill("#id_day", "2024-03-12")
    page.select_option("#id_kind", "day_off")
    page.fill("#id_reason", "Nghỉ bổ sung theo Thông báo 15/TB-UBND")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("thời hạn các hồ sơ đang mở được tính lại")

    page.goto(f"{live_server.url}/admin/calendars/calendarchange/")
    row = page.locator("#result_list tbody tr").first
    expect(row).to_contain_text("Ngày nghỉ bổ sung 12/03/2024")
    expect(row).to_contain_text("Đã tính lại")
    dossier.refresh_from_db()
    assert dossier.due_at == dt.datetime(2024, 3, 14, 17, tzinfo=TZ)
