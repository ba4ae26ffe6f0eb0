"""Site-wide routes: home, log-in, log-out, language, the user guide."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from prongsai.core import policy
from prongsai.web import views
from prongsai.web.login import ThrottledLoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", policy.public(ThrottledLoginView.as_view()), name="login"),
    path("logout/", policy.public(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", policy.public(set_language), name="set_language"),
    path("guide/", views.guide_index, name="guide"),
    path("guide/<slug:name>/", views.guide_page, name="guide_page"),
]
