"""Sweeping tests over every URL pattern (djangoproject.com style)."""

from prongsai.core.policy import policy_of
from tests.urlwalk import walk


def test_every_view_declares_its_policy():
    undeclared = [r.route for r in walk() if policy_of(r.pattern.callback) is None]
    assert undeclared == [], f"views without @policy: {undeclared}"


def test_sweep_finds_views():
    routes = [r.route for r in walk()]
    assert "a/<slug:slug>/<fy:year>/" in routes
    assert "a/<slug:slug>/<fy:year>/carry-over/" in routes
    for route in (
        "invite/<str:token>/",
        "a/<slug:slug>/people/",
        "account/password/",
        "a/<slug:slug>/<fy:year>/links/",
        "a/<slug:slug>/<fy:year>/links/check/",
        "a/<slug:slug>/<fy:year>/oit/",
        "a/<slug:slug>/<fy:year>/oit.xlsx",
    ):
        assert route in routes, route
    assert "o/<fy:year>/<province:province>/<district:district>/" in routes
    assert len(routes) >= 10


def test_the_sweep_catches_an_undeclared_view():
    def naked(request):
        return None

    assert policy_of(naked) is None


def test_years_outside_the_fiscal_range_are_not_urls(demo, coordinator, as_user):
    client = as_user(coordinator)
    for url in (
        "/a/ummao/0/",
        "/a/ummao/99999/",
        "/a/ummao/0/memo/implementation.pdf",
        "/a/ummao/2499/reports/",
        "/p/ummao/2701/",
        "/a/ummao/2499/links/",
    ):
        assert client.get(url).status_code == 404, url
    response = client.post("/a/ummao/0/reports/implementation/submit/", {"as_of": "31/03/2565"})
    assert response.status_code == 404
    assert client.get("/a/ummao/2565/").status_code == 200


def test_oversight_places_are_dopa_codes(demo, db):
    from django.contrib.auth import get_user_model

    from prongsai.agencies.models import SiteAccess, SiteRole
    from tests.conftest import client_for

    user = get_user_model().objects.create_user("national@example.org")
    SiteAccess.objects.create(user=user, role=SiteRole.OVERSIGHT, scope_code="")
    client = client_for(user)
    for url in ("/o/0/", "/o/2701/", "/o/2565/4/", "/o/2565/abc/", "/o/2565/46/460/",
                "/o/2565/46/46070/", "/o/2565/46/4607/x/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
    assert client.get("/o/2565/46/4607/").status_code == 200
