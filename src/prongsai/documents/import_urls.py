"""Import and lint of uploaded memos. Included from prongsai.urls:

path("", include("prongsai.documents.import_urls")),
"""

from django.urls import path

from prongsai.documents import import_views

app_name = "imports"
urlpatterns = [
    path("a/<slug:slug>/<int:year>/import/", import_views.upload, name="upload"),
    path("a/<slug:slug>/<int:year>/import/confirm/", import_views.confirm, name="confirm"),
    path("a/<slug:slug>/lint/", import_views.lint, name="lint"),
]
