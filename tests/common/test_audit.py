from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from motcua.accounts.models import User
from motcua.common.audit import audit_record
from motcua.common.context import request_id_var
from motcua.common.models import AppendOnlyError, AuditEvent
from motcua.units.models import Unit

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_removed_through_the_application(demo_units: dict[str, Unit]) -> None:
    event = AuditEvent.objects.filter(operation="units.unit_create").order_by("id").first()
    assert event is not None
    event.operation = "forged"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(operation="forged")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).operation == "units.unit_create"


def test_database_refuses_update_even_in_raw_sql(demo_units: dict[str, Unit]) -> None:
    event = AuditEvent.objects.filter(operation="units.unit_create").order_by("id").first()
    assert event is not None
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE common_auditevent SET operation = 'forged' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).operation == "units.unit_create"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database keeps DELETE for Django's reset; a SQLite file is tested below",
)
def test_postgresql_refuses_delete_in_raw_sql(demo_units: dict[str, Unit]) -> None:
    count = AuditEvent.objects.count()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM common_auditevent")
    assert AuditEvent.objects.count() == count


def test_record_carries_the_request_id_and_actor(demo_units: dict[str, Unit]) -> None:
    user = User.objects.create_user("ghi", password="x" * 12)
    token = request_id_var.set("req-12345678")
    try:
        event = audit_record(actor=user, operation="test.op", target=demo_units["district"], unit_id=1)
    finally:
        request_id_var.reset(token)
    assert (event.actor, event.actor_label, event.request_id) == (user, "ghi", "req-12345678")
    assert event.object_type == "units.unit"
    assert event.object_repr == "Huyện Ba Tơ (535)"


def test_request_id_is_made_here_unless_a_trusted_proxy_sent_one(db: None, settings) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    made = client.get("/login/")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/login/", HTTP_X_REQUEST_ID="forged-by-client")["X-Request-ID"] != "forged-by-client"
    settings.BEHIND_PROXY = True
    assert client.get("/login/", HTTP_X_REQUEST_ID="proxy-abc-12345")["X-Request-ID"] == "proxy-abc-12345"
    assert client.get("/login/", HTTP_X_REQUEST_ID="bad id; drop")["X-Request-ID"] != "bad id; drop"


def test_admin_edit_goes_through_the_service_and_is_audited(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    client = Client()
    admin = demo_accounts["quantri"]
    client.force_login(admin)
    unit = demo_units["535-TP"]
    response = client.post(
        f"/admin/units/unit/{unit.pk}/change/",
        {
            "code": "535-TP",
            "edoc_code": "",
            "name": "Phòng Tư pháp huyện Ba Tơ (sửa)",
            "kind": "agency",
            "division": "",
            "parent": demo_units["district"].pk,
            "valid_from": "2020-02-01",
            "valid_to": "2025-06-30",
            "note": "",
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.filter(operation="units.unit_update").get()
    assert event.actor == admin
    assert event.before["name"] == "Phòng Tư pháp huyện Ba Tơ"
    assert event.after["name"] == "Phòng Tư pháp huyện Ba Tơ (sửa)"


def test_admin_refusal_shows_on_the_form_and_changes_nothing(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    client = Client()
    client.force_login(demo_accounts["quantri"])
    agency = demo_units["535-TP"]
    events = AuditEvent.objects.count()
    response = client.post(
        f"/admin/units/unit/{agency.pk}/change/",
        {
            "code": "21523",
            "edoc_code": "",
            "name": agency.name,
            "kind": "agency",
            "division": "",
            "parent": demo_units["district"].pk,
            "valid_from": "2020-02-01",
            "valid_to": "2025-06-30",
            "note": "",
        },
    )
    assert response.status_code == 200
    assert "Mã “21523” đã dùng cho “Xã Ba Tô”" in response.content.decode()
    agency.refresh_from_db()
    assert agency.code == "535-TP"
    assert AuditEvent.objects.count() == events


def test_audit_page_lists_only_events_of_the_users_units(
    demo_accounts: dict[str, User], demo_units: dict[str, Unit]
) -> None:
    client = Client()
    client.force_login(demo_accounts["tuphap.truongphong"])
    body = client.get("/audit/").content.decode()
    assert "Phòng Tư pháp huyện Ba Tơ" in body
    assert "Xã Ba Tô" not in body


def test_base_manager_is_guarded_too(demo_units: dict[str, Unit]) -> None:
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent._base_manager.all().update(operation="forged")


def test_a_sqlite_file_refuses_delete_in_raw_sql(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import sqlite3
    import subprocess
    import sys

    env = {
        **os.environ,
        "MOTCUA_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'f.sqlite3'}",
    }
    subprocess.run([sys.executable, "-m", "motcua", "migrate", "-v0"], env=env, check=True)
    subprocess.run(
        [sys.executable, "-m", "motcua", "units", "load-demo"], env=env, check=True, capture_output=True
    )
    with sqlite3.connect(tmp_path / "f.sqlite3") as db:
        count = db.execute("SELECT count(*) FROM common_auditevent").fetchone()[0]
        assert count > 40
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("DELETE FROM common_auditevent")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute("UPDATE common_auditevent SET operation = 'x'")
        assert db.execute("SELECT count(*) FROM common_auditevent").fetchone()[0] == count
