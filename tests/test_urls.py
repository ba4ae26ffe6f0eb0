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
        "a/<slug:slug>/<fy:year>/oit/",
        "a/<slug:slug>/<fy:year>/oit.xlsx",
    ):
        assert route in routes, route
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
    ):
        assert client.get(url).status_code == 404, url
    response = client.post("/a/ummao/0/reports/implementation/submit/", {"as_of": "31/03/2565"})
    assert response.status_code == 404
    assert client.get("/a/ummao/2565/").status_code == 200
