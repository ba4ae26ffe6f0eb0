"""The link checks' pages (names without a namespace, beside the checklist's own)."""

from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.oit import views_links

urlpatterns = [
    path("a/<slug:slug>/<fy:year>/links/", views_links.link_results, name="oit_links"),
    path("a/<slug:slug>/<fy:year>/links/check/", views_links.link_check, name="oit_links_check"),
]
