from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.memos import views, views_preview_head, views_profile

app_name = "memos"
urlpatterns = [
    path(
        "a/<slug:slug>/<fy:year>/memo/<slug:kind>.<slug:fmt>",
        views.memo_file,
        name="memo",
    ),
    path("a/<slug:slug>/<fy:year>/memo/<slug:kind>/", views.preview, name="preview"),
    path("a/<slug:slug>/profile/", views_profile.agency_profile, name="agency_profile"),
    path(
        "a/<slug:slug>/profile/head-preview/",
        views_preview_head.head_preview,
        name="head_preview",
    ),
]
