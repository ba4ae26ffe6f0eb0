from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.memos import views

app_name = "memos"
urlpatterns = [
    path(
        "a/<slug:slug>/<fy:year>/memo/<slug:kind>.<slug:fmt>",
        views.memo_file,
        name="memo",
    ),
    path("a/<slug:slug>/<fy:year>/memo/<slug:kind>/", views.preview, name="preview"),
]
