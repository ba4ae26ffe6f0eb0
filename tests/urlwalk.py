"""Every URL pattern of the project, for the tests that sweep them all."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    route: str  # the full pattern, e.g. "a/<slug:slug>/<fy:year>/"
    name: str  # "namespace:name" (just "name" outside a namespace)
    pattern: URLPattern


def walk(patterns=None, prefix: str = "", namespace: str = "") -> Iterator[Route]:
    """Each URL pattern under `patterns` (default: the project's), depth first."""
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from walk(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            yield Route(prefix + str(p.pattern), f"{namespace}{p.name}", p)
