"""403, 404 and 500 are Thai pages in the site's layout that say why and lead back home."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False  # Django renders 403.html / 404.html / 500.html only then


def assert_thai_page_with_a_way_home(html: str) -> None:
    assert '<html lang="th">' in html
    assert 'href="/static/css/app.css"' in html  # the site's layout
    assert 'href="/">' in html or 'href="/" ' in html
    assert "กลับหน้าหลัก" in html
    assert "Forbidden" not in html and "Not Found" not in html


def test_403_says_why_in_thai(as_user, reporter_chang):
    response = as_user(reporter_chang).get("/a/ummao/2565/import/")
    assert response.status_code == 403
    html = response.content.decode()
    assert_thai_page_with_a_way_home(html)
    # the PermissionDenied message of the access rule
    assert "บทบาทของท่านไม่มีสิทธิ์ทำรายการนี้ (เฉพาะผู้ประสานงาน ITA)" in html
    assert "ท่านไม่มีสิทธิ์ใช้หน้านี้" in html


def test_403_of_another_divisions_status_form(as_user, demo, reporter_chang):
    from prongsai.measures.models import Measure

    measure = Measure.objects.get(agency=demo, fiscal_year=2565, number=4)  # สำนักปลัด only
    response = as_user(reporter_chang).get(f"/a/ummao/m/{measure.pk}/status/")
    assert response.status_code == 403
    assert "ท่านรายงานได้เฉพาะมาตรการของส่วนราชการของท่าน" in response.content.decode()


def test_403_of_the_history_for_a_reporter(as_user, reporter_chang):
    response = as_user(reporter_chang).get("/a/ummao/history/")
    assert response.status_code == 403
    assert_thai_page_with_a_way_home(response.content.decode())


def test_404_in_thai(as_user, coordinator, outsider):
    for client, url in [
        (as_user(coordinator), "/no/such/page/"),
        (as_user(outsider), "/a/ummao/2565/"),  # another agency's page: not revealed
        (as_user(None), "/p/no-such-agency/"),
    ]:
        response = client.get(url)
        assert response.status_code == 404
        html = response.content.decode()
        assert_thai_page_with_a_way_home(html)
        assert "ไม่พบหน้าที่ต้องการ" in html


def test_500_needs_no_request_context_and_no_database():
    # No database fixture: pytest-django fails any query, so rendering proves none is made;
    # server_error renders with a bare Context (no context processors run).
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert_thai_page_with_a_way_home(html)
    assert "ระบบขัดข้องชั่วคราว" in html


def test_error_pages_in_english_when_chosen(as_user, coordinator, english, settings):
    client = as_user(coordinator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/no/such/page/")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Back to the home page" in html
