from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "prongsai.assessments"
    label = "assessments"
