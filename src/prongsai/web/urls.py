"""Site-wide routes: home, log-in, log-out, language, the user guide, one's own account
(password change, forgotten password)."""

from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.i18n import set_language

from prongsai.core import policy
from prongsai.web import account, views
from prongsai.web.login import ThrottledLoginView

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", policy.public(ThrottledLoginView.as_view()), name="login"),
    path("logout/", policy.public(auth_views.LogoutView.as_view()), name="logout"),
    path("i18n/setlang/", policy.public(set_language), name="set_language"),
    path("guide/", views.guide_index, name="guide"),
    path("guide/<slug:name>/", views.guide_page, name="guide_page"),
    path("account/", account.account, name="account"),
    path(
        "account/password/",
        policy.authenticated(account.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "account/reset/", policy.public(account.PasswordResetView.as_view()), name="password_reset"
    ),
    path(
        "account/reset/sent/",
        policy.public(account.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        policy.public(account.PasswordResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "account/reset/done/",
        policy.public(account.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
]
