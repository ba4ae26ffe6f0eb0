"""Version tokens for the districts that already have agencies (see agencies.versions), so
figures kept per district can be kept from the first view after the upgrade."""

import secrets

from django.db import migrations


def give_tokens(apps, schema_editor):
    agency = apps.get_model("agencies", "Agency")
    version = apps.get_model("core", "DataVersion")
    codes = agency.objects.order_by().values_list("district_code", flat=True).distinct()
    for code in codes:
        version.objects.update_or_create(
            key="district:" + (code or "-"), defaults={"token": secrets.token_hex(16)}
        )


class Migration(migrations.Migration):
    dependencies = [("agencies", "0004_agency_places_index")]

    operations = [migrations.RunPython(give_tokens, migrations.RunPython.noop)]
