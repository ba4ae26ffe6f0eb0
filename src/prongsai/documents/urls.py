from django.urls import path

from prongsai.documents import views

app_name = "documents"
urlpatterns = [
    path(
        "a/<slug:slug>/<int:year>/memo/<slug:kind>.<slug:fmt>",
        views.memo_file,
        name="memo",
    ),
    path("a/<slug:slug>/<int:year>/memo/<slug:kind>/", views.preview, name="preview"),
]
