from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "prongsai.registry"
    label = "registry"
