"""Import and lint of uploaded memos. Included from prongsai.urls:

path("", include("prongsai.imports.urls")),
"""

from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.imports import views as import_views

app_name = "imports"
urlpatterns = [
    path("a/<slug:slug>/<fy:year>/import/", import_views.upload, name="upload"),
    path("a/<slug:slug>/<fy:year>/import/confirm/", import_views.confirm, name="confirm"),
    path("a/<slug:slug>/lint/", import_views.lint, name="lint"),
]
