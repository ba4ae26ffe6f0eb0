from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "prongsai.reminders"
    label = "reminders"
