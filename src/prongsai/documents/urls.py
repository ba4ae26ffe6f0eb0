from django.urls import path

import prongsai.converters  # noqa: F401 - registers <fy:year>
from prongsai.documents import views

app_name = "documents"
urlpatterns = [
    path(
        "a/<slug:slug>/<fy:year>/memo/<slug:kind>.<slug:fmt>",
        views.memo_file,
        name="memo",
    ),
    path("a/<slug:slug>/<fy:year>/memo/<slug:kind>/", views.preview, name="preview"),
]
