"""The registry's pages: invitations (/invite/…) and the coordinator's people pages."""

from django.urls import path

from prongsai.registry import views_invite, views_people
from prongsai.registry.invitations import INVITATION_URL_NAME

people_urlpatterns = [
    path("invite/<str:token>/", views_invite.accept, name=INVITATION_URL_NAME),
    path("a/<slug:slug>/people/", views_people.people, name="people"),
    path("a/<slug:slug>/people/invite/", views_people.invite, name="people_invite"),
    path("a/<slug:slug>/people/<int:member_pk>/", views_people.member, name="people_member"),
    path(
        "a/<slug:slug>/people/<int:member_pk>/resend/",
        views_people.resend,
        name="people_resend",
    ),
    path(
        "a/<slug:slug>/people/<int:member_pk>/deactivate/",
        views_people.deactivate,
        name="people_deactivate",
    ),
    path(
        "a/<slug:slug>/people/<int:member_pk>/reactivate/",
        views_people.reactivate,
        name="people_reactivate",
    ),
]

urlpatterns = people_urlpatterns
