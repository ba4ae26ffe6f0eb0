"""One's own account: the account page, changing the password, and the forgotten-password
reset by e-mail (through a real SMTP server on loopback, tests/smtp.py)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from tests.logs import log_text

from prongsai.demo.agency import PASSWORD
from prongsai.web.account import RESET_PER_ADDRESS, RESET_PER_CLIENT

NEW = "ฝนตกที่อุ่มเม่า-2569"
SITE = "https://prongsai.example.go.th"
RESET_LINK = re.compile(re.escape(SITE) + r"(/account/reset/[A-Za-z0-9_-]+/[A-Za-z0-9_-]+/)")


@pytest.fixture
def person(db):
    return get_user_model().objects.create_user(
        "somchai@example.org", "somchai@example.org", password=PASSWORD
    )


def html_of(response) -> str:
    return response.content.decode()


def test_the_header_links_to_the_account_page_and_login_to_the_reset(demo, coordinator, as_user):
    client = as_user(coordinator)
    home = html_of(client.get("/"))
    assert 'href="/account/"' in home
    page = html_of(client.get("/account/"))
    assert "บัญชีของฉัน" in page and "ummao-coordinator" in page
    assert 'href="/account/password/"' in page and 'href="/a/ummao/people/"' in page
    assert "ลืมรหัสผ่าน" in html_of(Client().get("/login/"))
    assert 'href="/account/reset/"' in html_of(Client().get("/login/"))


def test_changing_the_password(demo, viewer, as_user, every_logger_at_debug):
    client = as_user(viewer)
    form = html_of(client.get("/account/password/"))
    assert "รหัสผ่านใหม่" in form and "อย่างน้อย 10 ตัวอักษร" in form
    for old, new1, new2, message in (
        ("wrong-password", NEW, NEW, "รหัสผ่านปัจจุบันไม่ถูกต้อง"),
        (PASSWORD, "short", "short", "สั้นเกินไป"),
        (PASSWORD, "12345678901", "12345678901", "ตัวเลขล้วน"),
        (PASSWORD, NEW, NEW + "!", "ไม่ตรงกัน"),
    ):
        answer = client.post(
            "/account/password/",
            {"old_password": old, "new_password1": new1, "new_password2": new2},
        )
        assert answer.status_code == 200 and message in html_of(answer), message
        for english in ("didn", "This password", "incorrectly", "too short"):
            assert english not in html_of(answer), english
    viewer.refresh_from_db()
    assert viewer.check_password(PASSWORD)
    answer = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    )
    assert answer.status_code == 302 and answer["Location"] == "/account/"
    assert "เปลี่ยนรหัสผ่านแล้ว" in html_of(client.get("/account/"))  # still logged in
    viewer.refresh_from_db()
    assert viewer.check_password(NEW)
    logs = log_text(every_logger_at_debug)
    assert NEW not in logs and PASSWORD not in logs


def test_a_forgotten_password_is_reset_through_the_mailed_link(
    person, smtp_server, settings, every_logger_at_debug
):
    settings.SITE_URL = SITE
    client = Client()
    assert "อีเมล" in html_of(client.get("/account/reset/"))
    # the link is built on SITE_URL, not on the Host the request names
    answer = client.post("/account/reset/", {"email": "Somchai@Example.org"}, HTTP_HOST="localhost")
    assert answer.status_code == 302 and answer["Location"] == "/account/reset/sent/"
    [mail] = smtp_server.wait_for(1)
    assert smtp_server.recipients == [["somchai@example.org"]]
    assert mail["subject"].strip() == "ตั้งรหัสผ่านใหม่สำหรับระบบโปร่งใส"
    body = mail.get_body().get_content()
    assert "somchai@example.org" in body and "24 ชั่วโมง" in body
    path = RESET_LINK.search(body).group(1)
    assert "localhost" not in body

    opened = client.get(path)
    assert opened.status_code == 302 and opened["Referrer-Policy"] == "same-origin"
    form = client.get(opened["Location"])
    assert form.status_code == 200 and 'name="new_password1"' in html_of(form)
    weak = client.post(opened["Location"], {"new_password1": "1234", "new_password2": "1234"})
    assert "สั้นเกินไป" in html_of(weak)
    done = client.post(opened["Location"], {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == "/account/reset/done/"
    assert "ตั้งรหัสผ่านใหม่แล้ว" in html_of(client.get(done["Location"]))
    person.refresh_from_db()
    assert person.check_password(NEW)
    # the link works once
    again = Client().get(path)
    assert again.status_code == 200 and "ใช้ไม่ได้แล้ว" in html_of(again)
    assert 'name="new_password1"' not in html_of(again)

    logs = log_text(every_logger_at_debug)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in logs and NEW not in logs and PASSWORD not in logs
    assert NEW not in smtp_server.everything() and PASSWORD not in smtp_server.everything()


def test_the_reset_gives_no_hint_whether_an_address_has_an_account(person, smtp_server):
    known = Client().post("/account/reset/", {"email": "somchai@example.org"})
    unknown = Client().post("/account/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    page = html_of(Client().get(known["Location"]))
    assert "หากอีเมลที่กรอกเป็นอีเมลของบัญชีในระบบ" in page
    smtp_server.wait_for(1)
    assert smtp_server.recipients == [["somchai@example.org"]]


def test_demo_accounts_without_an_address_get_no_mail(demo, smtp_server):
    answer = Client().post("/account/reset/", {"email": "ummao-coordinator"})
    assert answer.status_code == 200 and "อีเมล" in html_of(answer)
    assert smtp_server.messages == []


def test_the_reset_is_limited_per_address(person, smtp_server):
    client = Client(REMOTE_ADDR="198.51.100.9")
    for _ in range(RESET_PER_ADDRESS):
        assert client.post("/account/reset/", {"email": "somchai@example.org"}).status_code == 302
    refused = client.post("/account/reset/", {"email": "SOMCHAI@example.org"})
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "หลายครั้งเกินไป" in html_of(refused)
    smtp_server.wait_for(RESET_PER_ADDRESS)
    # the same refusal for an address without an account: the limit tells nothing
    for _ in range(RESET_PER_ADDRESS):
        client.post("/account/reset/", {"email": "nobody@example.org"})
    assert client.post("/account/reset/", {"email": "nobody@example.org"}).status_code == 429
    # another address from elsewhere is still served
    other = Client(REMOTE_ADDR="192.0.2.44").post("/account/reset/", {"email": "x@example.org"})
    assert other.status_code == 302
    assert len(smtp_server.messages) == RESET_PER_ADDRESS


def test_the_reset_is_limited_per_client(db, smtp_server):
    client = Client(REMOTE_ADDR="198.51.100.10")
    for i in range(RESET_PER_CLIENT):
        assert client.post("/account/reset/", {"email": f"p{i}@example.org"}).status_code == 302
    assert client.post("/account/reset/", {"email": "fresh@example.org"}).status_code == 429
    fresh = Client(REMOTE_ADDR="192.0.2.45").post("/account/reset/", {"email": "fresh@example.org"})
    assert fresh.status_code == 302
