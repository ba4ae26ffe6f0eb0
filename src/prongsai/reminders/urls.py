from django.urls import path

from prongsai.reminders import views

urlpatterns = [
    path("a/<slug:slug>/reminders/", views.agency_notifications, name="agency_notifications"),
    path("account/reminders/", views.reminder_settings, name="reminder_settings"),
]
