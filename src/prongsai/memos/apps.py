from django.apps import AppConfig


class MemosConfig(AppConfig):
    name = "prongsai.memos"
    label = "memos"
