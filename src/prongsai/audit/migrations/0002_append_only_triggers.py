from django.db import migrations

from prongsai.audit import guard


def forwards(apps, schema_editor):
    guard.install(schema_editor)


def backwards(apps, schema_editor):
    guard.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("measures", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
