"""An agency-year without measures says what to do next instead of "no measures match"."""

NO_MATCH = "ไม่มีมาตรการตามเงื่อนไขนี้"


def test_an_empty_year_says_how_to_start_it(as_user, demo, coordinator):
    html = as_user(coordinator).get("/a/ummao/2570/").content.decode()
    assert NO_MATCH not in html
    assert "ปีงบประมาณ 2570 ยังไม่มีมาตรการ" in html
    assert "ยกมาตรการของปี 2565 มาใช้ต่อ" in html  # the latest earlier year with measures
    assert 'href="/a/ummao/2570/import/"' in html
    assert 'href="/a/ummao/2570/measures/new/"' in html
    assert 'href="/a/ummao/2565/"' in html  # the latest year that has measures
    assert "0</b>มาตรการทั้งหมด" not in html  # no empty summary


def test_an_empty_year_tells_other_roles_who_starts_it(as_user, demo, viewer):
    html = as_user(viewer).get("/a/ummao/2570/").content.decode()
    assert NO_MATCH not in html
    assert "ผู้ประสานงาน ITA ของหน่วยงานจะเริ่มปีนี้" in html
    assert "/a/ummao/2570/import/" not in html
    assert "/a/ummao/2570/measures/new/" not in html


def test_with_a_filter_set_the_empty_year_keeps_no_measures_match(as_user, demo, coordinator):
    client = as_user(coordinator)
    html = client.get("/a/ummao/2570/?status=done").content.decode()
    assert NO_MATCH in html
    assert "ยกมาตรการของปี" not in html
    # the htmx fragment too
    fragment = client.get("/a/ummao/2570/?status=done", HTTP_HX_REQUEST="true")
    assert NO_MATCH in fragment.content.decode()
    fragment = client.get("/a/ummao/2570/?status=", HTTP_HX_REQUEST="true")
    assert "ยกมาตรการของปี 2565" in fragment.content.decode()


def test_a_filter_that_matches_nothing_in_a_full_year(as_user, demo, coordinator):
    html = as_user(coordinator).get("/a/ummao/2565/?status=not_started").content.decode()
    assert NO_MATCH in html
    assert "ยกมาตรการของปี" not in html


def test_the_overdue_filter(as_user, demo, coordinator):
    html = as_user(coordinator).get("/a/ummao/2565/?need=overdue").content.decode()
    rows = html.split('id="measure-table"', 1)[1].split("</tbody>", 1)[0]
    assert rows.count("/a/ummao/m/") == 3  # measures 1, 2 and 5: in progress, due 31 Mar 2022
