from django.urls import path, register_converter

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.oversight import views


class ProvinceCode:
    regex = r"[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class DistrictCode(ProvinceCode):
    regex = r"[0-9]{4}"


register_converter(ProvinceCode, "province")
register_converter(DistrictCode, "district")

app_name = "oversight"
urlpatterns = [
    path("o/<fy:year>/", views.national, name="national"),
    path("o/<fy:year>/export/", views.export_in_background, name="export"),
    path("o/<fy:year>/a/<slug:slug>/", views.agency_year, name="agency"),
    path("o/<fy:year>/<province:province>/", views.province, name="province"),
    path("o/<fy:year>/<province:province>/<district:district>/", views.district, name="district"),
    path(
        "o/<fy:year>/<province:province>/export/",
        views.export_in_background,
        name="province_export",
    ),
    path(
        "o/<fy:year>/<province:province>/<district:district>/export/",
        views.export_in_background,
        name="district_export",
    ),
]
