"""The project's URLs plus a stand-in for the invitation page when the project has none
yet, so the links the commands and pages print can be built and resolved in the tests."""

from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, path, reverse

from prongsai.core import policy
from prongsai.urls import urlpatterns as project_urlpatterns


@policy.public
def stand_in(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse(token)


def _has_invitation_page() -> bool:
    try:
        reverse("accept_invitation", args=["x"], urlconf="prongsai.urls")
    except NoReverseMatch:
        return False
    return True


urlpatterns = list(project_urlpatterns)
if not _has_invitation_page():
    urlpatterns.append(path("invite/<str:token>/", stand_in, name="accept_invitation"))
