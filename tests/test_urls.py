"""Sweeping tests over every URL pattern (djangoproject.com style)."""

from django.urls import URLPattern, URLResolver, get_resolver

from prongsai.core.policy import policy_of


def walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def test_every_view_declares_its_policy():
    undeclared = [
        route for route, p in walk(get_resolver().url_patterns) if policy_of(p.callback) is None
    ]
    assert undeclared == [], f"views without @policy: {undeclared}"


def test_sweep_finds_views():
    routes = [route for route, _ in walk(get_resolver().url_patterns)]
    assert "a/<slug:slug>/<fy:year>/" in routes
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
    response = client.post("/a/ummao/0/reports/implementation/submit/", {"as_of": "2022-03-31"})
    assert response.status_code == 404
    assert client.get("/a/ummao/2565/").status_code == 200
