"""One-time notes from a POST to the page it redirects to (Post/Redirect/Get).

The note travels in a short-lived signed cookie limited to the one page that reads it, and
that page deletes it as it reads it, so a reload finds nothing. A complaint's receipt code
and the link of an invitation are such notes: a session would write them in clear into the
database (and so into backups), while the cookie keeps them in the browser of the person
they are for, for at most NOTE_MAX_AGE seconds.
"""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

NOTE_MAX_AGE = 600  # seconds between the POST and the page that shows its note


def _salt(name: str, slug: str) -> str:
    return f"prongsai.flash:{name}:{slug}"


def leave(response: HttpResponse, name: str, slug: str, value: str, path: str) -> None:
    """Leave `value` for the next GET of `path` (the redirect's target) only."""
    response.set_signed_cookie(
        name,
        value,
        salt=_salt(name, slug),
        max_age=NOTE_MAX_AGE,
        path=path,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def read(request: HttpRequest, name: str, slug: str) -> str:
    """The note left for this page ("" when none or forged); `forget` it in the answer."""
    try:
        value = request.get_signed_cookie(name, salt=_salt(name, slug), max_age=NOTE_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return ""
    return str(value)


def forget(request: HttpRequest, response: HttpResponse, name: str, path: str) -> None:
    """Delete the note from the browser, so that a reload of the page finds nothing."""
    if name in request.COOKIES:
        response.delete_cookie(name, path=path, samesite="Strict")
