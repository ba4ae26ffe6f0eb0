from django.urls import include, path

urlpatterns = [
    path("", include("prongsai.web.urls")),
    path("", include("prongsai.measures.urls")),
    path("", include("prongsai.memos.urls")),
    path("", include("prongsai.public.urls")),
    path("", include("prongsai.audit.urls")),
    path("", include("prongsai.assessments.urls")),
    path("", include("prongsai.imports.urls")),
    path("operator/", include("prongsai.registry.operator.urls")),
    path("", include("prongsai.registry.urls")),
    path("", include("prongsai.reminders.urls")),
    path("", include("prongsai.jobs.urls")),
]
