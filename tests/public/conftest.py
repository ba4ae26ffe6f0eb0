"""Fixtures of the public part: a fast PDF renderer, a clean cache, a published demo."""

import pytest
from django.core.cache import cache
from tests.public.helpers import approve, publish, submit

from prongsai.public import services_reports, views_public


@pytest.fixture(autouse=True)
def _clean_cache():
    # Rendered pages live in the cache and in each process's copies of immutable pages.
    cache.clear()
    views_public.forget_local_pages()
    yield
    cache.clear()
    views_public.forget_local_pages()


@pytest.fixture
def fake_pdf(monkeypatch):
    """Replace the Typst renderer by a tiny PDF naming what was asked (fast tests)."""
    calls = []

    def render(agency, fiscal_year, kind, as_of):
        calls.append((agency.slug, fiscal_year, kind, as_of))
        return f"%PDF-1.4 fake {agency.slug} {fiscal_year} {kind} {as_of} {len(calls)}".encode()

    monkeypatch.setattr(services_reports, "render_report_pdf", render)
    return calls


@pytest.fixture
def published(demo, coordinator, executive, fake_pdf):
    """The demo's implementation report as of 31 March 2565, approved and published."""
    return publish(coordinator, approve(executive, submit(coordinator)))
