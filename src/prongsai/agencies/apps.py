from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "prongsai.agencies"
    label = "agencies"
