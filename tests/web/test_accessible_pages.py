"""What a screen reader needs from every page, checked without a browser: a title naming
the page and the agency, a skip link to the main content, and choice groups in a fieldset
named by a legend (tests/e2e/test_accessibility.py runs axe-core on the same pages)."""

import re

from prongsai.measures.models import Measure


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_titles_are_distinct_and_name_the_agency(demo, as_user, coordinator):
    client = as_user(coordinator)
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    paths = [
        "/a/ummao/2565/",
        f"/a/ummao/m/{measure.pk}/",
        f"/a/ummao/m/{measure.pk}/status/",
        f"/a/ummao/m/{measure.pk}/edit/",
        "/a/ummao/2565/measures/new/",
        "/a/ummao/2565/import/",
        "/a/ummao/lint/",
        "/a/ummao/history/",
    ]
    titles = {}
    for path in paths:
        html = client.get(path).content.decode()
        title = title_of(html)
        assert title.endswith(" · เทศบาลตำบลอุ่มเม่า · โปร่งใส"), (path, title)
        assert title not in titles, (path, titles.get(title))
        titles[title] = path
        assert '<a class="skip" href="#main">ข้ามไปยังเนื้อหา</a>' in html
        assert '<main id="main" tabindex="-1">' in html
    assert titles["รายงานสถานะ (1) · เทศบาลตำบลอุ่มเม่า · โปร่งใส"]


def test_public_pages_have_skip_link_and_title(demo, client):
    html = client.get("/p/ummao/feedback/").content.decode()
    assert title_of(html) == "แสดงความคิดเห็น/ร้องเรียน · เทศบาลตำบลอุ่มเม่า · โปร่งใส"
    assert '<a class="skip" href="#main">ข้ามไปยังเนื้อหา</a>' in html


def test_choice_groups_are_fieldsets_with_legends(demo, as_user, coordinator):
    client = as_user(coordinator)
    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=1)
    status = client.get(f"/a/ummao/m/{measure.pk}/status/").content.decode()
    assert re.search(
        r'<fieldset class="choices"><legend>สถานะ</legend>\s*<div id="id_status"', status
    )
    new = client.get("/a/ummao/2565/measures/new/").content.decode()
    assert re.search(
        r'<fieldset class="choices"><legend>ผู้รับผิดชอบ</legend>\s*<div id="id_divisions"', new
    )
    for html in (status, new):
        assert 'for=""' not in html
        # every single-input field keeps its own label
        assert '<label for="id_note">' in html or '<label for="id_title">' in html
    # Errors of the group stay inside its fieldset.
    sent = client.post(f"/a/ummao/m/{measure.pk}/status/", {"reported_on": "2022-06-30"})
    html = sent.content.decode()
    group = re.search(r'<fieldset class="choices">.*?</fieldset>', html, re.S).group(0)
    assert "errorlist" in group
