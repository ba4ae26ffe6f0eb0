from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.measures import views, views_divisions, year_page

urlpatterns = [
    path("a/<slug:slug>/<fy:year>/", year_page.agency_year, name="agency_year"),
    path("a/<slug:slug>/<fy:year>/measures/new/", views.measure_create, name="measure_create"),
    path("a/<slug:slug>/<fy:year>/carry-over/", views.carry_over, name="carry_over"),
    path("a/<slug:slug>/<fy:year>/export.json", views.export_json, name="export_json"),
    path("a/<slug:slug>/<fy:year>/export.csv", views.export_csv_view, name="export_csv"),
    path("a/<slug:slug>/m/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("a/<slug:slug>/m/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("a/<slug:slug>/m/<int:pk>/status/", views.status_create, name="status_create"),
    path(
        "a/<slug:slug>/m/<int:pk>/updates/<int:update_pk>/withdraw/",
        views.status_withdraw,
        name="status_withdraw",
    ),
    path("a/<slug:slug>/divisions/", views_divisions.divisions, name="divisions"),
    path(
        "a/<slug:slug>/divisions/<int:division_pk>/rename/",
        views_divisions.division_rename,
        name="division_rename",
    ),
    path(
        "a/<slug:slug>/divisions/<int:division_pk>/move/",
        views_divisions.division_move,
        name="division_move",
    ),
    path(
        "a/<slug:slug>/divisions/<int:division_pk>/retire/",
        views_divisions.division_retire,
        name="division_retire",
    ),
    path(
        "a/<slug:slug>/divisions/<int:division_pk>/restore/",
        views_divisions.division_restore,
        name="division_restore",
    ),
    path("a/<slug:slug>/evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
]
