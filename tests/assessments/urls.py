"""The project's URLs plus the assessments app, until the project's urls.py includes it."""

from django.urls import include, path

from prongsai.urls import urlpatterns as project_patterns

_included = any(getattr(p, "namespace", None) == "assessments" for p in project_patterns)
urlpatterns = list(project_patterns)
if not _included:
    urlpatterns.append(path("", include("prongsai.assessments.urls")))
