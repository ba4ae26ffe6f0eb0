from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "prongsai.oversight"
    label = "oversight"

    def ready(self) -> None:
        from prongsai.jobs.models import JobKind
        from prongsai.jobs.work import register
        from prongsai.oversight import export_job

        register(JobKind.OVERSIGHT_EXPORT, export_job.run)
