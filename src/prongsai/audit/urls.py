from django.urls import path

from prongsai.audit import views

urlpatterns = [
    path("a/<slug:slug>/history/", views.agency_history, name="agency_history"),
    path(
        "a/<slug:slug>/history/<slug:object_type>/<str:object_id>/",
        views.object_history,
        name="object_history",
    ),
]
