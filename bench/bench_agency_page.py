"""Median time of the agency-year page with 600 measures against a trivial logged-in view,
and against the same page with 60 measures (the page's cost should stay flat).

The page's body is cached per version of the agency's data (measures.year_page), so a
repeated view is served from the cache; the "first view after a change" lines measure the
same page with the cache emptied before every request, i.e. the work done once per change.

Run: .venv/bin/python bench/bench_agency_page.py
All are served in the same process by Django's test client on the same SQLite database.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _setup import django_with_demo, median_ms  # noqa: E402

REPEAT = 30


def main() -> None:
    django_with_demo()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from prongsai.agencies.models import Agency
    from prongsai.measures import selectors, services

    agency = Agency.objects.get(slug="ummao")
    user = get_user_model().objects.get(username="ummao-coordinator")
    divisions = list(agency.divisions.all())

    def add_measures(first: int, last: int) -> None:
        for i in range(first, last):
            measure = services.create_measure(
                actor=user,
                agency=agency,
                fiscal_year=2570,
                title=f"มาตรการทดสอบที่ {i}",
                steps=["ขั้นตอนที่หนึ่ง", "ขั้นตอนที่สอง"],
                divisions=divisions[i % 4 : i % 4 + 2],
            )
            services.report_status(actor=user, measure=measure, status="in_progress")

    client = Client()
    client.force_login(user)
    rows = min(selectors.PAGE_SIZE, 600)

    def agency_page() -> None:
        response = client.get("/a/ummao/2570/")
        # one page of the list (and its header row), whatever the number of measures
        assert response.status_code == 200 and response.content.count(b"<tr>") == rows + 1

    def trivial() -> None:
        # A page that reads nothing of the agency: the session, the user, the base template
        # (the home "/" used to be a bare redirect; it now counts what needs the person).
        assert client.get("/guide/").status_code == 200

    def agency_page_cold() -> None:
        cache.clear()
        agency_page()

    add_measures(0, 60)
    page_60_ms = median_ms(agency_page, REPEAT)
    cold_60_ms = median_ms(agency_page_cold, REPEAT)
    add_measures(60, 600)
    page_ms = median_ms(agency_page, REPEAT)
    cold_ms = median_ms(agency_page_cold, REPEAT)
    trivial_ms = median_ms(trivial, REPEAT)
    print(f"agency page, 60 measures:  median {page_60_ms:.1f} ms over {REPEAT} runs")
    print(f"agency page, 600 measures: median {page_ms:.1f} ms over {REPEAT} runs")
    print(f"first view after a change, 60 measures:  median {cold_60_ms:.1f} ms")
    print(f"first view after a change, 600 measures: median {cold_ms:.1f} ms")
    print(f"trivial logged-in page (/guide/): median {trivial_ms:.1f} ms over {REPEAT} runs")
    print(f"ratio: {page_ms / trivial_ms:.1f}x (target <= 3x)")
    print(f"first view after a change, ratio: {cold_ms / trivial_ms:.1f}x")
    print(f"600 measures against 60: {page_ms / page_60_ms:.2f}x")
    print(f"600 measures against 60, first view after a change: {cold_ms / cold_60_ms:.2f}x")


if __name__ == "__main__":
    main()
