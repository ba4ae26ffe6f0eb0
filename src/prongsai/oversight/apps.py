from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "prongsai.oversight"
    label = "oversight"
