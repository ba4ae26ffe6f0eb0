from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "prongsai.oit"
    label = "oit"
    verbose_name = "OIT"
