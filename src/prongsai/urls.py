from django.urls import include, path

urlpatterns = [
    path("", include("prongsai.web.urls")),
    path("", include("prongsai.measures.urls")),
    path("", include("prongsai.memos.urls")),
    path("", include("prongsai.public.urls")),
    path("", include("prongsai.oit.urls")),
    path("", include("prongsai.audit.urls")),
    path("", include("prongsai.assessments.urls")),
    path("", include("prongsai.imports.urls")),
    path("", include("prongsai.oversight.urls")),
    path("", include("prongsai.oit.urls_links")),
    path("operator/", include("prongsai.registry.operator.urls")),
    path("", include("prongsai.registry.urls")),
    path("", include("prongsai.reminders.urls")),
    path("", include("prongsai.jobs.urls")),
]
