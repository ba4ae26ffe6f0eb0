"""Approval history and publications are append-only, like the audit log (see audit.guard)."""

from django.db import migrations

from prongsai.audit import guard

TABLES = ("public_reportdecision", "public_publication", "public_publisheddocument")


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        sql = guard.sqlite_sql(table) if vendor == "sqlite" else guard.postgres_sql(table)
        for statement in sql:
            schema_editor.execute(statement, params=None)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in TABLES:
        if vendor == "sqlite":
            for op in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{op};")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
        ("audit", "0002_append_only_triggers"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
