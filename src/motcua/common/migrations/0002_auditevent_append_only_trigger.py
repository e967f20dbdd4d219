"""Make the audit trail append-only in the database too, not only in the application.

SQLite refuses UPDATE; PostgreSQL refuses UPDATE and DELETE (TRUNCATE, used to reset test databases,
is a separate statement and stays possible for the database owner). SQLite keeps DELETE possible because
Django resets SQLite test databases with DELETE; the application still refuses it.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER common_auditevent_no_update BEFORE UPDATE ON common_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS common_auditevent_no_update;"

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION common_auditevent_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit events are append-only'; END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER common_auditevent_no_change BEFORE UPDATE OR DELETE ON common_auditevent
FOR EACH ROW EXECUTE FUNCTION common_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS common_auditevent_no_change ON common_auditevent;
DROP FUNCTION IF EXISTS common_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_UP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DOWN)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
