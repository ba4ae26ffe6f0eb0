from django.urls import path

import prongsai.core.converters  # noqa: F401 - registers <fy:year>
from prongsai.public import views_public as public
from prongsai.public import views_staff as staff

app_name = "public"
urlpatterns = [
    path("healthz", public.healthz, name="healthz"),
    # Public, no log-in: stable short addresses, usable as OIT evidence links.
    path("p/<slug:slug>/", public.agency_index, name="agency"),
    path("p/<slug:slug>/feedback/", public.feedback, name="feedback"),
    path("p/<slug:slug>/feedback/receipt/", public.receipt, name="receipt"),
    path("p/<slug:slug>/feedback/case/", public.case_lookup, name="case_lookup"),
    path("p/<slug:slug>/stats/<fy:year>/", public.statistics, name="stats"),
    path("p/<slug:slug>/<fy:year>/", public.year_page, name="year"),
    path("p/<slug:slug>/<fy:year>/<slug:kind>.pdf", public.document_pdf, name="document"),
    # Staff: approval and publication of the agency-year's reports.
    path("a/<slug:slug>/<fy:year>/reports/", staff.reports, name="reports"),
    path(
        "a/<slug:slug>/<fy:year>/reports/<slug:kind>/submit/",
        staff.report_submit,
        name="report_submit",
    ),
    path(
        "a/<slug:slug>/<fy:year>/reports/<slug:kind>/head/",
        staff.report_head,
        name="report_head",
    ),
    path(
        "a/<slug:slug>/<fy:year>/reports/<slug:kind>/decide/",
        staff.report_decide,
        name="report_decide",
    ),
    path(
        "a/<slug:slug>/<fy:year>/reports/<slug:kind>/publish/",
        staff.report_publish,
        name="report_publish",
    ),
    path(
        "a/<slug:slug>/<fy:year>/reports/<slug:kind>/preview.pdf",
        staff.report_preview,
        name="report_preview",
    ),
    # Staff: the complaint officers' inbox.
    path("a/<slug:slug>/complaints/", staff.inbox, name="inbox"),
    path("a/<slug:slug>/complaints/<int:pk>/", staff.case_detail, name="case_detail"),
    path("a/<slug:slug>/complaints/<int:pk>/reply/", staff.case_reply, name="case_reply"),
    path("a/<slug:slug>/complaints/<int:pk>/state/", staff.case_state, name="case_state"),
    path(
        "a/<slug:slug>/complaints/<int:pk>/files/<int:file_pk>/",
        staff.case_attachment,
        name="case_attachment",
    ),
]
