from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "prongsai.public"
    label = "public"

    # History tables whose append-only triggers `audit verify` and restore check.
    append_only_tables = ("public_reportdecision", "public_publication", "public_publisheddocument")
