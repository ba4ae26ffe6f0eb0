"""Shared state of several server processes: counters, the hour's key, the cache table."""

from typing import Any

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations, models

from prongsai.core.tables import CACHE_TABLE


def create_cache_table(apps: Any, schema_editor: Any) -> None:
    # Made whatever CACHES says today, so switching to the database cache later needs
    # nothing but the setting.
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, CACHE_TABLE, False)


def drop_cache_table(apps: Any, schema_editor: Any) -> None:
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(CACHE_TABLE)}")


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="Counter",
            fields=[
                ("key", models.CharField(max_length=120, primary_key=True, serialize=False)),
                ("count", models.IntegerField(default=0)),
                (
                    "expires",
                    models.BigIntegerField(help_text="Unix time at which the count starts again"),
                ),
            ],
        ),
        migrations.CreateModel(
            name="HourKey",
            fields=[
                ("hour", models.BigIntegerField(primary_key=True, serialize=False)),
                ("key", models.BinaryField(max_length=32)),
            ],
        ),
        migrations.RunPython(create_cache_table, drop_cache_table),
    ]
