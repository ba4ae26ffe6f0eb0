"""Every view declares who may use it.

    @policy.public            anyone, no log-in (public pages, feedback)
    @policy.authenticated     any logged-in user; object access is then decided by the
                              access helpers (agencies.access), which answer 404 for another
                              agency's objects and 403 for a role that may only look

tests/test_urls.py walks every URL pattern and fails on a view without a policy.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponseRedirect
from django.http.response import HttpResponseBase

View = TypeVar("View", bound=Callable[..., Any])
Params = ParamSpec("Params")
Request = TypeVar("Request", bound=HttpRequest)
Response = TypeVar("Response", bound=HttpResponseBase)

POLICY_ATTR = "access_policy"


def public(view: View) -> View:
    setattr(view, POLICY_ATTR, "public")
    return view


def authenticated(
    view: Callable[Concatenate[Request, Params], Response],
) -> Callable[Concatenate[Request, Params], Response | HttpResponseRedirect]:
    @wraps(view)
    def wrapper(
        request: Request, /, *args: Params.args, **kwargs: Params.kwargs
    ) -> Response | HttpResponseRedirect:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    setattr(wrapper, POLICY_ATTR, "authenticated")
    return wrapper


def policy_of(view: Callable[..., Any]) -> str | None:
    """The declared policy of a view function or class-based view (None if undeclared)."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "cls", None)):
        value = getattr(candidate, POLICY_ATTR, None)
        if value:
            return str(value)
    return None
