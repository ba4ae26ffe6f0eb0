"""Log-in with throttling and a cool-off.

Attempts are counted per (user name, client) and per client under keyed hashes, never
under the name or address themselves (prongsai.web.throttle). Each attempt is counted
atomically, in the database every server process shares (prongsai.core.counters), BEFORE its password is checked, and refused when the count passes the limit, so a burst
of parallel attempts gets at most LOGIN_FAILURES_PER_USER passwords checked; a success
takes its attempt back and clears the name's count. After LOGIN_FAILURES_PER_USER
failures for one name from one client, or LOGIN_FAILURES_PER_CLIENT from one client, that
client waits LOGIN_COOL_OFF_SECONDS. Because the count is per client, an attacker
elsewhere cannot lock a person out of their own account, and every lock ends by itself.
The limits hold across every server process and machine of the site.
"""

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from prongsai.core import counters
from prongsai.web import throttle

LOGIN_FAILURES_PER_USER = 5
LOGIN_FAILURES_PER_CLIENT = 30
LOGIN_COOL_OFF_SECONDS = 15 * 60


def _keys(request: HttpRequest, username: str) -> tuple[str, str]:
    client = request.META.get("REMOTE_ADDR", "")
    return (
        throttle.key("login-fail", "user", username.strip().lower(), client),
        throttle.key("login-fail", "client", client),
    )


def _attempt(key: str) -> int:
    return throttle.attempt(key, LOGIN_COOL_OFF_SECONDS)


_take_back = throttle.take_back


class ThrottledLoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user_key, client_key = _keys(request, request.POST.get("username", ""))
        # Both counted before anything is checked: parallel requests each see their own
        # number, so only the first ones within the limits reach the password check.
        user_count = _attempt(user_key)
        client_count = _attempt(client_key)
        if user_count > LOGIN_FAILURES_PER_USER or client_count > LOGIN_FAILURES_PER_CLIENT:
            if client_count <= LOGIN_FAILURES_PER_CLIENT:
                _take_back(client_key)  # refused for the name only: no client failure
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
        if response.status_code != 200:  # signed in (a redirect): the attempt was no failure
            counters.clear(user_key)
            _take_back(client_key)
        return response
