"""On PostgreSQL, a covering index of the agencies' places and kinds.

The oversight figures join every roll-up row to its agency for the province, district or
kind; without this index PostgreSQL reads the whole (wide) agency table for it, with it an
index-only scan (about 3× faster for a province's figures at national scale). SQLite plans
these joins by the primary key anyway, so it gets nothing."""

from django.db import migrations

CREATE = (
    "CREATE INDEX IF NOT EXISTS agencies_agency_places ON agencies_agency (id) "
    "INCLUDE (province_code, district_code, kind)"
)
DROP = "DROP INDEX IF EXISTS agencies_agency_places"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0003_province_versions")]

    operations = [migrations.RunPython(create, drop)]
