"""Thai unless the person chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which on the many agency
PCs with an English Windows would show English to Thai staff. Here only the language
cookie (set by the language switch) or the session changes the language.
"""

from collections.abc import Callable

from django.conf import settings
from django.db.models import Choices
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def thai_label(choice: Choices) -> str:
    """A choice's Thai label whatever the screen's language: documents, published and
    exported data, and the audit record are Thai."""
    with translation.override("th"):
        return str(choice.label)


class ThaiFirstLocaleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def in_active_language(th: str, en: str) -> str:
    """The text of a message from the pure layers (thai, ita), which know no Django and so
    carry it in both languages, in the active language; like gettext, chosen when called."""
    return en if (translation.get_language() or "").startswith("en") else th
