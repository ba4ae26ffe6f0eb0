from django.apps import AppConfig


class SynthConfig(AppConfig):
    name = "prongsai.synth"
    label = "synth"
