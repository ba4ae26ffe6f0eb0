from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

import prongsai.converters  # noqa: F401 - registers <fy:year>
from prongsai import policy
from prongsai.agencies.login import ThrottledLoginView
from prongsai.measures import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        policy.public(ThrottledLoginView.as_view()),
        name="login",
    ),
    path("logout/", policy.public(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", policy.public(set_language), name="set_language"),
    path("a/<slug:slug>/<fy:year>/", views.agency_year, name="agency_year"),
    path("a/<slug:slug>/<fy:year>/measures/new/", views.measure_create, name="measure_create"),
    path("a/<slug:slug>/<fy:year>/export.json", views.export_json, name="export_json"),
    path("a/<slug:slug>/<fy:year>/export.csv", views.export_csv_view, name="export_csv"),
    path("a/<slug:slug>/m/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("a/<slug:slug>/m/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("a/<slug:slug>/m/<int:pk>/status/", views.status_create, name="status_create"),
    path("a/<slug:slug>/evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
