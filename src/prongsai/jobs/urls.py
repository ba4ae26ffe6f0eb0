from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.jobs import views

app_name = "jobs"
urlpatterns = [
    path("jobs/", views.index, name="index"),
    path("jobs/<int:pk>/", views.detail, name="detail"),
    path("jobs/<int:pk>/progress/", views.progress, name="progress"),
    path("jobs/<int:pk>/retry/", views.retry, name="retry"),
    path("jobs/<int:pk>/result/", views.result, name="result"),
    path("a/<slug:slug>/jobs/", views.agency_jobs, name="agency"),
]
