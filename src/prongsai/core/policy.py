"""Every view declares who may use it.

    @policy.public            anyone, no log-in (public pages, feedback)
    @policy.authenticated     any logged-in user; object access is then decided by the
                              access helpers (agencies.access), which answer 404 for another
                              agency's objects and 403 for a role that may only look

tests/test_urls.py walks every URL pattern and fails on a view without a policy.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

View = TypeVar("View", bound=Callable[..., Any])

POLICY_ATTR = "access_policy"


def public(view: View) -> View:
    setattr(view, POLICY_ATTR, "public")
    return view


def authenticated(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        response: HttpResponse = view(request, *args, **kwargs)
        return response

    setattr(wrapper, POLICY_ATTR, "authenticated")
    return wrapper  # type: ignore[return-value]


def policy_of(view: Callable[..., Any]) -> str | None:
    """The declared policy of a view function or class-based view (None if undeclared)."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        value = getattr(candidate, POLICY_ATTR, None)
        if value:
            return str(value)
    return None
