"""Version tokens for the provinces that already have agencies (see agencies.versions), so
pages adding them up can be kept from the first view after the upgrade."""

import secrets

from django.db import migrations


def give_tokens(apps, schema_editor):
    agency = apps.get_model("agencies", "Agency")
    version = apps.get_model("core", "DataVersion")
    codes = agency.objects.order_by().values_list("province_code", flat=True).distinct()
    for code in codes:
        version.objects.update_or_create(
            key="province:" + (code or "-"), defaults={"token": secrets.token_hex(16)}
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_registry"), ("core", "0002_data_version")]

    operations = [migrations.RunPython(give_tokens, migrations.RunPython.noop)]
