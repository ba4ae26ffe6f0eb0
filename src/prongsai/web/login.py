"""Log-in with throttling and a cool-off.

Failures are counted per (user name, client) and per client in the cache under keyed
hashes, never stored. After LOGIN_FAILURES_PER_USER failures for one name from one client,
or LOGIN_FAILURES_PER_CLIENT from one client, that client waits LOGIN_COOL_OFF_SECONDS.
Because the count is per client, an attacker elsewhere cannot lock a person out of their
own account, and every lock ends by itself.
"""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

LOGIN_FAILURES_PER_USER = 5
LOGIN_FAILURES_PER_CLIENT = 30
LOGIN_COOL_OFF_SECONDS = 15 * 60


def _key(*parts: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), "|".join(parts).encode(), hashlib.sha256
    ).hexdigest()
    return f"login-fail:{digest[:32]}"


def _keys(request: HttpRequest, username: str) -> tuple[str, str]:
    client = request.META.get("REMOTE_ADDR", "")
    return _key("user", username.strip().lower(), client), _key("client", client)


def _count(key: str) -> int:
    return int(cache.get(key, 0))


def _fail(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, LOGIN_COOL_OFF_SECONDS)


class ThrottledLoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user_key, client_key = _keys(request, request.POST.get("username", ""))
        if (
            _count(user_key) >= LOGIN_FAILURES_PER_USER
            or _count(client_key) >= LOGIN_FAILURES_PER_CLIENT
        ):
            return render(
                request,
                self.template_name,
                {
                    "form": self.get_form(),
                    "throttled": True,
                    "minutes": LOGIN_COOL_OFF_SECONDS // 60,
                },
                status=429,
            )
        response: HttpResponse = super().post(request, *args, **kwargs)
        if response.status_code == 200:  # the form came back: wrong name or password
            _fail(user_key)
            _fail(client_key)
        else:
            cache.delete(user_key)
        return response
