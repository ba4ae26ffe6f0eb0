from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.oit import views

app_name = "oit"
urlpatterns = [
    path("a/<slug:slug>/<fy:year>/oit/", views.checklist, name="checklist"),
    path("a/<slug:slug>/<fy:year>/oit/open/", views.open_view, name="open"),
    path("a/<slug:slug>/<fy:year>/oit.xlsx", views.checklist_xlsx, name="xlsx"),
    path("a/<slug:slug>/<fy:year>/oit/<str:code>/", views.item_edit, name="item"),
]
