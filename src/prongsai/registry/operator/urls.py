from django.urls import path

from prongsai.registry.operator import views

app_name = "operator"

urlpatterns = [
    path("", views.index, name="index"),
    path("agencies/new/", views.agency_new, name="agency_new"),
    path("agencies/new/place/", views.place_fields, name="place_fields"),
    path("agencies/<slug:slug>/", views.agency, name="agency"),
]
