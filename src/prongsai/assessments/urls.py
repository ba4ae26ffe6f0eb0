from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.assessments import views

app_name = "assessments"
urlpatterns = [
    path("a/<slug:slug>/<fy:year>/result/", views.result_view, name="result"),
    path("a/<slug:slug>/<fy:year>/result/import/", views.result_import, name="result_import"),
    path("a/<slug:slug>/<fy:year>/result/template.csv", views.template_csv, name="template_csv"),
    path(
        "a/<slug:slug>/<fy:year>/result/template.xlsx",
        views.template_xlsx,
        name="template_xlsx",
    ),
    path("a/<slug:slug>/<fy:year>/analysis/", views.analysis_view, name="analysis"),
    path(
        "a/<slug:slug>/<fy:year>/analysis/suggestions/<slug:key>/",
        views.adopt_suggestion,
        name="adopt_suggestion",
    ),
    path("a/<slug:slug>/charts/indicators.svg", views.indicators_svg, name="indicators_svg"),
    path("a/<slug:slug>/<fy:year>/charts/tools.svg", views.tools_svg, name="tools_svg"),
]
