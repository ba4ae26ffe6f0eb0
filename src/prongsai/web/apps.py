from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "prongsai.web"
    label = "web"
