"""Make the audit trail append-only in the database too, not only in the application.

PostgreSQL and a SQLite file refuse UPDATE and DELETE. (TRUNCATE, with which Django resets PostgreSQL test
databases, is a separate statement that the database owner keeps.) An in-memory SQLite database, which
exists only for tests and which Django resets with DELETE, refuses UPDATE only; the application still
refuses both.
"""

from django.db import migrations

SQLITE_UP = """
CREATE TRIGGER common_auditevent_no_update BEFORE UPDATE ON common_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_NO_DELETE = """
CREATE TRIGGER common_auditevent_no_delete BEFORE DELETE ON common_auditevent
BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
"""
SQLITE_DOWN = "DROP TRIGGER IF EXISTS common_auditevent_no_update; DROP TRIGGER IF EXISTS common_auditevent_no_delete;"

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
        if not schema_editor.connection.is_in_memory_db():
            schema_editor.execute(SQLITE_NO_DELETE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_UP)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for statement in SQLITE_DOWN.split(";"):
            if statement.strip():
                schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN)


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
